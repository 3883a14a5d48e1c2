"""Name variants and outlets edited in the admin go through their services, logged like tags."""

import json

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import CountryName, Origin, Person, PersonName, Source, SourceAlias
from articles.services.names import name_variant_delete
from tests.factories import (
    CountryFactory,
    PersonFactory,
    PersonNameFactory,
    SourceFactory,
    person_change_form,
)

pytestmark = pytest.mark.django_db


def _log(obj) -> list[tuple[str, int, str]]:
    """(user, action, message) of the audit rows about ``obj``, oldest first."""
    rows = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("pk")
    return [(row.user.username, row.action_flag, row.change_message) for row in rows]


def test_inline_variant_edits_are_the_services_writes(client, editor):
    person = PersonFactory(name="Antony Blinken", slug="antony-blinken")
    renamed = PersonNameFactory(person=person, name="A. Blinken", origin=Origin.GAZETTEER)
    dropped = PersonNameFactory(person=person, name="Blinkin", origin=Origin.EDITOR)
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        person_change_form(
            person,
            [
                {"id": renamed.pk, "name": "Antony J. Blinken"},
                {"id": dropped.pk, "name": "Blinkin", "DELETE": "on"},
                {"name": "Tony Blinken"},
            ],
        ),
    )

    assert response.status_code == 302
    assert sorted(person.names.values_list("name", "origin")) == [
        ("Antony J. Blinken", Origin.EDITOR),  # an edited spelling is the editor's
        ("Tony Blinken", Origin.EDITOR),
    ]
    # Only the services' rows: the person's own form did not change, so no empty Django row.
    assert _log(person) == [
        ("editor", CHANGE, "Removed name variant “Blinkin”."),
        ("editor", CHANGE, "Added name variant “Tony Blinken”."),
        ("editor", CHANGE, "Changed name variant “A. Blinken” to “Antony J. Blinken”."),
    ]


def test_a_persons_own_fields_are_logged_apart_from_its_variants(client, editor):
    person = PersonFactory(name="Antony Blinken", slug="antony-blinken")
    client.force_login(editor)

    client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        person_change_form(person, [{"name": "Tony Blinken"}], role="Secretary of State"),
    )

    log = _log(person)
    assert [row[2] for row in log if row[2].startswith("Added")] == [
        "Added name variant “Tony Blinken”."
    ]
    django_rows = [json.loads(row[2]) for row in log if row[2].startswith("[")]
    assert django_rows == [[{"changed": {"fields": ["Role or title"]}}]]  # no inline entries


def test_a_gazetteer_variant_deleted_inline_is_refused_and_nothing_logged(client, editor):
    person = PersonFactory()
    gazetteer = PersonNameFactory(person=person, name="Blinken", origin=Origin.GAZETTEER)
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        person_change_form(person, [{"id": gazetteer.pk, "name": "Blinken", "DELETE": "on"}]),
    )

    assert response.status_code == 200
    assert "comes from the gazetteer" in response.content.decode()
    assert PersonName.objects.filter(pk=gazetteer.pk).exists()
    assert _log(person) == []


def test_the_service_refuses_to_delete_a_gazetteer_variant(editor):
    gazetteer = PersonNameFactory(name="Blinken", origin=Origin.GAZETTEER)
    with pytest.raises(ValidationError) as refused:
        name_variant_delete(variant=gazetteer, user=editor)
    assert refused.value.messages == [
        "“Blinken” comes from the gazetteer and the next load would restore it: remove it "
        "from the gazetteer file instead."
    ]
    assert PersonName.objects.filter(pk=gazetteer.pk).exists()


def test_stand_alone_variant_pages_use_the_same_service(client, editor):
    country = CountryFactory(code="KZ")
    person = PersonFactory()
    variant = PersonNameFactory(person=person, name="Blinkin", origin=Origin.EDITOR)
    client.force_login(editor)

    added = client.post(
        reverse("admin:articles_countryname_add"),
        {"country": "KZ", "name": "Kazakstan", "kind": "name"},
    )
    deleted = client.post(
        reverse("admin:articles_personname_delete", args=[variant.pk]), {"post": "yes"}
    )

    assert (added.status_code, deleted.status_code) == (302, 302)
    assert CountryName.objects.get(name="Kazakstan").origin == Origin.EDITOR
    assert not PersonName.objects.filter(pk=variant.pk).exists()
    assert _log(country) == [("editor", CHANGE, "Added name variant “Kazakstan”.")]
    assert _log(person) == [("editor", CHANGE, "Removed name variant “Blinkin”.")]
    # The service's row is the only one: Django's admin did not log the variant again.
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CountryName)
    ).exists()


def _source_form(source, aliases, **fields):
    data = {
        "name": source.name,
        "slug": source.slug,
        "homepage": source.homepage,
        "country": source.country_id or "",
        "country_citation": source.country_citation,
        "city": source.city,
        "kind": source.kind,
        "kind_citation": source.kind_citation,
        "owner": source.owner,
        "owner_citation": source.owner_citation,
        "languages": json.dumps(source.languages),
        "initial-languages": json.dumps(source.languages),  # as the admin page sends it
        "notes": source.notes,
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": str(sum(1 for a in aliases if "id" in a)),
    }
    for i, alias in enumerate(aliases):
        data |= {f"aliases-{i}-{key}": value for key, value in alias.items()}
        data[f"aliases-{i}-source"] = source.pk
    return data | fields


def test_outlet_edits_in_the_admin_are_the_services_writes(client, editor):
    source = SourceFactory(name="Astana Times", slug="astana-times", origin=Source.Origin.DATA_FILE)
    old = SourceAlias.objects.create(
        source=source, name="astanatimes.kz", origin=Source.Origin.DATA_FILE
    )
    gone = SourceAlias.objects.create(source=source, name="AT", origin=Source.Origin.EDITOR)
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_source_change", args=[source.pk]),
        _source_form(
            source,
            [
                {"id": old.pk, "name": "astanatimes.com"},
                {"id": gone.pk, "name": "AT", "DELETE": "on"},
                {"name": "The Astana Times"},
            ],
            city="Astana",
            notes="Founded in 2014.",
        ),
    )

    assert response.status_code == 302
    source.refresh_from_db()
    assert (source.city, source.notes) == ("Astana", "Founded in 2014.")
    assert source.edited_fields == ["city"]  # notes are not a data-file field
    assert sorted(source.aliases.values_list("name", "origin")) == [
        ("The Astana Times", Source.Origin.EDITOR),
        ("astanatimes.com", Source.Origin.EDITOR),  # the sync never removes it now
    ]
    assert _log(source) == [
        ("editor", CHANGE, "Changed city and ownership and affiliation."),
        ("editor", CHANGE, "Removed alias “AT”."),
        ("editor", CHANGE, "Added alias “The Astana Times”."),
        ("editor", CHANGE, "Changed alias “astanatimes.kz” to “astanatimes.com”."),
    ]


def test_an_outlet_added_in_the_admin_is_logged_once(client, editor):
    client.force_login(editor)
    blank = Source(name="Kun.uz", slug="kun-uz")

    response = client.post(reverse("admin:articles_source_add"), _source_form(blank, []))

    assert response.status_code == 302
    source = Source.objects.get(slug="kun-uz")
    assert source.origin == Source.Origin.EDITOR
    assert _log(source) == [("editor", ADDITION, "Added outlet.")]


def test_a_person_is_not_logged_for_an_unchanged_save(client, editor):
    person = PersonFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]), person_change_form(person, [])
    )
    assert response.status_code == 302
    assert Person.objects.filter(pk=person.pk).exists()
    assert _log(person) == []
