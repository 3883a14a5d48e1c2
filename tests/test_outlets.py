"""Outlets as records: the data file, its sync into Sources, and the labels that name them."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from articles.models import Article, Source, SourceAlias
from articles.pipeline.outlets import KINDS, OutletDataError, parse_outlets
from articles.services.outlets import (
    SOURCES_FILE,
    read_sources,
    source_for_name,
    sources_sync,
)
from tests.factories import ArticleFactory, CountryFactory, SourceFactory

CURRENT_TIME = """
[[sources]]
slug = "current-time"
name = "Current Time TV"
aliases = ["Current Time", "currenttime.tv", "CURRENT TIME TV"]
country = "CZ"
city = "Prague"
kind = "state_funded_international"
owner = "RFE/RL with Voice of America; funded by the US government"
languages = ["ru"]
[sources.citations]
country = "http://www.uscpublicdiplomacy.org/tags/current-time"
owner = "https://www.bbg.gov/current-time"
"""


def sync(text: str = CURRENT_TIME, **options):
    return sources_sync(data=parse_outlets(text), **options)


# --- The data file -----------------------------------------------------------------------


def test_the_shipped_data_file_parses_with_every_outlet():
    entries = read_sources()
    assert len(entries) == 70
    current = next(entry for entry in entries if entry.slug == "current-time")
    assert current.kind == "state_funded_international"
    assert current.citations["owner"].startswith("https://www.bbg.gov/")
    # "EurasiaNet" only repeats the name "Eurasianet" in another case: names match ignoring case.
    eurasianet = next(entry for entry in entries if entry.slug == "eurasianet")
    assert "EurasiaNet" not in eurasianet.aliases


def test_model_kinds_are_the_data_file_kinds():
    assert dict(Source.Kind.choices) == {key: name for key, (name, _) in KINDS.items()}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('kind = "state_funded_international"', 'kind = "tabloid"'),
            "sources entry 1 (current-time): kind 'tabloid' is not one of state_owned, "
            "state_funded_international, public_service, private, wire_agency, government, "
            "ngo_think_tank, blog",
        ),
        (
            ('owner = "https://www.bbg.gov/current-time"', 'owner = "ftp://bbg.gov/x"'),
            "sources entry 1 (current-time): citations.owner must be an http or https URL, "
            "not 'ftp://bbg.gov/x'",
        ),
        (
            ('country = "http://www.uscpublicdiplomacy.org', 'country = "javascript:alert(1)//'),
            "sources entry 1 (current-time): citations.country must be an http or https URL, "
            "not 'javascript:alert(1)///tags/current-time'",
        ),
        (
            ('country = "CZ"', 'country = "cz"'),
            "sources entry 1 (current-time): country 'cz' is not an ISO 3166-1 alpha-2 code",
        ),
        (
            ('slug = "current-time"', 'slug = "Current Time"'),
            "sources entry 1: 'slug' must be lowercase ASCII words joined by hyphens",
        ),
        (
            ('city = "Prague"', 'town = "Prague"'),
            "sources entry 1 (current-time): unknown key(s) town",
        ),
        (
            ('languages = ["ru"]', 'languages = ["Russian"]'),
            "sources entry 1 (current-time): 'languages' value 'Russian' is too long",
        ),
        (
            ('owner = "RFE/RL with Voice of America; funded by the US government"\n', ""),
            "sources entry 1 (current-time): citations.owner is given but owner is not",
        ),
    ],
)
def test_bad_entries_are_rejected_with_a_one_line_reason(change, message):
    text = CURRENT_TIME.replace(*change)
    assert text != CURRENT_TIME
    with pytest.raises(OutletDataError) as error:
        parse_outlets(text)
    assert str(error.value) == message


def test_a_name_may_belong_to_one_outlet_only():
    other = '\n[[sources]]\nslug = "rferl"\nname = "RFE/RL"\naliases = ["current time"]\n'
    with pytest.raises(OutletDataError) as error:
        parse_outlets(CURRENT_TIME + other)
    assert (
        str(error.value)
        == "sources entry (rferl): name 'current time' already names 'current-time'"
    )


def test_invalid_toml_is_rejected():
    with pytest.raises(OutletDataError, match="^not valid TOML: "):
        parse_outlets("[[sources]\nslug = 1")


# --- Sync --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sync_creates_the_outlet_with_every_claim_and_alias():
    result = sync()
    assert (result.created, result.updated, result.aliases_created) == (1, 0, 2)
    source = Source.objects.select_related("country").get(slug="current-time")
    assert source.name == "Current Time TV"
    assert (source.country.code, source.city, source.kind) == (
        "CZ",
        "Prague",
        "state_funded_international",
    )
    assert source.owner == "RFE/RL with Voice of America; funded by the US government"
    assert source.languages == ["ru"]
    assert source.country_citation == "http://www.uscpublicdiplomacy.org/tags/current-time"
    assert source.kind_citation == ""
    assert source.owner_citation == "https://www.bbg.gov/current-time"
    assert source.origin == Source.Origin.DATA_FILE
    assert sorted(source.aliases.values_list("name", flat=True)) == [
        "Current Time",
        "currenttime.tv",
    ]


@pytest.mark.django_db
def test_sync_is_idempotent(django_assert_max_num_queries):
    sync()
    with django_assert_max_num_queries(6):
        again = sync()
    assert (again.created, again.updated, again.unchanged, again.aliases_created) == (0, 0, 1, 0)
    assert Source.objects.count() == 1 and SourceAlias.objects.count() == 2


@pytest.mark.django_db
def test_sync_keeps_what_an_editor_changed_and_updates_the_rest():
    sync()
    source = Source.objects.get(slug="current-time")
    source.owner = "Corrected by an editor"
    source.edited_fields = ["owner"]
    source.save()
    SourceAlias.objects.create(source=source, name="Nastoyashcheye Vremya")
    changed = CURRENT_TIME.replace('city = "Prague"', 'city = "Praha"').replace(
        'owner = "RFE', 'owner = "Still RFE'
    )
    result = sync(changed.replace('"currenttime.tv", ', ""))
    source.refresh_from_db()
    assert (result.updated, result.aliases_removed) == (1, 1)
    assert source.owner == "Corrected by an editor"
    assert source.city == "Praha"
    # The data file's own alias went with it; the editor's alias stays.
    assert sorted(source.aliases.values_list("name", flat=True)) == [
        "Current Time",
        "Nastoyashcheye Vremya",
    ]


@pytest.mark.django_db
def test_an_outlet_a_document_named_becomes_the_data_file_record():
    named = source_for_name(name="current time")  # as a "Source:" line might spell it
    article = ArticleFactory(source=named)
    assert named.origin == Source.Origin.DOCUMENT
    result = sync()
    assert (result.created, result.updated) == (0, 1)
    source = Source.objects.get()
    assert source.pk == named.pk and source.slug == named.slug  # its address does not change
    assert (source.name, source.origin) == ("Current Time TV", Source.Origin.DATA_FILE)
    assert Article.objects.get(pk=article.pk).source == source
    # After the sync, every name the data file gives maps to the one record.
    for name in ("Current Time TV", "current time", "CURRENTTIME.TV"):
        assert source_for_name(name=name) == source
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_an_alias_naming_another_outlet_is_reported_not_moved():
    own = SourceFactory(name="Current Time TV", slug="current-time")
    other = SourceFactory(name="Another outlet")
    SourceAlias.objects.create(source=other, name="currenttime.tv")
    result = sync()
    assert result.conflicts == ["'currenttime.tv' of 'current-time' already names Another outlet"]
    assert SourceAlias.objects.get(name="currenttime.tv").source == other
    assert list(own.aliases.values_list("name", flat=True)) == ["Current Time"]


@pytest.mark.django_db
def test_an_alias_maps_the_entry_to_the_outlet_that_has_it():
    existing = SourceFactory(name="Nastoyashcheye Vremya")
    SourceAlias.objects.create(source=existing, name="currenttime.tv")
    assert sync().created == 0
    assert Source.objects.get().pk == existing.pk


@pytest.mark.django_db
def test_aliases_are_unique_ignoring_case():
    source = SourceFactory()
    SourceAlias.objects.create(source=source, name="Kun.uz")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceAlias.objects.create(source=SourceFactory(), name="KUN.UZ")
    with pytest.raises(ValidationError, match="already exists|Constraint"):
        SourceAlias(source=source, name="kun.uz").full_clean()


@pytest.mark.django_db
def test_citations_must_be_http_or_https():
    source = SourceFactory(owner_citation="ftp://example.org/owner")
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "owner_citation" in error.value.message_dict


@pytest.mark.django_db
def test_seed_outlets_map_to_data_file_records(seeded):
    by_file = dict(Article.objects.values_list("seed_file", "source__slug"))
    assert by_file["000_c28db3b49de240b0.txt"] == "current-time"
    assert by_file["002_463e984fabd485a6.txt"] == "caravanserai"
    assert by_file["003_53b24e973d7c44a3.txt"] == "asian-lite-news"
    assert Source.objects.count() == 70  # no outlet besides the data file's
    assert not Source.objects.exclude(origin=Source.Origin.DATA_FILE).exists()


@pytest.mark.django_db
def test_sync_sources_command_dry_run_writes_nothing():
    CountryFactory(code="CZ")
    out = io.StringIO()
    call_command("sync_sources", dry_run=True, stdout=out)
    assert out.getvalue().startswith("Dry run (nothing written): 70 created, 0 updated")
    assert not Source.objects.exists()
    call_command("sync_sources", stdout=out)
    assert Source.objects.count() == 70
    out = io.StringIO()
    call_command("sync_sources", stdout=out)
    assert "0 created, 0 updated, 70 unchanged; 0 alias(es) added, 0 removed." in out.getvalue()


@pytest.mark.django_db
def test_sync_sources_command_names_the_bad_entry(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text(CURRENT_TIME.replace('kind = "state_funded_international"', 'kind = "x"'))
    with pytest.raises(CommandError) as error:
        call_command("sync_sources", file=bad)
    assert str(error.value).startswith(f"{bad}: sources entry 1 (current-time): kind 'x' is not")
    assert not Source.objects.exists()
    assert SOURCES_FILE.name == "sources.toml"


# --- Labels ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_label_of_a_well_known_outlet():
    sync()
    source = Source.objects.get(slug="current-time")
    assert source.label == "Current Time TV · US government-funded · Prague"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"kind": "wire_agency", "country": "KZ"}, "Kazinform · wire agency · Kazakhstan"),
        ({"kind": "state_owned", "city": "Astana", "country": "KZ"},
         "Kazinform · state-owned · Astana"),
        ({"city": "Astana"}, "Kazinform · Astana"),
        ({"kind": "state_funded_international", "owner": "Funded by the Russian government"},
         "Kazinform · Russian government-funded"),
        ({"kind": "state_funded_international", "owner": "the government of Qatar funds it"},
         "Kazinform · state-funded"),
        ({}, "Kazinform"),  # only the name is known: the label says nothing else
    ],
)  # fmt: skip
def test_label_leaves_out_what_is_not_known(fields, label):
    if "country" in fields:
        fields["country"] = CountryFactory(code=fields["country"], name="Kazakhstan")
    assert SourceFactory(name="Kazinform", **fields).label == label


@pytest.mark.django_db
def test_unattributed_articles_get_distinct_labels(seeded):
    labels = {
        article.seed_file[:3]: article.outlet_label
        for article in Article.objects.filter(source__isnull=True)
    }
    assert labels == {
        "001": "Unattributed (001, translated from Spanish)",
        "004": "Unattributed (004, Russian viewpoint)",
    }


@pytest.mark.django_db
def test_unattributed_label_falls_back_to_language_and_file_name():
    russian = ArticleFactory(source=None, seed_file="007_abc.txt", language="ru", notes="")
    plain = ArticleFactory(source=None, seed_file="interview.txt", slug="interview", notes="")
    assert russian.outlet_label == "Unattributed (007, in Russian)"
    assert plain.outlet_label == "Unattributed (interview)"


@pytest.mark.django_db
def test_outlet_label_include_links_known_outlets_and_escapes(client):
    source = SourceFactory(name="<b>Bold</b> News", slug="bold-news", city="Almaty")
    ArticleFactory(source=source, title="From an outlet")
    ArticleFactory(source=None, seed_file="009_x.txt", title="From nowhere", notes="")
    html = client.get("/articles/").content.decode()
    assert (
        '<bdi class="outlet"><a href="/sources/bold-news/">'
        "&lt;b&gt;Bold&lt;/b&gt; News · Almaty</a></bdi>" in html
    )
    assert (
        '<span class="outlet outlet--unattributed" title="No outlet recorded for this article">'
        "Unattributed (009)</span>" in html
    )


@pytest.mark.django_db
def test_source_page_shows_claims_with_citations_and_unknowns(client):
    sync()
    html = client.get("/sources/current-time/").content.decode()
    assert "Current Time TV · US government-funded · Prague" in html
    assert (
        'href="https://www.bbg.gov/current-time" rel="noopener noreferrer nofollow">[source]'
        in html
    )
    assert 'href="http://www.uscpublicdiplomacy.org/tags/current-time"' in html
    assert 'State-funded international broadcaster</a> <span class="muted">(not yet cited)' in html
    assert "currenttime.tv" in html and "Russian" in html
    bare = SourceFactory(name="Bare outlet", slug="bare")
    page = client.get(bare.get_absolute_url()).content.decode()
    for term in ("Kind", "Based in", "Owner or funder", "Languages"):
        assert f'<dt>{term}</dt><dd><span class="unknown">Unknown</span>' in page
    assert "No other names recorded" in page
