"""Refuses, on API paths, requests no endpoint can answer sensibly, before any view runs.

- A query string longer than API_MAX_QUERY_STRING bytes: JSON 414 naming the limit.
- A NUL character in the path or in a query parameter: JSON 400 naming where. PostgreSQL cannot
  store or compare text containing NUL, so such a slug would otherwise be a database error (500).
"""

from django.conf import settings
from django.http import JsonResponse

from config.errors import API_PREFIX, json_error

NUL = "\x00"
NUL_MESSAGE = "Null characters are not allowed."


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def refusal(request):
        limit = settings.API_MAX_QUERY_STRING
        size = len(request.META.get("QUERY_STRING", "").encode("latin-1", "replace"))
        if size > limit:
            return json_error(414, f"The query string is {size} bytes long; the limit is {limit} bytes.")
        if NUL in request.path:
            return json_error(400, f"The URL path contains a null character. {NUL_MESSAGE}")
        for name, values in request.GET.lists():
            if NUL in name or any(NUL in value for value in values):
                return JsonResponse({name.replace(NUL, "\\0"): [NUL_MESSAGE]}, status=400)
        return None
