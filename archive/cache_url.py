"""Django cache settings from one URL (CACHE_URL), like DATABASE_URL for the database."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def cache_from_url(url: str, *, alias: str, max_entries: int | None = None) -> dict:
    """One cache alias's settings from ``url``, kept apart from the other aliases' entries.

    ``locmem://`` (each process its own, the default), ``redis://host:6379/0`` (needs the
    ``redis`` package), ``memcached://host:11211`` (needs ``pymemcache``), ``db://name``
    (tables ``name_<alias>``, made by ``manage.py createcachetable``),
    ``file:///var/cache/archive``, ``dummy://`` (keeps nothing).
    """
    parts = urlsplit(url)
    backend = BACKENDS.get(parts.scheme)
    if backend is None:
        raise ImproperlyConfigured(
            f"CACHE_URL: unknown scheme {parts.scheme!r} in {url!r}; use one of "
            + ", ".join(f"{scheme}://" for scheme in BACKENDS)
        )
    config: dict = {"BACKEND": backend, "KEY_PREFIX": alias}
    if parts.scheme == "locmem":
        config["LOCATION"] = f"{parts.netloc or 'archive'}-{alias}"
    elif parts.scheme in ("redis", "rediss"):
        config["LOCATION"] = url
    elif parts.scheme == "memcached":
        config["LOCATION"] = parts.netloc
    elif parts.scheme == "db":
        # A table per alias: the database backend culls a table as a whole.
        config["LOCATION"] = f"{parts.netloc or parts.path.strip('/') or 'archive_cache'}_{alias}"
    elif parts.scheme == "file":
        if not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL: a file cache needs an absolute path: {url!r}")
        config["LOCATION"] = f"{parts.path.rstrip('/')}/{alias}"
    if max_entries and parts.scheme in ("locmem", "db", "file"):
        config["OPTIONS"] = {"MAX_ENTRIES": max_entries}
    return config
