"""Settings come from the environment and refuse to run half-configured."""

import os
import subprocess
import sys

import pytest

from archive.cache_url import cache_from_url
from tests.conftest import ROOT

PROD_ENV = {
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-enough-0123456789-abcdefghij",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "archive.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    base["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_with_debug_off_refuses_to_start():
    result = run_manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("command", [("check",), ("migrate", "--plan")])
def test_missing_secret_key_is_one_line_not_a_traceback(command):
    result = run_manage(*command, env={"DEBUG": "0"})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
        "value (or DEBUG=1 for local development only)."
    ]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def show_settings(*names: str, env: dict[str, str]) -> list[str]:
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(getattr(settings, {name!r}, None)))" for name in names
    )
    result = run_manage("shell", "--no-imports", "-c", code, env={**PROD_ENV, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_password_reset_is_off_without_mail():
    assert show_settings("PASSWORD_RESET_BY_EMAIL", env={}) == ["False"]


def test_email_url_configures_mail_and_password_reset():
    env = {"EMAIL_URL": "smtp://archive:secret@mail.example.org:587/?tls=True"}
    names = ["PASSWORD_RESET_BY_EMAIL", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT"]
    names.append("EMAIL_USE_TLS")
    assert show_settings(*names, env=env) == [
        "True",
        "'django.core.mail.backends.smtp.EmailBackend'",
        "'mail.example.org'",
        "587",
        "True",
    ]


def test_email_host_configures_mail_and_password_reset():
    env = {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": "2525"}
    assert show_settings(
        "PASSWORD_RESET_BY_EMAIL", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", env=env
    ) == ["True", "'django.core.mail.backends.smtp.EmailBackend'", "'mail.example.org'", "2525"]


def test_client_address_comes_from_remote_addr_unless_a_proxy_count_is_set():
    names = ("AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT")
    assert show_settings(*names, env={}) == ["('REMOTE_ADDR',)", "None", "None"]
    assert show_settings(*names, env={"AXES_PROXY_COUNT": "1"}) == [
        "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR')",
        "0",
        "False",
    ]
    assert show_settings(*names, env={"AXES_PROXY_COUNT": "2"})[1] == "1"


def test_per_address_failure_limit_is_configurable():
    assert show_settings("AXES_IP_FAILURE_LIMIT", env={}) == ["50"]
    assert show_settings("AXES_IP_FAILURE_LIMIT", env={"AXES_IP_FAILURE_LIMIT": "20"}) == ["20"]


def test_debug_without_secret_key_runs_for_local_development():
    result = run_manage("check", env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_invalid_boolean_is_a_clear_error():
    result = run_manage("check", env={**PROD_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_check_deploy_with_production_settings_prints_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_sqlite_default_is_tuned_for_concurrent_use(settings):
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5
    else:
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_pipeline_never_imports_django():
    """The text pipeline is plain Python: importing it must not pull in Django."""
    code = (
        "import sys, importlib, pkgutil, articles.pipeline as p\n"
        "for m in pkgutil.iter_modules(p.__path__):\n"
        "    importlib.import_module(f'{p.__name__}.{m.name}')\n"
        "print(any(name == 'django' or name.startswith('django.') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_caches_are_local_memory_per_process_by_default():
    assert show_settings("CACHES", "PAGE_CACHE_SECONDS", env={}) == [
        "{'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', "
        "'KEY_PREFIX': 'default', 'LOCATION': 'archive-default'}, "
        "'pages': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', "
        "'KEY_PREFIX': 'pages', 'LOCATION': 'archive-pages', 'OPTIONS': {'MAX_ENTRIES': 1000}}}",
        "3600",
    ]


def test_cache_url_chooses_a_shared_backend():
    assert cache_from_url("redis://cache:6379/1", alias="pages") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "KEY_PREFIX": "pages",
        "LOCATION": "redis://cache:6379/1",
    }
    assert cache_from_url("db://archive_cache", alias="pages", max_entries=50) == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "KEY_PREFIX": "pages",
        "LOCATION": "archive_cache_pages",
        "OPTIONS": {"MAX_ENTRIES": 50},
    }
    assert cache_from_url("file:///var/cache/archive/", alias="default")["LOCATION"] == (
        "/var/cache/archive/default"
    )


def test_an_unknown_cache_url_is_a_clear_error():
    result = run_manage("check", env={**PROD_ENV, "CACHE_URL": "mongo://somewhere"})
    assert result.returncode != 0
    assert "CACHE_URL: unknown scheme 'mongo' in 'mongo://somewhere'" in result.stderr
