from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pagination whose page size is chosen with ``page_size``, up to a cap.

    A page size over the cap (or not a positive whole number) is a 400 naming the parameter,
    rather than being silently clamped: a client asking for 5000 rows must learn it got fewer.
    """

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Number of results per page (1 to {settings.API_MAX_PAGE_SIZE})."
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({"page_size": [f"Must be a whole number, not {raw!r}."]}) from None
        if size < 1 or size > self.max_page_size:
            raise ValidationError({"page_size": [f"Must be between 1 and {self.max_page_size}; got {size}."]})
        return size
