"""Settings for the test suite: the real settings with fast, isolated extras."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "insecure-key-for-the-test-suite-only")

from archive.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Pages are rendered afresh unless a test turns the page cache on (tests/test_page_cache.py),
# so query counts and page tests measure the real work.
PAGE_CACHE_SECONDS = 0
# Serve static files from the finders: tests do not run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Jobs run inside the request that enqueues them; tests of the queue itself switch to
# the database backend and run the worker.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
# Uploads waiting for their job: one folder per test run, never the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="archive-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
