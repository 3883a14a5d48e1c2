"""Reading gold annotations into plain dataclasses (no Django).

Two layouts are read:

* the evaluation corpus (``evaluation/dev``, ``evaluation/test``): ``NNN_slug.txt`` with its
  ``NNN_slug.gold.toml`` and a split-level ``clusters.toml`` (format in evaluation/README.md);
* the seed gold (``tests/gold``: ``mentions.toml`` and ``quotes.toml`` about the documents in
  ``seeds/``), which annotates only linked mentions and quotes. The rules were written on those
  documents, so its figures are a regression check, not evidence of accuracy.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from articles.pipeline.gazetteer import load_gazetteer

GOLD_SUFFIX = ".gold.toml"
CLUSTERS_FILE = "clusters.toml"
SEED_MENTIONS = "mentions.toml"
SEED_QUOTES = "quotes.toml"

Member = tuple[str, int]  # (file name, index into that file's gold quotes)


class GoldError(ValueError):
    """A gold folder cannot be read; the message says which file and why."""


@dataclass(frozen=True)
class GoldPerson:
    name: str
    surfaces: tuple[str, ...]
    known: bool


@dataclass(frozen=True)
class GoldCountry:
    surface: str
    code: str
    context: str = ""


@dataclass(frozen=True)
class NotCountry:
    surface: str
    reason: str
    context: str = ""


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str  # a person's canonical name, "" when nobody can be named
    transcript: bool = False
    prefix: bool = False  # ``text`` is only the start of the quoted words (seed gold)


@dataclass(frozen=True)
class GoldFact:
    text: str
    value: str


@dataclass(frozen=True)
class GoldArticle:
    """What one document should come out as. ``None`` marks a field the gold does not cover."""

    file: str
    text: str | None = None  # the decoded text, for furniture and body sentences
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: tuple[str, ...] | None = None
    furniture: tuple[str, ...] | None = None
    people: tuple[GoldPerson, ...] = ()
    # True: every person named is listed (unknown ones too); False: only linked mentions are.
    people_complete: bool = True
    countries: tuple[GoldCountry, ...] = ()
    not_countries: tuple[NotCountry, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    facts: tuple[GoldFact, ...] | None = None


@dataclass(frozen=True)
class GoldSplit:
    name: str
    label: str
    documents: tuple[Path, ...]  # the .txt files to load, in name order
    articles: tuple[GoldArticle, ...]
    same: tuple[tuple[Member, ...], ...] = ()
    distinct: tuple[tuple[Member, ...], ...] = ()
    fitted: bool = False  # the rules were developed on these documents
    notes: tuple[str, ...] = field(default_factory=tuple)


def read_split(folder: Path, *, seeds_dir: Path, gazetteer: Path) -> GoldSplit:
    """The gold in ``folder``, in whichever of the two layouts it uses."""
    if not folder.is_dir():
        raise GoldError(f"not a folder: {folder}")
    if (folder / SEED_MENTIONS).is_file():
        return read_seed_gold(folder, seeds_dir=seeds_dir, gazetteer=gazetteer)
    return read_corpus(folder)


def read_corpus(folder: Path) -> GoldSplit:
    """An evaluation-corpus split: one gold file per text, plus clusters.toml."""
    documents = tuple(sorted(p for p in folder.glob("*.txt") if p.is_file()))
    if not documents:
        raise GoldError(f"no .txt documents in {folder}")
    articles = []
    for path in documents:
        gold_path = path.with_suffix(GOLD_SUFFIX)
        if not gold_path.is_file():
            raise GoldError(f"{path.name}: no {gold_path.name}")
        articles.append(_corpus_article(path, _toml(gold_path)))
    clusters = _toml(folder / CLUSTERS_FILE) if (folder / CLUSTERS_FILE).is_file() else {}
    return GoldSplit(
        name=folder.name,
        label=f"{folder.parent.name}/{folder.name} ({len(documents)} articles)",
        documents=documents,
        articles=tuple(articles),
        same=_groups(clusters.get("same", [])),
        distinct=_groups(clusters.get("distinct", [])),
    )


def _corpus_article(path: Path, gold: dict) -> GoldArticle:
    encoding = gold.get("encoding", "utf-8")
    try:
        text = path.read_bytes().decode(encoding).replace("\r\n", "\n").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise GoldError(f"{path.name}: does not decode as {encoding}: {error}") from None
    try:
        return GoldArticle(
            file=path.name,
            text=text,
            title=gold["title"],
            outlet=gold["outlet"],
            published=gold["published"],
            authors=tuple(gold.get("authors", [])),
            furniture=tuple(gold.get("furniture", [])),
            people=tuple(
                GoldPerson(p["name"], tuple(p["surfaces"]), bool(p["known"]))
                for p in gold.get("people", [])
            ),
            countries=tuple(GoldCountry(*entry) for entry in gold.get("countries", [])),
            not_countries=tuple(NotCountry(*entry) for entry in gold.get("not_countries", [])),
            quotes=tuple(
                GoldQuote(q["text"], q["speaker"], bool(q.get("transcript", False)))
                for q in gold.get("quotes", [])
            ),
            facts=tuple(GoldFact(f["text"], f.get("value", "")) for f in gold.get("facts", [])),
        )
    except (KeyError, TypeError) as error:
        raise GoldError(f"{path.name}: bad gold field ({error})") from None


def read_seed_gold(folder: Path, *, seeds_dir: Path, gazetteer: Path) -> GoldSplit:
    """The seed gold in tests/gold, about the documents in ``seeds_dir``."""
    names = {p.slug: p.name for p in load_gazetteer(gazetteer).people}
    mentions = _toml(folder / SEED_MENTIONS).get("document", [])
    quotes_data = _toml(folder / SEED_QUOTES) if (folder / SEED_QUOTES).is_file() else {}
    quotes_by_prefix = quotes_data.get("seeds", {})
    articles, prefixes = [], {}
    for document in mentions:
        file = document["seed"]
        people: dict[str, list[str]] = {}
        countries: dict[tuple[str, str], None] = {}
        for surface, entity in document["mentions"]:
            kind, _, key = entity.partition(":")
            if kind == "person":
                people.setdefault(names.get(key, key), [])
                if surface not in people[names.get(key, key)]:
                    people[names.get(key, key)].append(surface)
            else:
                countries[(surface, key)] = None
        entries = quotes_by_prefix.get(file[:3], {}).get("quotes", [])
        prefixes[file[:3]] = [q["prefix"] for q in entries]
        articles.append(
            GoldArticle(
                file=file,
                people=tuple(GoldPerson(n, tuple(s), True) for n, s in people.items()),
                people_complete=False,
                countries=tuple(GoldCountry(s, c) for s, c in countries),
                quotes=tuple(
                    GoldQuote(
                        q["prefix"],
                        "" if q["speaker"] == "unknown" else names.get(q["speaker"], q["speaker"]),
                        prefix=True,
                    )
                    for q in entries
                ),
            )
        )
    files = {a.file[:3]: a.file for a in articles}
    same = tuple(
        tuple(
            (files[seed], prefixes[seed].index(prefix))
            for seed, prefix in group["members"]
            if seed in files and prefix in prefixes.get(seed, [])
        )
        for group in quotes_data.get("clusters", [])
    )
    return GoldSplit(
        name="regression",
        label=(
            f"regression (fitted): {folder.parent.name}/{folder.name}, "
            f"{len(articles)} seed documents"
        ),
        documents=tuple(seeds_dir / a.file for a in articles),
        articles=tuple(articles),
        same=tuple(g for g in same if len(g) >= 2),
        fitted=True,
    )


def _groups(groups: list[dict]) -> tuple[tuple[Member, ...], ...]:
    return tuple(tuple((str(f), int(i)) for f, i in group["members"]) for group in groups)


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise GoldError(f"{path.name}: {error}") from None
