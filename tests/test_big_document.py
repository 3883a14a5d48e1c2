"""A long document (about 500 KB) loads and its page renders quickly, with capped lists."""

import re
import shutil
import time

import pytest
from django.core.management import call_command

from articles.models import Article, Quote
from articles.pipeline.decoding import decode_document
from articles.pipeline.parsing import parse_document
from articles.views.browse import ALL_LISTED, QUOTES_LISTED, TALLY_LISTED
from benchmarks.pipeline_size import synthetic_document
from tests.conftest import SEEDS_DIR, with_collection

SIZE = 500_000
# Generous: the page takes well under a second alone; the bound allows a busy machine.
PAGE_SECONDS = 5.0


@pytest.fixture
def big_article(db, tmp_path) -> Article:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEEDS_DIR / "gazetteer.toml", folder / "gazetteer.toml")
    # Seed 002 repeated: a report, mostly not quotation, so its page lists quotes under the text.
    reports = sorted(SEEDS_DIR.glob("002_*.txt"))
    text = "\n\n".join(
        parse_document(decode_document(path.read_bytes()).text).body for path in reports
    )
    (folder / "900_long.txt").write_bytes(synthetic_document(SIZE, text))
    call_command("load_seeds", str(folder), **with_collection([folder], {"verbosity": 0}))
    return Article.objects.get(seed_file="900_long.txt")


def test_long_article_page_is_fast_and_its_lists_capped(client, big_article):
    quotes = Quote.objects.filter(article=big_article).count()
    assert quotes > QUOTES_LISTED, "the document has more quotes than the page lists"
    client.get(big_article.get_absolute_url())  # warm-up
    start = time.perf_counter()
    response = client.get(big_article.get_absolute_url())
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    assert elapsed < PAGE_SECONDS
    html = response.content.decode()
    listed = re.findall(r'<li id="quote-\d+">', html)
    assert len(listed) == QUOTES_LISTED
    assert f"The first {QUOTES_LISTED} of {quotes} quotes" in html
    shown_all = f"Show the first {ALL_LISTED}" if quotes > ALL_LISTED else f"Show all {quotes}"
    assert f'<a href="?all=1#quotes-title">{shown_all}</a>' in html
    # Every quote keeps its anchor, listed or not, and is still marked in the text: the
    # 500 KB text is shown in parts, and each quote is marked in the part it is in.
    assert len(re.findall(r'id="quote-\d+"', html)) == quotes
    parts = int(re.search(r"part 1 of (\d+) is shown", html).group(1))
    assert parts >= 5
    marked = html.count('<mark class="quote"')
    for number in range(2, parts + 1):
        page = client.get(big_article.get_absolute_url(), {"part": number}).content.decode()
        marked += page.count('<mark class="quote"')
    assert marked >= quotes
    assert len(re.findall(r'<ul class="tally">.*?</ul>', html, re.S)) == 2
    for tally in re.findall(r'<ul class="tally">(.*?)</ul>', html, re.S):
        assert tally.count("<li>") <= TALLY_LISTED


def test_show_all_lists_every_quote_up_to_its_cap(client, big_article):
    quotes = Quote.objects.filter(article=big_article).count()
    html = client.get(big_article.get_absolute_url() + "?all=1").content.decode()
    assert len(re.findall(r'<li id="quote-\d+">', html)) == min(quotes, ALL_LISTED)
    assert "Show all" not in html
    if quotes > ALL_LISTED:
        assert f"The first {ALL_LISTED} of {quotes} quotes" in html
        assert f"No more than {ALL_LISTED} are listed on one page." in html
    # Every quote keeps its anchor, listed or not.
    assert len(re.findall(r'id="quote-\d+"', html)) == quotes


def test_short_article_shows_no_cap_note(client, seeded):
    for article in Article.objects.all():
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'class="note list-cap"' not in html
