"""Ordering shared by every list endpoint: explicit fields, a 400 for anything else, always stable."""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """DRF's OrderingFilter, but an unknown ordering value is a 400 instead of being ignored.

    Without ``ordering`` the queryset keeps its order (the model's default, or (updated_at, id)
    when ``updated_after`` is given); with it, ``id`` is appended so pages never overlap.
    """

    ordering_description = "Sort by these fields, comma-separated; prefix with - for descending."

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return None
        if "updated_after" in request.query_params:
            raise ValidationError({self.ordering_param: [
                "Cannot be combined with updated_after, whose results always come in "
                "(updated_at, id) order."]})
        fields = [param.strip() for param in params.split(",") if param.strip()]
        valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
        invalid = [term for term in fields if term.lstrip("-") not in valid]
        if invalid or not fields:
            allowed = ", ".join(sorted(valid))
            raise ValidationError({self.ordering_param: [
                f"Unknown ordering {', '.join(invalid) or repr(params)}; use one of: {allowed} "
                "(prefix - for descending)."]})
        if not any(term.lstrip("-") == "id" for term in fields):
            fields.append("id")
        return fields
