"""Caps the size of query strings on API paths (env API_MAX_QUERY_STRING, in bytes)."""

from django.conf import settings

from config.errors import API_PREFIX, json_error


class QueryStringLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            limit = settings.API_MAX_QUERY_STRING
            size = len(request.META.get("QUERY_STRING", "").encode("latin-1", "replace"))
            if size > limit:
                return json_error(414, f"The query string is {size} bytes long; the limit is {limit} bytes.")
        return self.get_response(request)
