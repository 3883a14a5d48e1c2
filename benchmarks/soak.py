"""Soak test: ``make soak`` (or ``python -m benchmarks.soak``).

Serves the archive with gunicorn on a loopback port, against the configured
database (``DATABASE_URL``, SQLite by default), with production settings
(DEBUG off, collected static files). Then, for ``SOAK_SECONDS`` (default 300):

- ``SOAK_CLIENTS`` (default 32) concurrent readers request a mix of pages
  (home, lists, searches, details, comparisons) back to back;
- one editor signs in through the login page and keeps tagging articles
  through the site's own tag form.

It prints responses by status, socket errors, p50/p95 latency, and checks that
every tag the site confirmed is in the database afterwards. The soak tags are
then removed again. Not part of the test suite; it only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import itertools
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, never configurable
EDITOR = "soak-editor"
TAG_PREFIX = "soak-"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Session:
    """One keep-alive HTTP connection to the local server, with cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = None

    def request(self, method: str, path: str, body: dict | None = None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, content


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def wait_for(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before it served a page.")
        try:
            status, _ = Session(port).request("GET", "/")
            if status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer within a minute.")


def reading_paths(env: dict[str, str]) -> list[str]:
    """A mix of the site's pages, with real slugs from the database."""
    code = (
        "from articles.models import Article, Person, Country, Source, QuoteCluster\n"
        "for model, field in ((Article, 'slug'), (Person, 'slug'), (Country, 'slug'),"
        " (Source, 'slug'), (QuoteCluster, 'key')):\n"
        "    print(model.__name__, *model.objects.values_list(field, flat=True)[:10])"
    )
    found = {}
    for line in manage("shell", "--no-imports", "-c", code, env=env).splitlines():
        name, *values = line.split()
        found[name] = values
    articles = found.get("Article", [])
    if len(articles) < 2:
        sys.exit("The database has fewer than two articles: run `make seed` first.")
    paths = ["/", "/articles/", "/people/", "/countries/", "/sources/", "/tags/", "/quotes/"]
    paths += ["/facts/", "/coverage/", "/articles/?q=Blinken", "/articles/?q=Kazakhstan+visit"]
    paths += ["/articles/?sort=oldest&page=1", "/articles/?country=kz", "/nothing-here/"]
    paths += [f"/articles/{slug}/" for slug in articles]
    paths += [f"/compare/?a={a}&b={b}" for a, b in zip(articles, articles[1:], strict=False)]
    paths += [f"/people/{slug}/" for slug in found.get("Person", [])]
    paths += [f"/countries/{slug}/" for slug in found.get("Country", [])]
    paths += [f"/sources/{slug}/" for slug in found.get("Source", [])]
    paths += [f"/quotes/{key}/" for key in found.get("QuoteCluster", [])]
    return paths


class Figures:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.errors: Counter = Counter()
        self.latencies: list[float] = []

    def record(self, status=None, latency=None, error=None):
        with self.lock:
            if error is not None:
                self.errors[error] += 1
            else:
                self.statuses[status] += 1
                self.latencies.append(latency)


def reader(port: int, paths: list[str], stop: float, figures: Figures, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - load mix, not security
    session = Session(port)
    while time.monotonic() < stop:
        path = rng.choice(paths)
        start = time.perf_counter()
        try:
            status, _ = session.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            figures.record(error=type(error).__name__)
            continue
        figures.record(status=status, latency=time.perf_counter() - start)


CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def editor(port: int, password: str, articles: list[str], stop: float, result: dict) -> None:
    session = Session(port)
    written, failures = [], Counter()
    _, page = session.request("GET", "/accounts/login/")
    token = CSRF_INPUT.search(page).group(1).decode()
    status, _ = session.request(
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": EDITOR, "password": password},
    )
    if status != 302:
        result.update(written=written, failures=Counter({f"login {status}": 1}))
        return
    for number in itertools.count(1):
        if time.monotonic() >= stop:
            break
        slug = articles[number % len(articles)]
        name = f"{TAG_PREFIX}{number}"
        try:
            _, page = session.request("GET", f"/articles/{slug}/")
            token = CSRF_INPUT.search(page).group(1).decode()
            status, _ = session.request(
                "POST",
                f"/articles/{slug}/tags/",
                {"csrfmiddlewaretoken": token, "action": "add", "tag": name},
            )
        except (OSError, http.client.HTTPException, AttributeError) as error:
            failures[type(error).__name__] += 1
            continue
        if status == 302:
            written.append((slug, name))
        else:
            failures[f"status {status}"] += 1
        time.sleep(0.05)
    result.update(written=written, failures=failures)


def check_tags(env: dict[str, str], written: list[tuple[str, str]]) -> int:
    """Return how many confirmed tags are missing; then remove the soak's tags."""
    code = (
        "from articles.models import ArticleTag, Tag\n"
        f"rows = ArticleTag.objects.filter(tag__name__startswith={TAG_PREFIX!r})\n"
        "for slug, name in rows.values_list('article__slug', 'tag__name'):\n"
        "    print(slug, name)\n"
        f"Tag.objects.filter(name__startswith={TAG_PREFIX!r}).delete()"
    )
    output = manage("shell", "--no-imports", "-c", code, env=env)
    present = {tuple(line.split()) for line in output.splitlines()}
    return sum(1 for pair in written if pair not in present)


def main() -> None:
    seconds = float(os.environ.get("SOAK_SECONDS", "300"))
    clients = int(os.environ.get("SOAK_CLIENTS", "32"))
    port = free_port()
    password = secrets.token_urlsafe(24)
    static_root = tempfile.mkdtemp(prefix="soak-static-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": static_root,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_LOG_LEVEL": "warning",
        "EDITOR_PASSWORD": password,
        "LOG_LEVEL": "ERROR",
    }
    url = urlsplit(env.get("DATABASE_URL") or "sqlite:///db.sqlite3")
    database = f"{url.scheme}://{url.hostname or ''}{url.path}"  # no credentials
    print(f"Soak: {clients} readers + 1 editor for {seconds:.0f} s on {HOST}:{port}, {database}")
    manage("migrate", "--no-input", env=env)
    manage("load_seeds", env=env)
    manage("collectstatic", "--no-input", env=env)
    manage("create_editor", EDITOR, env=env)
    manage("axes_reset", env=env)
    paths = reading_paths(env)
    articles = [p.split("/")[2] for p in paths if re.fullmatch(r"/articles/[^/?]+/", p)]

    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    server_log = Path(static_root) / "server.log"
    server = subprocess.Popen(
        [*gunicorn, "--access-logfile", "/dev/null", "archive.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=server_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port, server)
        figures, result = Figures(), {}
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=reader, args=(port, paths, stop, figures, n))
            for n in range(clients)
        ]
        threads.append(
            threading.Thread(target=editor, args=(port, password, articles, stop, result))
        )
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    total = sum(figures.statuses.values())
    print(f"Responses: {total:,} in {elapsed:.0f} s ({total / elapsed:,.0f}/s)")
    for status, count in sorted(figures.statuses.items()):
        print(f"  {status}: {count:,}")
    print(f"Socket errors: {sum(figures.errors.values())} {dict(figures.errors) or ''}")
    if len(figures.latencies) >= 2:
        cuts = statistics.quantiles(figures.latencies, n=100)
        print(f"Latency: p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms")
    tracebacks = server_log.read_text(errors="replace").count("Traceback")
    print(f"Server log: {server_log} ({tracebacks} tracebacks)")
    written = result.get("written", [])
    missing = check_tags(env, written)
    print(f"Editor: {len(written)} tags written, {missing} missing afterwards")
    if result.get("failures"):
        print(f"Editor failures: {dict(result['failures'])}")
    server_errors = sum(c for s, c in figures.statuses.items() if s >= 500)
    if missing or server_errors or tracebacks or figures.errors or not written:
        sys.exit(1)


if __name__ == "__main__":
    main()
