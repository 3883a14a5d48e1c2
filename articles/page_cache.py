"""Rendered public pages kept for anonymous visitors, keyed on the archive's data version.

A page is served from the cache only to a request that carries no session or messages cookie
and no credentials (so no editor, and no visitor with a pending message), for GET and HEAD,
outside the admin, the accounts pages and the API (which counts requests per client). The
key is the archive's data version (``articles/services/versions.py`` bumps it after every
committed change), the code release, the scheme, the host and the full path with its query
string: everything a public page depends on. A change to the data therefore makes every
cached page stale at once, and the next request renders afresh; no entry is ever deleted or
needs to be, old ones fall out by age or when the cache is full.

A response is stored only when it is a complete 200 that sets no cookie, rendered no CSRF
token, does not ask not to be cached (``Cache-Control: private``, ``no-cache``, ``no-store``,
``max-age=0``) and varies on nothing but the cookie header. Stored pages, and every page that
could be stored, carry an ``ETag`` made from the key, so a browser that revalidates gets a
304 with no rendering and no cache read.

Reading the version costs one query per request; it is what makes a change visible to the
very next request in every worker process, whichever process made it.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from articles.selectors.versions import archive_version

SAFE_METHODS = ("GET", "HEAD")
KEY_PREFIX = "page:"
# Never cached: pages for signed-in users, the sign-in pages, and the API (rate-limited).
EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/api/")
REFUSING_CACHE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")
# Bodies larger than this are stored compressed (article pages are mostly marked-up text).
COMPRESS_FROM = 16 * 1024
# What the release token hashes when PAGE_CACHE_RELEASE is not set: the code and templates.
RELEASE_SOURCES = ("archive", "articles", "templates")
RELEASE_SUFFIXES = frozenset({".py", ".html", ".txt", ".xml", ".toml"})


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the ``pages`` cache (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not cacheable_request(request):
            return self.get_response(request)
        version = archive_version()
        if version is None:
            return self.get_response(request)
        key = page_key(request, version)
        etag = f'"{key.removeprefix(KEY_PREFIX)[:32]}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag
            return not_modified
        cache = caches[settings.PAGE_CACHE_ALIAS]
        entry = cache.get(key)
        if entry is not None:
            return _response(entry)
        response = self.get_response(request)
        if storable_response(request, response, max_bytes=settings.PAGE_CACHE_MAX_BYTES):
            response["ETag"] = etag
            cache.set(key, _entry(response), seconds)
        return response


def cacheable_request(request) -> bool:
    """Whether the cache may answer ``request``: anonymous, cookie-free as far as it matters."""
    if request.method not in SAFE_METHODS or request.path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def storable_response(request, response, *, max_bytes: int) -> bool:
    """Whether ``response`` is the same for every anonymous visitor, and small enough to keep."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower().replace(" ", "")
    if any(word in cache_control.split(",") for word in REFUSING_CACHE_CONTROL):
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return varies <= {"cookie"} and len(response.content) <= max_bytes


def page_key(request, version: str) -> str:
    """The cache key: data version, release, scheme, host and full path with query string."""
    parts = (version, release(), request.scheme, request.get_host(), request.get_full_path())
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


@functools.cache
def release() -> str:
    """The code release the pages were rendered by: PAGE_CACHE_RELEASE, else a hash of the code.

    A shared cache (Redis, the database) outlives a deploy; pages rendered by the old templates
    must not be served by the new code, nor the old ETags honoured.
    """
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    files = [
        path
        for folder in RELEASE_SOURCES
        for path in (base / folder).rglob("*")
        if path.suffix in RELEASE_SUFFIXES and "migrations" not in path.parts
    ]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    for path in sorted(files) + ([manifest] if manifest.is_file() else []):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _entry(response) -> tuple:
    content = response.content
    compressed = len(content) >= COMPRESS_FROM
    if compressed:
        content = zlib.compress(content, 1)
    return response.status_code, list(response.items()), compressed, content


def _response(entry: tuple) -> HttpResponse:
    status, headers, compressed, content = entry
    response = HttpResponse(zlib.decompress(content) if compressed else content, status=status)
    for name, value in headers:
        response[name] = value
    return response
