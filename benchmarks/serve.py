"""Requests per second under gunicorn (2 sync workers), driven by wrk on loopback only.

Each page's rate is given next to the rate of a trivial view served by the same
server with the same middleware (the floor), so the ratio says how much of the
time is the page's own work. Without ``wrk`` on the PATH this part is skipped
with a message (``apt-get install wrk``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "8"))
WRK_CONNECTIONS = 4
FLOOR = "/bench/floor/"


def wrk_missing() -> str | None:
    if shutil.which("wrk") is None:
        return "wrk is not installed (apt-get install wrk): skipping requests per second"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url}")


def _wrk(url: str) -> tuple[float, int]:
    """Requests per second, and non-2xx/3xx responses plus socket errors."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=WRK_SECONDS + 30,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    return rate, bad


def measure_rates(pages: dict[str, str], environ: dict[str, str]) -> list[tuple[str, float, int]]:
    """(name, req/s, bad responses) for the floor and each page, one gunicorn for all."""
    with serving(environ) as base:
        results = []
        for name, path in {"floor (trivial view)": FLOOR, **pages}.items():
            _wait(base + path, seconds=60)  # warm, and the page answers 200
            rate, bad = _wrk(base + path)
            results.append((name, rate, bad))
        return results


@contextlib.contextmanager
def serving(environ: dict[str, str]):
    """gunicorn (2 sync workers, production settings plus the floor) on a loopback port."""
    port = _free_port()
    env = {
        **environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.serve_settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-not-secret-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": HOST,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "1",
        "GUNICORN_LOG_LEVEL": "warning",
        "API_ANON_RATE": "1000000/min",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null", "archive.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://{HOST}:{port}"
    try:
        _wait(base + FLOOR)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
