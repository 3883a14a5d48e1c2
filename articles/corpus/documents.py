"""Synthetic documents and their catalog, for benchmarks and scale tests.

``corpus_documents`` yields ``CorpusDocument`` records: a file name, the text as a
copied web page would have it (headline, byline, body), and what a catalog would
say about it (outlet, publication date, language, URL), plus tags for an editor
to add. Document ``i`` depends only on ``(seed, i)`` and the inputs, so the same
seed gives the same bytes, and a larger corpus starts with the smaller one.
Articles belong to events (one per collection); each event has a host country,
a date and its own statements, which outlets of every kind report differently.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .text import TOPICS, Place, Speaker, article_body, headline, words

FIRST_DAY = dt.date(2021, 1, 4)
LAST_DAY = dt.date(2025, 12, 15)
MIN_WORDS, MAX_WORDS = 300, 1500
UNATTRIBUTED_SHARE = 0.05  # no outlet in the catalog: shown as Unattributed
UNDATED_SHARE = 0.03
FOLLOW_UP_SHARE = 0.03  # an editor links the article as a follow-up to an earlier one
FILES_PER_FOLDER = 1000  # keeps each catalog.toml far below the loader's size limit

JOURNALISTS = tuple(
    f"{given} {family}"
    for given, family in (
        ("Aigerim", "Seitkali"), ("Daniel", "Hartley"), ("Madina", "Karimova"),
        ("Oliver", "Brandt"), ("Saule", "Nurlanova"), ("Tomas", "Lindqvist"),
        ("Farrukh", "Yusupov"), ("Claire", "Dumont"), ("Timur", "Bekov"),
        ("Helen", "Marsh"), ("Jasur", "Rakhimov"), ("Anna", "Petrova"),
    )
)  # fmt: skip


@dataclass(frozen=True)
class Outlet:
    name: str
    languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class Event:
    number: int
    day: dt.date
    topic: str
    host: Place

    @property
    def folder(self) -> str:
        return f"event-{self.number:02d}"

    @property
    def tag(self) -> str:
        return f"{self.host.capital} talks {self.day.year}"


@dataclass(frozen=True)
class CorpusDocument:
    index: int
    filename: str
    text: str
    event: Event
    source: str | None
    published: dt.date | None
    language: str
    url: str
    tags: tuple[str, ...]
    follows: int | None = None  # index of the earlier document this one follows up

    @property
    def folder(self) -> str:
        """Where the file goes: its event's folder, a part of at most FILES_PER_FOLDER files."""
        return f"{self.event.folder}/part-{self.index // FILES_PER_FOLDER:04d}"

    @property
    def body_words(self) -> int:
        return words(self.text.split("\n\n", 2)[-1])


def corpus_events(*, places: Sequence[Place], count: int, seed: int) -> list[Event]:
    """``count`` events spread over the years, each hosted by one of ``places``."""
    rng = random.Random(f"events:{seed}")
    span = (LAST_DAY - FIRST_DAY).days
    events = []
    for number in range(count):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        events.append(Event(number, day, rng.choice(TOPICS), places[number % len(places)]))
    return events


def corpus_documents(
    *,
    people: Sequence[Speaker],
    places: Sequence[Place],
    outlets: Sequence[Outlet],
    count: int,
    seed: int = 1,
    collections: int = 1,
) -> Iterator[CorpusDocument]:
    """``count`` documents, round-robin over ``collections`` events."""
    if not people or not places or not outlets:
        raise ValueError("the corpus needs people, places and outlets")
    events = corpus_events(places=places, count=max(1, collections), seed=seed)
    for index in range(count):
        yield corpus_document(
            index=index,
            event=events[index % len(events)],
            people=people,
            places=places,
            outlets=outlets,
            seed=seed,
            collections=len(events),
        )


def corpus_document(
    *,
    index: int,
    event: Event,
    people: Sequence[Speaker],
    places: Sequence[Place],
    outlets: Sequence[Outlet],
    seed: int,
    collections: int = 1,
) -> CorpusDocument:
    rng = random.Random(f"document:{seed}:{index}")
    lead = people[rng.randrange(len(people))]
    others = rng.sample(list(people), k=min(len(people), rng.randint(1, 4)))
    guests = rng.sample([p for p in places if p != event.host], k=min(len(places) - 1, 2))
    outlet = None if rng.random() < UNATTRIBUTED_SHARE else rng.choice(outlets)
    day = event.day + dt.timedelta(days=rng.randint(-3, 20))
    body = article_body(
        rng,
        target_words=rng.randint(MIN_WORDS, MAX_WORDS - 150),
        lead=lead,
        people=others,
        places=(event.host, *guests),
        topic=event.topic,
        day=day,
        statements=rng.sample(range(8), k=rng.randint(1, 4)),
    )
    title = headline(rng, lead, event.host, event.topic)
    authors = " and ".join(rng.sample(JOURNALISTS, k=rng.randint(1, 2)))
    text = f"{title}\n\nBy {authors}\n\n{body}\n"
    tags = ()
    if rng.random() < 0.3:
        tags = (event.tag,) if rng.random() < 0.7 else (event.tag, event.topic)
    follows = None
    if index >= collections and rng.random() < FOLLOW_UP_SHARE:
        follows = index - collections * rng.randint(1, min(5, index // collections))
    slug = _slug(outlet.name) if outlet else "unknown"
    return CorpusDocument(
        index=index,
        filename=f"{index:07d}.txt",
        text=text,
        event=event,
        source=outlet.name if outlet else None,
        published=None if rng.random() < UNDATED_SHARE else day,
        language="en",  # the phrase tables are English, whatever the outlet's languages
        url=f"https://news.example/{slug}/{day:%Y/%m/%d}/{index}" if outlet else "",
        tags=tags,
        follows=follows,
    )


def catalog_toml(documents: Sequence[CorpusDocument]) -> str:
    """The ``catalog.toml`` for ``documents``: outlet, date, language and URL per file."""
    lines = ["# Synthetic corpus: what the archive knows about each generated document.", ""]
    for doc in documents:
        lines.append(f'[files."{doc.filename}"]')
        if doc.source:
            lines.append(f"source = {_toml_string(doc.source)}")
        if doc.published:
            lines.append(f"published = {doc.published.isoformat()}")
        lines.append(f'language = "{doc.language}"')
        if doc.url:
            lines.append(f"url = {_toml_string(doc.url)}")
        lines.append("")
    return "\n".join(lines)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
