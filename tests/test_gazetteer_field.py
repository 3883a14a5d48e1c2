"""The field's people (articles/data/people.toml): dated offices, name forms, sync, pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Mention, Origin, Person, PersonName, PersonRole
from articles.pipeline.gazetteer import (
    GazetteerError,
    RoleEntry,
    current_title,
    merge_people,
    parse_gazetteer,
)
from articles.services.gazetteer import FIELD_PEOPLE_FILE, gazetteer_sync, read_gazetteer
from tests.conftest import SEEDS_DIR, with_collection

ENTRY = """
[[people]]
slug = "bakhtiyor-saidov"
name = "Bakhtiyor Saidov"
country = "UZ"
organization = "CIS"
roles = [
  { title = "Acting Foreign Minister of Uzbekistan", from = "2022-12-30", to = "2023-04-01", \
date_precision = "month" },
  { title = "Foreign Minister of Uzbekistan", from = "2023-04-01", date_precision = "month" },
]
latin = ["Baxtiyor Saidov", "Bakhtiyor Saidov"]
cyrillic = ["Бахтиёр Саидов", "Саидов"]
chinese = ["赛义多夫"]
description = "Uzbekistan's foreign minister."
"""


def test_field_keys_are_parsed():
    (person,) = parse_gazetteer(ENTRY).people
    assert person.variants == ("Baxtiyor Saidov", "Бахтиёр Саидов", "Саидов", "赛义多夫")
    assert person.organization == "CIS"
    assert person.roles == (
        RoleEntry(
            dt.date(2022, 12, 30),
            "Acting Foreign Minister of Uzbekistan",
            dt.date(2023, 4, 1),
            "month",
        ),
        RoleEntry(dt.date(2023, 4, 1), "Foreign Minister of Uzbekistan", None, "month"),
    )
    assert person.role == "Foreign Minister of Uzbekistan"  # the office still held


def test_current_title_falls_back_to_the_last_office():
    roles = (
        RoleEntry(dt.date(2019, 1, 1), "Minister", dt.date(2020, 1, 1)),
        RoleEntry(dt.date(2020, 1, 2), "Ambassador", dt.date(2022, 1, 1)),
    )
    assert current_title(roles) == "Ambassador"
    assert current_title(()) == ""


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ('{ title = "X", from = "2023-13-01" }', "'from': '2023-13-01' is not a date"),
        ('{ title = "X" }', "'from': None is not a date"),
        ('{ from = "2023-01-01" }', "'title' must be a non-empty string"),
        ('{ title = "X", from = "2023-02-01", to = "2023-01-01" }', "is before 'from'"),
        ('{ title = "X", from = "2023-01-01", date_precision = "year" }', "'date_precision'"),
    ],
)
def test_bad_roles_are_named(role, message):
    text = f'[[people]]\nslug = "x"\nname = "X Y"\nroles = [{role}]\n'
    with pytest.raises(GazetteerError, match="person 'x' role 1") as error:
        parse_gazetteer(text)
    assert message in str(error.value)


def test_bad_name_forms_are_named():
    with pytest.raises(GazetteerError, match="'cyrillic' must be a list"):
        parse_gazetteer('[[people]]\nslug = "x"\nname = "X"\ncyrillic = "Икс"\n')


def test_the_field_file_parses_and_joins_the_seeds():
    data = read_gazetteer(SEEDS_DIR / "gazetteer.toml")
    seeds = read_gazetteer(SEEDS_DIR / "gazetteer.toml", field=None)
    field = parse_gazetteer(FIELD_PEOPLE_FILE.read_text(encoding="utf-8"))
    slugs = {p.slug for p in data.people}
    assert {p.slug for p in seeds.people} | {p.slug for p in field.people} == slugs
    tileuberdi = next(p for p in data.people if p.slug == "mukhtar-tileuberdi")
    seed_entry = next(p for p in seeds.people if p.slug == "mukhtar-tileuberdi")
    assert tileuberdi.description == seed_entry.description  # the seeds' entry wins
    assert "Тлеуберди" in tileuberdi.variants and "Mukhtar Tleuberdi" in tileuberdi.variants
    assert tileuberdi.roles[0].title == "Foreign Minister of Kazakhstan"


def test_merge_keeps_first_fields_and_unions_names():
    first = parse_gazetteer('[[people]]\nslug = "a"\nname = "A B"\nvariants = ["A C"]\n').people
    other = parse_gazetteer(ENTRY.replace("bakhtiyor-saidov", "a")).people
    (merged,) = merge_people(first, other)
    assert merged.name == "A B"
    assert merged.variants[:2] == ("A C", "Bakhtiyor Saidov")
    assert merged.roles == other[0].roles and merged.organization == "CIS"


@pytest.mark.django_db
def test_sync_stores_roles_and_name_forms_once():
    data = parse_gazetteer(ENTRY)
    result = gazetteer_sync(data=data)
    assert result.roles_created == 2
    person = Person.objects.get(slug="bakhtiyor-saidov")
    assert person.organization == "CIS"
    assert set(person.names.values_list("name", "origin")) == {
        ("Baxtiyor Saidov", Origin.GAZETTEER),
        ("Бахтиёр Саидов", Origin.GAZETTEER),
        ("Саидов", Origin.GAZETTEER),
        ("赛义多夫", Origin.GAZETTEER),
    }
    assert list(person.roles.values_list("title", "end", "date_precision")) == [
        ("Foreign Minister of Uzbekistan", None, "month"),
        ("Acting Foreign Minister of Uzbekistan", dt.date(2023, 4, 1), "month"),
    ]
    again = gazetteer_sync(data=data)
    assert (again.roles_created, again.names_created, again.people_created) == (0, 0, 0)
    assert PersonRole.objects.count() == 2


@pytest.mark.django_db
def test_sync_keeps_editors_roles():
    data = parse_gazetteer(ENTRY)
    gazetteer_sync(data=data)
    role = PersonRole.objects.get(title="Foreign Minister of Uzbekistan")
    role.end, role.origin = dt.date(2026, 1, 1), Origin.EDITOR
    role.save()
    gazetteer_sync(data=data)
    role.refresh_from_db()
    assert role.end == dt.date(2026, 1, 1)


def test_role_years():
    role = PersonRole(title="T", start=dt.date(2019, 9, 18), end=dt.date(2023, 4, 3))
    assert role.years == "2019\u20132023"
    assert PersonRole(title="T", start=dt.date(2023, 4, 1)).years == "since 2023"
    assert PersonRole(title="T", start=dt.date(2023, 1, 1), end=dt.date(2023, 4, 1)).years == "2023"


def test_person_page_shows_dated_offices(client, seeded):
    response = client.get(reverse("articles:person-detail", args=["mukhtar-tileuberdi"]))
    content = response.content.decode()
    assert "<bdi>Foreign Minister of Kazakhstan</bdi>, " in content
    assert ">2019\u20132023</span>" in content


def test_loading_links_russian_text_to_the_field_people(tmp_path, db):
    (tmp_path / "ru.txt").write_text(
        "Визит госсекретаря в Астану\n\n"
        "Переговоры провёл Блинкен. Визит к Токаеву, письмо Лаврову, "
        "встреча с Мирзиёевым. Министр иностранных дел Тлеуберди заявил о партнёрстве.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path), **with_collection([tmp_path], {"verbosity": 0}))
    linked = set(Mention.objects.filter(kind="person").values_list("text", "person__slug"))
    assert linked == {
        ("Блинкен", "antony-blinken"),
        ("Токаеву", "kassym-jomart-tokayev"),
        ("Лаврову", "sergey-lavrov"),
        ("Мирзиёевым", "shavkat-mirziyoyev"),
        ("Тлеуберди", "mukhtar-tileuberdi"),
    }
    assert PersonName.objects.filter(name="Тлеуберди", origin=Origin.GAZETTEER).exists()


def test_junk_names_in_the_gazetteer_never_stop_a_load(tmp_path, db):
    gazetteer = tmp_path / "gazetteer.toml"
    gazetteer.write_text(
        (SEEDS_DIR / "gazetteer.toml").read_text(encoding="utf-8")
        + '\n[[people]]\nslug = "junk"\nname = "B\u043b\u0438\u043dk\u0435n X\u4e00y"\n'
        'variants = ["\u0301\u200b", "Tok\u0430\u0435\u0432"]\n',
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Visit\n\nAntony Blink\u0435n met B\u043b\u0438\u043dk\u0435n and Lu Wei in Astana. "
        "Wang Wenbin spoke, not Wang Yi.\n",
        encoding="utf-8",
    )
    call_command(
        "load_seeds", str(docs), **with_collection([docs], {"gazetteer": gazetteer, "verbosity": 0})
    )
    linked = set(Mention.objects.filter(kind="person").values_list("text", "person__slug"))
    assert linked == {
        ("Antony Blink\u0435n", "antony-blinken"),
        ("Wang Wenbin", "wang-wenbin"),
        ("Wang Yi", "wang-yi"),
    }
