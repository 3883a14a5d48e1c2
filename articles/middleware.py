"""Middleware: refuse requests that no page of the archive can answer sensibly."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse

API_PREFIX = "/api/"


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte in the path or the query string.

    No slug, code, search or filter value contains one, and PostgreSQL refuses
    NUL in text parameters, so such a request would otherwise reach a query and
    fail with a server error. Form posts are covered by Django's form fields,
    which already reject NUL characters with a validation error. API clients get
    the API's JSON error, naming the parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _nul_in(request)
        if where is None:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            error = {"param": where, "message": "contains a NUL byte"}
            return JsonResponse(
                {"detail": "Some parameters could not be used.", "errors": [error]}, status=400
            )
        raise BadRequest("NUL byte in the request URL.")


def _nul_in(request) -> str | None:
    """The name of the first parameter holding a NUL byte ("path" for the path), or None."""
    if "\x00" in request.path_info:
        return "path"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "") or "query"
    return None
