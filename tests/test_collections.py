"""Collections: which collection a load goes into, provenance identity, the pages, filters."""

from __future__ import annotations

import contextlib
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article, Collection, ItineraryStop
from articles.services.collections import NO_COLLECTION
from tests.conftest import SEEDS_DIR
from tests.factories import (
    ArticleFactory,
    CollectionFactory,
    CountryFactory,
    ItineraryStopFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

SEED_COLLECTION = "blinken-central-asia-2023"
FIRST = "000_c28db3b49de240b0.txt"


def load(*paths, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_seeds", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def write_collection(folder: Path, slug: str, title: str = "An event", extra: str = "") -> None:
    (folder / "collection.toml").write_text(f'slug = "{slug}"\ntitle = "{title}"\n{extra}')


def document(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- Which collection a load goes into ----------------------------------------------------


def test_the_seeds_load_into_the_collection_their_file_describes():
    load(verbosity=0)
    collection = Collection.objects.get()
    assert collection.slug == SEED_COLLECTION
    assert (collection.start_date, collection.end_date) == (
        datetime.date(2023, 2, 28),
        datetime.date(2023, 3, 1),
    )
    assert sorted(collection.places.values_list("code", flat=True)) == ["KZ", "UZ"]
    assert set(collection.participants.values_list("slug", flat=True)) == {
        "antony-blinken",
        "kassym-jomart-tokayev",
        "mukhtar-tileuberdi",
        "shavkat-mirziyoyev",
        "bakhtiyor-saidov",
    }
    stops = list(collection.itinerary.values_list("date", "place", "country"))
    assert stops == [
        (datetime.date(2023, 2, 28), "Astana", "KZ"),
        (datetime.date(2023, 3, 1), "Tashkent", "UZ"),
    ]
    assert Article.objects.filter(collection=collection).count() == 5
    assert set(Article.objects.values_list("provenance", flat=True)) == {
        p.name for p in SEEDS_DIR.glob("*.txt")
    }


def test_without_a_collection_the_load_stops_with_one_line_and_writes_nothing(tmp_path):
    document(tmp_path, "a.txt", "Talks\n\nThe ministers met.\n")
    with pytest.raises(CommandError) as raised:
        load(tmp_path, verbosity=0)
    assert str(raised.value) == NO_COLLECTION
    assert "\n" not in str(raised.value)
    assert raised.value.returncode != 0
    assert not Article.objects.exists()
    assert not Collection.objects.exists()


def test_the_one_line_error_exits_non_zero_from_the_command_line(tmp_path):
    document(tmp_path, "a.txt", "Talks\n\nThe ministers met.\n")
    out, err = io.StringIO(), io.StringIO()
    utility = ManagementUtility(["manage.py", "load_seeds", str(tmp_path)])
    with (
        pytest.raises(SystemExit) as exited,
        contextlib.redirect_stderr(err),
        contextlib.redirect_stdout(out),
    ):
        utility.execute()
    assert exited.value.code != 0
    assert err.getvalue().strip().splitlines() == [f"CommandError: {NO_COLLECTION}"]


def test_the_collection_option_wins_over_the_folders_file(tmp_path):
    CollectionFactory(slug="chosen", title="Chosen")
    document(tmp_path, "a.txt", "Talks\n\nThe ministers met.\n")
    write_collection(tmp_path, "from-file")
    load(tmp_path, collection="chosen", verbosity=0)
    assert Article.objects.get().collection.slug == "chosen"
    assert not Collection.objects.filter(slug="from-file").exists()


def test_a_collection_option_naming_nothing_known_is_refused(tmp_path):
    document(tmp_path, "a.txt", "Talks\n\nThe ministers met.\n")
    with pytest.raises(CommandError) as raised:
        load(tmp_path, collection="nowhere", verbosity=0)
    assert str(raised.value) == (
        "no collection 'nowhere': add a collection.toml with slug = 'nowhere' to the folder"
    )
    assert not Article.objects.exists()


def test_a_bad_collection_file_is_refused_with_its_reason(tmp_path):
    document(tmp_path, "a.txt", "Talks\n\nThe ministers met.\n")
    (tmp_path / "collection.toml").write_text('slug = "Not A Slug"\ntitle = "x"\n')
    with pytest.raises(CommandError) as raised:
        load(tmp_path, verbosity=0)
    assert "collection.toml: slug must be lower-case words joined by hyphens" in str(raised.value)
    assert not Article.objects.exists()


def test_changes_to_the_collection_file_are_applied_on_reload(seeds_copy):
    load(seeds_copy, verbosity=0)
    text = (seeds_copy / "collection.toml").read_text()
    text = text.replace('title = "Blinken in Kazakhstan and Uzbekistan, 2023"', 'title = "Renamed"')
    text = text.replace('place = "Tashkent"', 'place = "Tashkent, Uzbekistan"')
    (seeds_copy / "collection.toml").write_text(text)
    out, _ = load(seeds_copy, verbosity=1)
    collection = Collection.objects.get(slug=SEED_COLLECTION)
    assert collection.title == "Renamed"
    assert list(collection.itinerary.values_list("place", flat=True)) == [
        "Astana",
        "Tashkent, Uzbekistan",
    ]
    assert "5 unchanged" in out


# --- Provenance identity -----------------------------------------------------------------


def test_same_named_files_in_two_folders_are_two_articles_and_stay_put(tmp_path):
    write_collection(tmp_path, "twins")
    document(tmp_path / "a", "same.txt", "From A\n\nThe ministers met in the morning.\n")
    document(tmp_path / "b", "same.txt", "From B\n\nThe ministers met in the evening.\n")
    load(tmp_path, verbosity=0)
    rows = sorted(Article.objects.values_list("provenance", "seed_file", "title"))
    assert rows == [("a/same.txt", "same.txt", "From A"), ("b/same.txt", "same.txt", "From B")]
    out, _ = load(tmp_path, verbosity=2)
    assert "2 unchanged" in out
    assert "0 updated" in out
    assert sorted(Article.objects.values_list("provenance", "title")) == [
        ("a/same.txt", "From A"),
        ("b/same.txt", "From B"),
    ]


def test_an_unrelated_file_with_a_seed_name_never_overwrites_the_seed(tmp_path):
    load(verbosity=0)
    seed = Article.objects.get(provenance=FIRST)
    other = tmp_path / "other"
    document(other, FIRST, "Something else\n\nA different story altogether.\n")
    write_collection(other, "another-event")
    load(other, verbosity=0)
    seed.refresh_from_db()
    assert seed.collection.slug == SEED_COLLECTION
    assert "Sattarov" in seed.body
    newcomer = Article.objects.get(collection__slug="another-event")
    assert (newcomer.provenance, newcomer.title) == (FIRST, "Something else")
    assert newcomer.slug != seed.slug
    assert Article.objects.count() == 6


def test_a_changed_catalog_entry_updates_an_unchanged_document(seeds_copy):
    load(seeds_copy, verbosity=0)
    catalog = seeds_copy / "catalog.toml"
    catalog.write_text(
        catalog.read_text().replace(
            f'[files."{FIRST}"]\nlanguage = "en"',
            f'[files."{FIRST}"]\nlanguage = "en"\npublished = 2023-03-01',
        )
    )
    out, _ = load(seeds_copy, verbosity=1)
    assert "1 updated, 4 unchanged" in out
    assert Article.objects.get(provenance=FIRST).published == datetime.date(2023, 3, 1)
    out, _ = load(seeds_copy, verbosity=1)
    assert "5 unchanged" in out


def test_a_file_given_by_name_keeps_its_provenance_as_its_file_name(seeds_copy):
    load(seeds_copy, verbosity=0)
    out, _ = load(seeds_copy / FIRST, verbosity=1)
    assert "1 unchanged" in out
    assert Article.objects.count() == 5


# --- Pages -------------------------------------------------------------------------------


@pytest.fixture
def trip(db):
    kz = CountryFactory(code="KZ")
    collection = CollectionFactory(
        slug="trip",
        title="The trip",
        summary="Two capitals in two days.",
        start_date=datetime.date(2023, 2, 28),
        end_date=datetime.date(2023, 3, 1),
    )
    collection.places.add(kz)
    ItineraryStopFactory(
        collection=collection, date="2023-02-28", place="Astana", country=kz, description="Talks."
    )
    ItineraryStopFactory(collection=collection, date="2023-03-01", place="Tashkent")
    outlet = SourceFactory(name="Daily Outlet", slug="daily-outlet")
    for title, published in (
        ("Preview piece", "2023-02-20"),
        ("Astana day", "2023-02-28"),
        ("Tashkent day", "2023-03-01"),
        ("Looking back", "2023-03-08"),
    ):
        ArticleFactory(collection=collection, title=title, published=published, source=outlet)
    ArticleFactory(collection=collection, title="Undated piece", published=None, source=None)
    return collection


def section(html: str, start: str, stop: str) -> str:
    return html[html.index(start) : html.index(stop, html.index(start))]


def test_the_collection_page_shows_the_timeline(client, trip):
    html = client.get(reverse("articles:collection-detail", args=["trip"])).content.decode()
    assert "The trip" in html and "Two capitals in two days." in html
    before = section(html, "Published before Astana", "Published that day")
    assert "Preview piece" in before and "Astana day" not in before
    astana = section(html, "Talks.", "Tashkent</bdi>")
    assert "Astana day" in astana and "Tashkent day" not in astana
    after = section(html, "Published after Tashkent", "Date unknown")
    assert "Looking back" in after and "Tashkent day" not in after
    undated = section(html, "Date unknown", "Outlets")
    assert "Undated piece" in undated
    outlets = html[html.index('id="outlets-title"') :]
    assert "Daily Outlet" in outlets and '<span class="count">4</span>' in outlets
    assert "?collection=trip&amp;source=unattributed" in outlets


def test_an_unknown_collection_is_404(client, db):
    assert client.get(reverse("articles:collection-detail", args=["nope"])).status_code == 404


def test_the_collection_list_is_newest_first_with_counts(client, trip):
    older = CollectionFactory(slug="older", title="Older event", start_date="2020-01-01")
    ArticleFactory(collection=older)
    html = client.get(reverse("articles:collection-list")).content.decode()
    assert html.index("The trip") < html.index("Older event")
    assert "5 articles" in html and "1 article<" in html


def test_home_lists_every_collection(client, trip):
    CollectionFactory(slug="second", title="Second event")
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert trip.get_absolute_url() in html and "/collections/second/" in html


def test_no_template_names_one_trip():
    root = Path(__file__).resolve().parent.parent
    for folder in ("templates", "archive"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".html", ".py", ".txt"}:
                text = path.read_text(encoding="utf-8")
                for word in ("Blinken", "Astana", "Tashkent"):
                    assert word not in text, f"{path} names {word}"


# --- Filters -----------------------------------------------------------------------------


def test_the_article_list_filters_by_collection_with_facet_counts(client, trip):
    other = CollectionFactory(slug="other", title="Other event")
    ArticleFactory(collection=other, title="Elsewhere")
    response = client.get(reverse("articles:list"), {"collection": "trip"})
    html = response.content.decode()
    assert "Elsewhere" not in html and "Preview piece" in html
    assert "the collection “The trip”" in html
    facets = {f.param: f for f in response.context["facets"]}
    options = {o.value: o.count for o in facets["collection"].options}
    assert options == {"trip": 5}
    everything = client.get(reverse("articles:list"))
    facets = {f.param: f for f in everything.context["facets"]}
    assert {o.value: o.count for o in facets["collection"].options} == {"trip": 5, "other": 1}


def test_an_unknown_collection_filter_is_a_form_error(client, trip):
    html = client.get(reverse("articles:list"), {"collection": "nope"}).content.decode()
    assert "No collection matches “nope”." in html


@pytest.mark.parametrize("name", ["articles:quote-list", "articles:fact-list"])
def test_cross_coverage_pages_take_a_collection(client, trip, name):
    response = client.get(reverse(name), {"collection": "trip"})
    assert response.status_code == 200
    assert "the collection “The trip”" in response.content.decode()


def test_the_coverage_matrix_counts_only_the_collection(client, trip):
    other = CollectionFactory(slug="other", title="Other event")
    ArticleFactory(collection=other, source=SourceFactory(name="Far Away Times", slug="far"))
    everything = client.get(reverse("articles:coverage-matrix")).content.decode()
    narrowed = client.get(reverse("articles:coverage-matrix"), {"collection": "trip"})
    assert "Far Away Times" in everything
    assert "Far Away Times" not in narrowed.content.decode()


# --- Search by language ------------------------------------------------------------------

RUSSIAN = (
    "Визит госсекретаря\n\nГоссекретарь США посетил Астану с визитом и встретился с президентом."
)


def test_russian_text_is_found_by_its_own_words(client, tmp_path):
    folder = tmp_path / "ru"
    write_collection(tmp_path, "ru-event")
    document(folder, "ru.txt", RUSSIAN)
    (folder / "catalog.toml").write_text('[files."ru.txt"]\nlanguage = "ru"\n')
    load(tmp_path, verbosity=0)
    article = Article.objects.get()
    assert article.language == "ru"
    assert list(Article.objects.search("президентом")) == [article]


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="word forms need PostgreSQL's Russian stemmer; SQLite's FTS5 matches exact words",
)
def test_russian_search_finds_another_form_of_the_word(tmp_path):
    folder = tmp_path / "ru"
    write_collection(tmp_path, "ru-event")
    document(folder, "ru.txt", RUSSIAN)
    (folder / "catalog.toml").write_text('[files."ru.txt"]\nlanguage = "ru"\n')
    load(tmp_path, verbosity=0)
    article = Article.objects.get()
    # "визитом" in the text; "визиты" and "президента" are other forms of the same words.
    assert list(Article.objects.search("визиты")) == [article]
    assert list(Article.objects.search("президента")) == [article]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('english', %s) @@ to_tsquery('english', 'визиты')", [RUSSIAN]
        )
        # With the English configuration the other form would not have matched.
        assert cursor.fetchone()[0] is False


def test_itinerary_stops_are_in_date_order(db):
    collection = CollectionFactory(slug="order")
    late = ItineraryStopFactory(collection=collection, date="2023-03-01", place="B")
    early = ItineraryStopFactory(collection=collection, date="2023-02-28", place="A")
    assert list(ItineraryStop.objects.filter(collection=collection)) == [early, late]


# --- The data migration ------------------------------------------------------------------

BEFORE_COLLECTIONS = ("articles", "0008_source_records")


@pytest.mark.django_db(transaction=True)
def test_existing_articles_join_the_seed_collection_keeping_slugs_and_tags():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("articles")
    executor.migrate([BEFORE_COLLECTIONS])
    old = executor.loader.project_state([BEFORE_COLLECTIONS]).apps
    OldArticle, OldTag, OldArticleTag = (
        old.get_model("articles", name) for name in ("Article", "Tag", "ArticleTag")
    )
    first = OldArticle.objects.create(
        title="Talks", slug="talks-in-astana", body="Text.", seed_file=FIRST, content_hash="a"
    )
    OldArticle.objects.create(title="More", slug="more", body="Text.", seed_file="x.txt")
    OldArticleTag.objects.create(
        article=first, tag=OldTag.objects.create(name="Energy", slug="energy")
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    new = executor.loader.project_state(latest).apps
    NewArticle = new.get_model("articles", "Article")
    rows = sorted(NewArticle.objects.values_list("slug", "provenance", "collection__slug"))
    assert rows == [
        ("more", "x.txt", SEED_COLLECTION),
        ("talks-in-astana", FIRST, SEED_COLLECTION),
    ]
    tagged = new.get_model("articles", "ArticleTag").objects.get()
    assert (tagged.article.slug, tagged.tag.slug) == ("talks-in-astana", "energy")
    # Search still works after the table was rebuilt (SQLite's FTS5 triggers came back).
    found = sorted(Article.objects.search("Text").values_list("slug", flat=True))
    assert found == ["more", "talks-in-astana"]
