"""Server time and SQL queries per page, in process (Django test client).

Each page is requested ``repeats`` times after one warm-up request; p50 and p95
are over those requests, and every SQL statement's time is kept so that slow
ones (over ``SLOW_MS``) can be listed with the page that ran them.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

SLOW_MS = 100.0


@dataclass
class PageFigures:
    name: str
    url: str
    queries: int
    p50_ms: float
    p95_ms: float
    slow: list[tuple[float, str]] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def page_urls() -> dict[str, str]:
    """The measured pages, with the busiest person, country, tag, source and quote cluster."""
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article, Collection, Country, Person, QuoteCluster, Source, Tag

    person = Person.objects.annotate(n=Count("mentions")).order_by("-n", "pk").first()
    country = Country.objects.annotate(n=Count("mentions")).order_by("-n", "pk").first()
    source = Source.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    tag = Tag.objects.annotate(n=Count("article_tags")).order_by("-n", "pk").first()
    cluster = QuoteCluster.objects.annotate(n=Count("quotes")).order_by("-n", "pk").first()
    first, second = Article.objects.order_by("pk")[:2]
    listing = reverse("articles:list")
    pages = {
        "home": reverse("articles:home"),
        "list": listing,
        "list by person": f"{listing}?person={person.slug}",
        "list country+tag": f"{listing}?country={country.code.lower()}"
        + (f"&tag={tag.slug}" if tag else ""),
    }
    for sort in ("newest", "oldest", "title", "mentions"):
        pages[f"list sort={sort}"] = f"{listing}?sort={sort}"
    surname = person.name.split()[-1]
    pages |= {
        "search common": f"{listing}?q=officials",
        "search rare": f"{listing}?q=symbolism",
        "search phrase": f'{listing}?q="closed doors"',
        "search person": f"{listing}?q={surname}",
        "article": first.get_absolute_url(),
        "person": person.get_absolute_url(),
        "country": reverse("articles:country-detail", args=[country.code.lower()]),
        "source": reverse("articles:source-detail", args=[source.slug]),
        "quotes": reverse("articles:quote-list"),
        "quote cluster": reverse("articles:quote-cluster", args=[cluster.key]),
        "facts": reverse("articles:fact-list"),
        "compare": f"{reverse('articles:compare')}?a={first.slug}&b={second.slug}",
        "coverage": reverse("articles:coverage-matrix"),
        "admin articles": reverse("admin:articles_article_changelist"),
    }
    collection = Collection.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    if collection is not None:
        pages["collection"] = collection.get_absolute_url()
    return pages


def measure_pages(repeats: int) -> list[PageFigures]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    admin = Client()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.force_login(user)
    figures = []
    for name, url in page_urls().items():
        browser = admin if name.startswith("admin") else client
        assert browser.get(url).status_code == 200, url  # warm-up, and the page works
        times, counts, slow = [], set(), []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = browser.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            counts.add(len(captured))
            slow += [
                (float(q["time"]) * 1000, q["sql"])
                for q in captured.captured_queries
                if float(q["time"]) * 1000 > SLOW_MS
            ]
        figures.append(
            PageFigures(
                name=name,
                url=url,
                queries=max(counts),
                p50_ms=statistics.median(times),
                p95_ms=percentile(times, 0.95),
                slow=_distinct(slow),
            )
        )
    return figures


def _distinct(slow: list[tuple[float, str]]) -> list[tuple[float, str]]:
    worst: dict[str, float] = {}
    for ms, sql in slow:
        worst[sql] = max(ms, worst.get(sql, 0.0))
    return sorted(((ms, sql) for sql, ms in worst.items()), reverse=True)
