"""Citation metadata on article pages, the "Cite this" box, and BibTeX / CSL-JSON downloads."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from articles.models import Article, ArticleTag, Source, Tag


class HeadReader(HTMLParser):
    """Collects ``<meta name=...>`` pairs, canonical links and JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta.append((attrs["name"], attrs.get("content", "")))
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def values(self, name: str) -> list[str]:
        return [content for key, content in self.meta if key == name]


def read(client, article) -> HeadReader:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def caravanserai(seeded):
    return Article.objects.get(source__slug="caravanserai")


@pytest.fixture
def unattributed(seeded):
    article = Article.objects.filter(source__isnull=True).order_by("slug").first()
    assert not article.authors.exists()
    return article


def permalink(article) -> str:
    return f"http://testserver/articles/{article.slug}/"


def test_highwire_tags_carry_what_is_known(client, caravanserai):
    head = read(client, caravanserai)
    assert head.values("citation_title") == [caravanserai.title]
    assert head.values("citation_author") == ["Kanat Altynbayev", "Rustam Temirov"]
    assert head.values("citation_journal_title") == ["Caravanserai"]
    assert head.values("citation_language") == ["en"]
    assert head.values("citation_public_url") == [permalink(caravanserai)]
    assert head.values("citation_fulltext_html_url") == [permalink(caravanserai)]
    assert head.canonical == [permalink(caravanserai)]


def test_unknown_values_are_left_out(client, unattributed):
    head = read(client, unattributed)
    assert head.values("citation_title") == [unattributed.title]
    for name in ("citation_author", "citation_publication_date", "citation_journal_title"):
        assert head.values(name) == []
    (block,) = head.json_ld
    data = json.loads(block)
    for key in ("author", "datePublished", "publisher", "isBasedOn", "description"):
        assert key not in data


def test_json_ld_is_a_news_article(client, caravanserai):
    (block,) = read(client, caravanserai).json_ld
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == caravanserai.title
    assert [a["name"] for a in data["author"]] == ["Kanat Altynbayev", "Rustam Temirov"]
    assert data["publisher"] == {"@type": "Organization", "name": "Caravanserai"}
    assert data["url"] == permalink(caravanserai)
    assert "datePublished" not in data


def test_dates_urls_and_tags_appear_once_known(client, caravanserai):
    caravanserai.published = dt.date(2023, 2, 28)
    caravanserai.url = "https://central.asia-news.com/en_GB/articles/blinken"
    caravanserai.dek = "Calls for co-operation grow."
    caravanserai.save()
    tag = Tag.objects.create(name="C5+1", slug="c5-1")
    ArticleTag.objects.create(article=caravanserai, tag=tag)
    head = read(client, caravanserai)
    assert head.values("citation_publication_date") == ["2023/02/28"]
    data = json.loads(head.json_ld[0])
    assert data["datePublished"] == "2023-02-28"
    assert data["isBasedOn"] == caravanserai.url
    assert data["description"] == "Calls for co-operation grow."
    assert data["keywords"] == ["C5+1"]


def test_hostile_titles_cannot_escape_the_json_ld_block(client, caravanserai):
    caravanserai.title = 'Talks</script><script>alert("x")</script> & <!-- more'
    caravanserai.save()
    html = client.get(caravanserai.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    head = read(client, caravanserai)
    assert len(head.json_ld) == 1
    assert json.loads(head.json_ld[0])["headline"] == caravanserai.title
    assert head.values("citation_title") == [caravanserai.title]


def test_cite_box_shows_a_reference_a_permalink_and_downloads(client, caravanserai):
    caravanserai.published = dt.date(2023, 2, 28)
    caravanserai.save()
    html = client.get(caravanserai.get_absolute_url()).content.decode()
    assert "Cite this" in html
    assert (
        "Kanat Altynbayev and Rustam Temirov. “Blinken&#x27;s visit to Central Asia prompts more "
        "calls for co-operation with West.” Caravanserai, 28 February 2023. Archived in the "
        f"Diplomatic coverage archive: {permalink(caravanserai)}."
    ) in html
    assert f'href="{permalink(caravanserai)}"' in html
    assert f'href="/articles/{caravanserai.slug}/cite.bib"' in html
    assert f'href="/articles/{caravanserai.slug}/cite.json"' in html


def test_bibtex_download(client, caravanserai):
    caravanserai.published = dt.date(2023, 3, 1)
    caravanserai.url = "https://example.org/news?id=5&lang=en"
    caravanserai.title = "Costs: 50% & more_than {expected}"
    caravanserai.save()
    response = client.get(f"/articles/{caravanserai.slug}/cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("@article{blinkens-visit-to-central-asia")
    assert r"  title = {{Costs: 50\% \& more\_than \{expected\}}}," in text
    assert "  author = {Kanat Altynbayev and Rustam Temirov}," in text
    assert "  journal = {Caravanserai}," in text
    assert "  year = {2023}," in text and "  month = mar," in text
    assert "  url = {https://example.org/news?id=5&lang=en}," in text
    assert permalink(caravanserai) in text


def test_bibtex_without_outlet_or_date(client, unattributed):
    text = client.get(f"/articles/{unattributed.slug}/cite.bib").content.decode()
    assert text.startswith("@misc{")
    for field in ("author =", "journal =", "year =", "month ="):
        assert field not in text
    assert f"  url = {{{permalink(unattributed)}}}," in text


def test_csl_json_download(client, caravanserai):
    caravanserai.published = dt.date(2023, 2, 28)
    caravanserai.save()
    response = client.get(f"/articles/{caravanserai.slug}/cite.json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    (item,) = json.loads(response.content)
    assert item["type"] == "article-newspaper"
    assert item["title"] == caravanserai.title
    assert item["author"] == [{"literal": "Kanat Altynbayev"}, {"literal": "Rustam Temirov"}]
    assert item["container-title"] == "Caravanserai"
    assert item["issued"] == {"date-parts": [[2023, 2, 28]]}
    assert item["archive_location"] == permalink(caravanserai)


def test_csl_json_leaves_out_the_unknown(client, unattributed):
    (item,) = json.loads(client.get(f"/articles/{unattributed.slug}/cite.json").content)
    for key in ("author", "container-title", "issued", "abstract"):
        assert key not in item
    assert item["URL"] == permalink(unattributed)


def test_only_http_urls_reach_the_citations(client, caravanserai):
    caravanserai.url = "javascript:alert(1)"
    caravanserai.save(update_fields=["url"])
    Source.objects.filter(pk=caravanserai.source_id).update(homepage="ftp://example.org/")
    data = json.loads(read(client, caravanserai).json_ld[0])
    assert "isBasedOn" not in data and "url" not in data["publisher"]
    text = client.get(f"/articles/{caravanserai.slug}/cite.bib").content.decode()
    assert "javascript" not in text


@pytest.mark.parametrize("suffix", ["cite.bib", "cite.json"])
def test_unknown_article_citation_is_404(client, seeded, suffix):
    assert client.get(f"/articles/no-such-article/{suffix}").status_code == 404
