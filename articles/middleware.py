"""Middleware: refuse requests that no page of the archive can answer sensibly."""

from django.core.exceptions import BadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte in the path or the query string.

    No slug, code, search or filter value contains one, and PostgreSQL refuses
    NUL in text parameters, so such a request would otherwise reach a query and
    fail with a server error. Form posts are covered by Django's form fields,
    which already reject NUL characters with a validation error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or _has_nul(request.GET):
            raise BadRequest("NUL byte in the request URL.")
        return self.get_response(request)


def _has_nul(query) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query.lists()
    )
