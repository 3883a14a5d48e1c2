"""The API object: version 1, read-only, throttled for anonymous clients, 400 for bad input."""

from __future__ import annotations

from django.conf import settings
from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError
from ninja.throttling import AnonRateThrottle

from . import articles, entities
from .pagination import BadRequest


class AnonymousRateThrottle(AnonRateThrottle):
    """Limits clients that are not signed in, at ``settings.API_ANON_RATE`` read per request."""

    def __init__(self):
        super().__init__(rate=settings.API_ANON_RATE)

    def allow_request(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        if self.rate != settings.API_ANON_RATE:
            self.rate = settings.API_ANON_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Diplomatic coverage archive API",
    version="1",
    description=(
        "Read-only access to the archive: articles with the article list's filters, people, "
        "countries, sources and quote clusters. Lists use cursor pagination: follow `next`."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    throttle=[AnonymousRateThrottle()],
)
api.add_router("", articles.router)
api.add_router("", entities.router)


def _bad_request(request, errors: list[tuple[str, str]]):
    body = {
        "detail": "Some parameters could not be used.",
        "errors": [{"param": param, "message": message} for param, message in errors],
    }
    return api.create_response(request, body, status=400)


@api.exception_handler(BadRequest)
def bad_request(request, exc: BadRequest):
    return _bad_request(request, exc.errors)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "params")]
        errors.append((location[-1] if location else "request", str(error.get("msg", "invalid"))))
    return _bad_request(request, errors)


@api.exception_handler(Throttled)
def throttled(request, exc: Throttled):
    response = api.create_response(
        request, {"detail": "Too many requests: slow down and try again later."}, status=429
    )
    if exc.wait is not None:
        response["Retry-After"] = str(max(1, round(exc.wait)))
    return response
