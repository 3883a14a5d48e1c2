"""Settings for the archive, read from the environment.

Safe defaults for a newcomer (SQLite beside the code, DEBUG only when asked
for), production values from environment variables, and a refusal to start
half-configured: without SECRET_KEY and with DEBUG off, start-up fails.
Every variable is listed in the README's configuration table.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from archive.cache_url import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def client_address_settings(proxy_count: int) -> dict:
    """Where django-axes (through ipware) finds the client's address.

    With no proxy it is REMOTE_ADDR and X-Forwarded-For, which anyone can send,
    is ignored. Behind ``proxy_count`` reverse proxies that each append the
    address they received from to X-Forwarded-For, the client is the entry the
    outermost proxy appended, the ``proxy_count``-th from the right; whatever the
    client wrote further left is ignored. Without the header: REMOTE_ADDR.
    """
    if not proxy_count:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",)}
    return {
        # ipware counts the proxies named in the header; the innermost is REMOTE_ADDR.
        "AXES_IPWARE_PROXY_COUNT": proxy_count - 1,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        # Take the proxies' entries even when the client prefixed entries of its own
        # (strict mode would drop the whole header and fall back to the proxy's address).
        "IPWARE_STRICT": False,
    }


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A one-line message on stderr and exit status 1, not a traceback: this is
        # an operator's configuration mistake, not a bug.
        raise SystemExit(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value (or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    # Listed so the API docs page serves Swagger UI from its bundled static files.
    "ninja",
    "axes",
    # Background jobs: the tasks framework and its database queue (``db_worker``).
    "django_tasks",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before anything reads the database: a NUL byte in the URL is a 400.
    "articles.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, CSRF, auth and messages middleware: a cached page needs none of them.
    "articles.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns lockouts into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

# --- Database -----------------------------------------------------------------
# SQLite by default, tuned so an editor saving while readers browse never sees
# "database is locked": WAL lets readers and one writer work at once, IMMEDIATE
# transactions take the write lock up front, and the timeout waits for it.
DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches -------------------------------------------------------------------
# CACHE_URL chooses the backend (archive/cache_url.py); each worker process keeps its own
# local-memory cache by default. "default" holds the API's request counts, "pages" the
# rendered public pages (apart, so that pages pushing each other out never reset a count).
CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
CACHES = {
    "default": cache_from_url(CACHE_URL, alias="default"),
    "pages": cache_from_url(
        CACHE_URL, alias="pages", max_entries=env_int("PAGE_CACHE_MAX_ENTRIES", 1000)
    ),
}
# Public pages for anonymous visitors (articles/page_cache.py): kept this many seconds (0:
# never cached), keyed on the archive's data version, so an edit or a load shows at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 4_000_000)
# The code release in the key; empty: a hash of the code and templates (same on every worker).
PAGE_CACHE_RELEASE = os.environ.get("PAGE_CACHE_RELEASE", "")

# --- Authentication -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out client is refused before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:home"
LOGOUT_REDIRECT_URL = "articles:home"

# Lockout policy (docs/deploy.md): 5 failed logins for one username from one IP
# address lock that pair out for one hour; a successful login resets the count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# One address failing AXES_IP_FAILURE_LIMIT times (any usernames) is locked out
# too; archive/lockout.py. Usernames are clipped to what axes can store.
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 50)
AXES_HANDLER = "archive.lockout.ArchiveLockoutHandler"
AXES_USERNAME_CALLABLE = "archive.lockout.lockout_username"
# The client's address: see client_address_settings() below.
# (Read from AXES_PROXY_COUNT, but not stored under that name: inside Django,
# axes reads AXES_PROXY_COUNT as a deprecated alias of its own setting.)
_proxy_count = env_int("AXES_PROXY_COUNT", 0)
if _proxy_count < 0:
    raise ImproperlyConfigured(f"AXES_PROXY_COUNT must be 0 or more, not {_proxy_count}")
globals().update(client_address_settings(_proxy_count))

# --- Mail ---------------------------------------------------------------------
# Only with a mail server configured (EMAIL_URL, or EMAIL_HOST and friends) does
# the site offer password reset by e-mail; without one those pages do not exist.
if os.environ.get("EMAIL_URL"):
    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    globals().update({name: value for name, value in _email.items() if value is not None})
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
PASSWORD_RESET_BY_EMAIL = bool(os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST"))

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded documents wait here for the job that loads them. Every web node and job
# worker must see the same files: a shared volume, or an object-storage backend in
# STORAGES["default"] (docs/deploy.md). Never served by the site.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# --- Background jobs (docs/deploy.md) -------------------------------------------
# Loading uploads, re-linking and re-clustering run as tasks. "database" queues them in
# the archive's database for ``python manage.py db_worker`` (as many workers, on as many
# machines, as wanted); "immediate" runs them inside the request that asked, which suits
# only local development (``make run``) and the tests.
JOBS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
JOBS_BACKEND = os.environ.get("JOBS_BACKEND", "database")
if JOBS_BACKEND not in JOBS_BACKENDS:
    raise ImproperlyConfigured(
        f"JOBS_BACKEND must be one of {', '.join(JOBS_BACKENDS)}, not {JOBS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": JOBS_BACKENDS[JOBS_BACKEND], "QUEUES": ["default"]}}

# --- Security -----------------------------------------------------------------
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=1 so Django trusts
# X-Forwarded-Proto; SECURE_SSL_REDIRECT=0 when the proxy already redirects.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): everything from this origin, nothing
# inline: no inline script, no inline style, no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): the archive uses no device or
# powerful browser feature, so none is granted, to this origin or to any other.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- The archive --------------------------------------------------------------
SEEDS_DIR = BASE_DIR / "seeds"
ARCHIVE_PAGE_SIZE = 20

# --- The API (docs/api.md) ----------------------------------------------------
# Anonymous API requests per client address, as "<count>/<s|min|hour|day>". The counts live
# in the default cache, so they are per process unless a shared cache is configured.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/min")
# How many proxies in front of the site append to X-Forwarded-For; 0 trusts only REMOTE_ADDR,
# so a client cannot dodge the limit by sending its own header.
NINJA_NUM_PROXIES = env_int("API_NUM_PROXIES", 0)
