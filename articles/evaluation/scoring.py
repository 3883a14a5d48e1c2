"""Scoring what the archive stored against the gold (no Django): counts, P/R/F1 and each miss.

Definitions (also in evaluation/README.md):

* people: one item per person. A gold person in the gazetteer is found when a mention links to
  them; one who is not is found when a candidate, a byline or a linked person of the article
  carries their name or one of their surfaces. A prediction (a linked person, a candidate, an
  author) is correct when it names a gold person; a linked person whose mention is a surface
  of a different gold person is also counted as a wrong-person link.
* countries: one item per gold (surface, country) reading. A link is attributed to the gold
  reading of its surface (the one whose context contains it, if any): correct when the
  country agrees; a false friend when the reading is a ``not_countries`` entry. A link to one
  part of a hyphenated word ("Uzbek" in "German-Uzbek") has the whole word as its surface when
  the gold lists that word, as the gold lists a compound once per country.
* quotes: gold and stored quotes matched one to one by shared words; speakers are scored over
  the matched gold quotes.
* clusters: pairs of gold quotes. Positive pairs are two members of one ``same`` group;
  negative pairs two members of one ``distinct`` group or members of two different ``same``
  groups. Precision is over labelled pairs the archive put in one cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from .gold import GoldArticle, GoldSplit, Member
from .matching import (
    QUOTE_MIN_OVERLAP,
    hyphenated_word,
    locate,
    match_one_to_one,
    normalise,
    normalise_name,
    quote_overlap,
)
from .sentences import body_sentences_dropped, furniture_kept


@dataclass(frozen=True)
class PredPerson:
    name: str
    source: str  # "mention", "candidate" or "author"
    gazetteer: bool = False  # a person from the gazetteer (only for "mention")
    mentions: tuple[str, ...] = ()  # the linked surfaces, one per mention


@dataclass(frozen=True)
class PredCountry:
    text: str
    code: str
    start: int
    end: int


@dataclass(frozen=True)
class PredQuote:
    text: str
    speaker: str | None  # the linked person's name, else the speaker as written
    cluster: int | None = None


@dataclass(frozen=True)
class PredArticle:
    file: str
    title: str = ""
    outlet: str | None = None
    # The stored outlet's other names: the text may name it by any of them ("AFP").
    outlet_aliases: tuple[str, ...] = ()
    published: str | None = None
    authors: tuple[str, ...] = ()
    dek: str = ""
    body: str = ""
    people: tuple[PredPerson, ...] = ()
    countries: tuple[PredCountry, ...] = ()
    quotes: tuple[PredQuote, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class PRF:
    correct: int = 0  # predictions that are right
    predicted: int = 0
    found: int = 0  # gold items found
    expected: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Issue:
    file: str
    task: str
    kind: str  # "miss", "false positive", "wrong"
    detail: str


@dataclass
class SplitScore:
    split: GoldSplit
    people: PRF = field(default_factory=PRF)
    wrong_person_links: int = 0
    countries: PRF = field(default_factory=PRF)
    false_friends_linked: int = 0
    quotes: PRF = field(default_factory=PRF)
    transcripts_found: Ratio = field(default_factory=Ratio)
    speakers: Ratio = field(default_factory=Ratio)
    speakers_quoted: Ratio = field(default_factory=Ratio)
    speakers_transcript: Ratio = field(default_factory=Ratio)
    title: Ratio = field(default_factory=Ratio)
    outlet: Ratio = field(default_factory=Ratio)
    published: Ratio = field(default_factory=Ratio)
    authors: Ratio = field(default_factory=Ratio)
    furniture: Ratio = field(default_factory=Ratio)  # furniture lines removed
    sentences_dropped: Ratio = field(default_factory=Ratio)  # real sentences dropped
    facts: PRF = field(default_factory=PRF)
    clusters: PRF = field(default_factory=PRF)
    must_not_merge_merged: int = 0
    not_loaded: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def issue(self, file: str, task: str, kind: str, detail: str) -> None:
        self.issues.append(Issue(file, task, kind, detail))


def score_split(split: GoldSplit, predicted: dict[str, PredArticle]) -> SplitScore:
    """Score every gold article of a split against the stored articles, by file name."""
    result = SplitScore(split=split)
    quote_clusters: dict[Member, int | None] = {}
    for gold in split.articles:
        pred = predicted.get(gold.file)
        if pred is None:
            result.not_loaded.append(gold.file)
            pred = PredArticle(file=gold.file)
        score_metadata(gold, pred, result)
        score_people(gold, pred, result)
        score_countries(gold, pred, result)
        for index, cluster in score_quotes(gold, pred, result).items():
            quote_clusters[(gold.file, index)] = cluster
        score_facts(gold, pred, result)
    score_clusters(split, quote_clusters, result)
    return result


def score_metadata(gold: GoldArticle, pred: PredArticle, result: SplitScore) -> None:
    outlet = pred.outlet or ""
    if gold.outlet and any(normalise(gold.outlet) == normalise(a) for a in pred.outlet_aliases):
        outlet = gold.outlet  # stored under its canonical name, named by an alias in the text
    checks = (
        ("title", gold.title, pred.title, result.title),
        ("outlet", gold.outlet, outlet, result.outlet),
        ("date", gold.published, pred.published or "", result.published),
    )
    for task, expected, got, ratio in checks:
        if expected is None:
            continue
        ratio.add(normalise(expected) == normalise(got))
        if normalise(expected) != normalise(got):
            result.issue(gold.file, task, "wrong", f"expected {expected!r}, got {got!r}")
    if gold.authors is not None:
        expected_authors = sorted(normalise_name(a) for a in gold.authors)
        got_authors = sorted(normalise_name(a) for a in pred.authors)
        result.authors.add(expected_authors == got_authors)
        if expected_authors != got_authors:
            result.issue(
                gold.file, "authors", "wrong", f"expected {gold.authors}, got {pred.authors}"
            )
    if gold.furniture is not None and gold.text is not None:
        for line, kept in furniture_kept(gold.furniture, pred):
            result.furniture.add(not kept)
            if kept:
                result.issue(gold.file, "furniture", "miss", f"kept: {line!r}")
        sentences, dropped = body_sentences_dropped(gold, pred)
        result.sentences_dropped.hits += len(dropped)
        result.sentences_dropped.total += sentences
        for sentence in dropped:
            result.issue(gold.file, "body", "false positive", f"dropped: {sentence!r}")


def score_people(gold: GoldArticle, pred: PredArticle, result: SplitScore) -> None:
    names = {normalise_name(p.name): p for p in gold.people}
    forms = {normalise_name(form): p for p in gold.people for form in (p.name, *p.surfaces) if form}
    predictions = [
        p for p in pred.people if gold.people_complete or p.source == "mention" and p.gazetteer
    ]
    for person in gold.people:
        key = normalise_name(person.name)
        surfaces = {normalise_name(s) for s in (person.name, *person.surfaces)}
        if person.known:
            found = any(
                p.source == "mention" and p.gazetteer and normalise_name(p.name) == key
                for p in predictions
            )
        else:
            # Not in the seeds' gazetteer, but perhaps in the field's (articles/data/people.toml):
            # a link to a person of that name finds them as a candidate or a byline would.
            found = any(normalise_name(p.name) in surfaces for p in predictions)
        result.people.expected += 1
        result.people.found += found
        if not found:
            status = "known" if person.known else "unknown"
            result.issue(gold.file, "people", "miss", f"{person.name} ({status})")
    for p in predictions:
        result.people.predicted += 1
        own = (
            names.get(normalise_name(p.name)) if p.gazetteer else forms.get(normalise_name(p.name))
        )
        if own is not None:
            result.people.correct += 1
            continue
        wrong = [s for s in p.mentions if normalise_name(s) in forms]
        if wrong:
            result.wrong_person_links += len(wrong)
            meant = forms[normalise_name(wrong[0])].name
            result.issue(
                gold.file,
                "people",
                "wrong",
                f"{wrong[0]!r} linked to {p.name}, is {meant} ({len(wrong)} mention(s))",
            )
        else:
            result.issue(gold.file, "people", "false positive", f"{p.name} ({p.source})")


def score_countries(gold: GoldArticle, pred: PredArticle, result: SplitScore) -> None:
    readings = [*gold.countries, *gold.not_countries]
    spans = {
        i: locate(pred.body, reading.context)
        for i, reading in enumerate(readings)
        if reading.context
    }
    hit: set[int] = set()
    wrong: dict[tuple[str, str], str] = {}
    listed = {normalise_name(reading.surface) for reading in readings}
    for mention in pred.countries:
        surface = normalise_name(mention.text)
        whole = normalise_name(hyphenated_word(pred.body, mention.start, mention.end))
        if whole != surface and whole in listed:
            surface = whole
        same = [i for i, r in enumerate(readings) if normalise_name(r.surface) == surface]
        inside = [
            i
            for i in same
            if any(a <= mention.start and mention.end <= b for a, b in spans.get(i, ()))
        ]
        chosen = inside or [i for i in same if not readings[i].context]
        right = [i for i in chosen if i < len(gold.countries) and readings[i].code == mention.code]
        if right:
            hit.add(right[0])
        elif any(i >= len(gold.countries) for i in chosen):
            wrong.setdefault((surface, mention.code), "false friend")
        elif chosen:
            wrong.setdefault((surface, mention.code), "wrong country")
        else:
            wrong.setdefault((surface, mention.code), "not in gold")
    result.countries.expected += len(gold.countries)
    result.countries.found += len(hit)
    result.countries.correct += len(hit)
    result.countries.predicted += len(hit) + len(wrong)
    for i, reading in enumerate(gold.countries):
        if i not in hit:
            where = f" in {reading.context!r}" if reading.context else ""
            result.issue(
                gold.file, "countries", "miss", f"{reading.surface!r} {reading.code}{where}"
            )
    for (surface, code), why in wrong.items():
        result.false_friends_linked += why == "false friend"
        result.issue(gold.file, "countries", "false positive", f"{surface!r} -> {code} ({why})")


def score_quotes(gold: GoldArticle, pred: PredArticle, result: SplitScore) -> dict[int, int | None]:
    """Quote and speaker figures; returns the stored cluster of each gold quote found."""
    pairs = match_one_to_one(
        gold.quotes,
        pred.quotes,
        lambda g, p: quote_overlap(g.text, p.text, prefix=g.prefix),
        QUOTE_MIN_OVERLAP,
    )
    result.quotes.expected += len(gold.quotes)
    result.quotes.found += len(pairs)
    result.quotes.predicted += len(pred.quotes)
    result.quotes.correct += len(pairs)
    people = {p.name: p for p in gold.people}
    for g, quote in enumerate(gold.quotes):
        if quote.transcript:
            result.transcripts_found.add(g in pairs)
        if g not in pairs:
            result.issue(gold.file, "quotes", "miss", _short(quote.text))
            continue
        said = pred.quotes[pairs[g]].speaker
        if quote.speaker:
            person = people.get(quote.speaker)
            forms = {
                normalise_name(f) for f in (quote.speaker, *(person.surfaces if person else ()))
            }
            right = bool(said) and normalise_name(said) in forms
        else:
            right = not said
        result.speakers.add(right)
        (result.speakers_transcript if quote.transcript else result.speakers_quoted).add(right)
        if not right:
            detail = f"{_short(quote.text)}: expected {quote.speaker or 'nobody'}, got {said}"
            result.issue(gold.file, "speakers", "wrong", detail)
    matched = set(pairs.values())
    for p, quote in enumerate(pred.quotes):
        if p not in matched:
            result.issue(gold.file, "quotes", "false positive", _short(quote.text))
    return {g: pred.quotes[p].cluster for g, p in pairs.items()}


def score_facts(gold: GoldArticle, pred: PredArticle, result: SplitScore) -> None:
    if gold.facts is None:
        return

    def overlaps(g, p: str) -> bool:
        a, b = normalise(g.text), normalise(p)
        return bool(a and b) and (a in b or b in a)

    pairs = match_one_to_one(gold.facts, pred.facts, lambda g, p: float(overlaps(g, p)), 1.0)
    result.facts.expected += len(gold.facts)
    result.facts.found += len(pairs)
    result.facts.predicted += len(pred.facts)
    result.facts.correct += len(pairs)
    for g, fact in enumerate(gold.facts):
        if g not in pairs:
            result.issue(gold.file, "facts", "miss", repr(fact.text))
    matched = set(pairs.values())
    for p, text in enumerate(pred.facts):
        if p not in matched:
            result.issue(gold.file, "facts", "false positive", repr(text))


def score_clusters(
    split: GoldSplit, clusters: dict[Member, int | None], result: SplitScore
) -> None:
    positive = {frozenset(pair) for group in split.same for pair in combinations(group, 2)}
    negative = {frozenset(pair) for group in split.distinct for pair in combinations(group, 2)}
    for one, other in combinations(split.same, 2):
        negative |= {frozenset((a, b)) for a in one for b in other if a != b}
    negative -= positive
    for pair in sorted(positive | negative, key=sorted):
        a, b = sorted(pair)
        together = clusters.get(a) is not None and clusters.get(a) == clusters.get(b)
        if pair in positive:
            result.clusters.expected += 1
            result.clusters.found += together
            if not together:
                result.issue(a[0], "clusters", "miss", f"{_member(a)} and {_member(b)} apart")
        if together:
            result.clusters.predicted += 1
            result.clusters.correct += pair in positive
            if pair in negative:
                in_distinct = any(a in g and b in g for g in split.distinct)
                result.must_not_merge_merged += in_distinct
                result.issue(a[0], "clusters", "false positive", f"{_member(a)} with {_member(b)}")


def _member(member: Member) -> str:
    return f"{member[0]}#{member[1]}"


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
