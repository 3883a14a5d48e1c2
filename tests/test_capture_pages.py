"""The article page of a saved page: where each value came from, and the original capture."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from django.urls import reverse

from articles.models import Article
from articles.services.load import archive_load
from tests.capture_fixtures import ASTANA, TASHKENT, VISITS
from tests.conftest import collection_for_tests

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(tmp_path):
    folder = tmp_path / "visits"
    shutil.copytree(VISITS, folder)
    (folder / "catalog.toml").write_text(
        '[files."tashkent-visit.html"]\npublished = 2023-03-01\n', encoding="utf-8"
    )
    archive_load(collection=collection_for_tests(), paths=[folder])
    return Article.objects.get(seed_file="astana-c5-ministerial.html"), Article.objects.get(
        seed_file="tashkent-visit.html"
    )


def meta_row(html: str, label: str) -> str:
    start = html.index(f"<dt>{label}</dt>")
    return html[start : html.index("</div>", start)]


def test_the_article_page_says_where_each_value_came_from(client, visits):
    astana, tashkent = visits
    html = client.get(astana.get_absolute_url()).content.decode()
    assert "Eurasianet" in meta_row(html, "Source")
    assert "(from the page&#x27;s metadata)" in meta_row(html, "Source")
    assert "(from the page&#x27;s metadata)" in meta_row(html, "Published")
    assert "(from the page&#x27;s metadata)" in meta_row(html, "Author")
    html = client.get(tashkent.get_absolute_url()).content.decode()
    assert "(from the catalog)" in meta_row(html, "Published")


def test_unknown_values_stay_unknown_and_an_editor_correction_says_so(client, tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Astana\n\nMinisters met.\n", encoding="utf-8")
    archive_load(collection=collection_for_tests(), paths=[tmp_path])
    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Date unknown" in meta_row(html, "Published")
    assert "Language unknown" in meta_row(html, "Language")
    assert "Original URL unknown" in html
    assert "from the" not in meta_row(html, "Published")
    assert "Original capture" not in html
    article.url = "https://example.org/a"
    article.edited_fields = ["url"]
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "(set by an editor)" in meta_row(html, "Original")


def test_the_original_capture_is_a_download_never_a_page(client, visits):
    astana, _ = visits
    html = client.get(astana.get_absolute_url()).content.decode()
    capture_url = reverse("articles:capture", kwargs={"slug": astana.slug})
    assert f'href="{capture_url}" class="capture-link" download>Original capture</a>' in html
    assert astana.capture_sha256 in html
    response = client.get(capture_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == (f'attachment; filename="{astana.slug}-capture.html"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == ASTANA.read_bytes()


def test_an_article_without_capture_has_no_download(client, tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Astana\n\nMinisters met.\n", encoding="utf-8")
    archive_load(collection=collection_for_tests(), paths=[tmp_path])
    slug = Article.objects.get().slug
    assert client.get(reverse("articles:capture", kwargs={"slug": slug})).status_code == 404
    assert client.get(reverse("articles:capture", kwargs={"slug": "nope"})).status_code == 404


def test_export_and_api_carry_the_capture_provenance(client, visits):
    from articles.services.exporting import article_record

    _, tashkent = visits
    record = article_record(Article.objects.get(pk=tashkent.pk))
    assert record["capture_sha256"] == tashkent.capture_sha256
    assert record["capture_url"] is None  # a saved .html file, not a WARC record
    data = client.get(f"/api/v1/articles/{tashkent.slug}/").json()
    assert data["capture_sha256"] == tashkent.capture_sha256
    assert data["capture_sha256"] == hashlib.sha256(TASHKENT.read_bytes()).hexdigest()
