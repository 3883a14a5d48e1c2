"""Article text for the synthetic corpus: headlines, paragraphs, quotes and figures.

Every choice comes from the ``random.Random`` handed in, so the same generator state gives the
same text. The wording is built from small phrase tables and the names of real people, countries
and outlets, so the text pipeline finds in it what it finds in real coverage: mentions under
several spellings, attributed quotes (the same statement worded differently by each outlet, so
that quote clusters form), and money, percentages, quantities, votes and dates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

TOPICS = (
    "energy transit",
    "regional security",
    "sanctions enforcement",
    "water management",
    "trade corridors",
    "critical minerals",
    "border cooperation",
    "climate finance",
    "labour migration",
    "education exchanges",
)

FILLER = (
    "Officials described the talks as constructive but cautious.",
    "Analysts in the region said the meeting followed months of quiet preparation.",
    "The delegations met behind closed doors for most of the afternoon.",
    "Local media gave the visit wide coverage, with live broadcasts from the airport.",
    "Several agreements were signed, though their full texts were not published.",
    "Diplomats said the next round of consultations would take place within the year.",
    "The talks touched on logistics, customs procedures and the financing of new routes.",
    "Observers noted that the wording of the joint statement had been negotiated at length.",
    "Business groups welcomed the announcements but asked for clearer timetables.",
    "Opposition commentators questioned how much of the programme would be delivered.",
    "The foreign ministries issued short statements after the working lunch.",
    "Regional experts cautioned against reading too much into the symbolism of the trip.",
    "Trade between the countries has grown steadily over the past decade.",
    "Human rights groups urged the visitors to raise the cases of detained journalists.",
    "The programme also included a meeting with students and civil society groups.",
    "Security around the venue was tight, with several central streets closed to traffic.",
)

OPENERS = (
    "{person} arrived in {city} on {weekday} for talks on {topic}.",
    "{person} held talks in {city} on {weekday}, with {topic} high on the agenda.",
    "Talks on {topic} dominated the agenda as {person} met counterparts in {city}.",
    "{person} used a visit to {city} to press for progress on {topic}.",
)

# Statements per topic; outlets report each with small differences in wording.
STATEMENTS = (
    "We support the sovereignty and territorial integrity of every country in the region",
    "Our partnership on {topic} will bring real benefits to ordinary people",
    "No country should be used as a platform to circumvent international sanctions",
    "We are ready to expand cooperation on {topic} in the coming years",
    "The region deserves investment that respects its independence",
    "Dialogue is the only way to resolve the questions that remain between us",
    "This visit opens a new chapter in our relations",
    "We will not choose between partners; we want good relations with all of them",
)

VARIATIONS = (
    lambda s: s,
    lambda s: s.replace("We ", "We firmly ", 1),
    lambda s: s.replace(" the ", " our ", 1),
    lambda s: s + ", and we will keep saying so",
    lambda s: "Let me be clear: " + s[0].lower() + s[1:],
)

SPEECH = ("said", "told reporters", "stressed", "added", "noted")
LEAD_INS = ("said", "told journalists", "declared")

FIGURES = (
    "The package is worth ${amount} million, according to officials.",
    "Trade rose by {percent} percent last year, the ministry said.",
    "The new line is expected to carry {tonnes} tonnes of cargo a year.",
    "The pipeline would stretch about {km} kilometres across the steppe.",
    "Plans include a solar plant of {mw} megawatts by the end of the decade.",
    "Around {percent} percent of the funds will go to small businesses.",
)

VOTES = (
    "The resolution passed with {yes} votes in favour, {no} against and {abstain} abstentions.",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Speaker:
    """A person as the text may name them: the full name and the spellings outlets use."""

    name: str
    variants: tuple[str, ...] = ()

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def written(self, rng: random.Random) -> str:
        """The full name, or one of its attested spellings now and then."""
        if self.variants and rng.random() < 0.25:
            return rng.choice(self.variants)
        return self.name


@dataclass(frozen=True)
class Place:
    """A country and the names the text uses for it."""

    name: str
    capital: str
    demonym: str


def words(text: str) -> int:
    return len(text.split())


def statement(rng: random.Random, topic: str, index: int) -> str:
    """Statement ``index`` on ``topic`` in one outlet's wording (no final full stop)."""
    base = STATEMENTS[index % len(STATEMENTS)].format(topic=topic)
    return rng.choice(VARIATIONS)(base)


def headline(rng: random.Random, speaker: Speaker, place: Place, topic: str) -> str:
    forms = (
        f"{speaker.name} visits {place.capital} for talks on {topic}",
        f"{place.name} and partners discuss {topic} during {speaker.surname} visit",
        f"{speaker.surname} in {place.capital}: what the talks on {topic} mean",
        f"{place.demonym} officials welcome {speaker.name} amid focus on {topic}",
    )
    return rng.choice(forms)


def quote_paragraph(rng: random.Random, speaker: Speaker, topic: str, index: int) -> str:
    said = statement(rng, topic, index)
    if rng.random() < 0.5:
        return f"“{said},” {speaker.written(rng)} {rng.choice(SPEECH)}."
    return f"{speaker.written(rng)} {rng.choice(LEAD_INS)}: “{said}.”"


def figure_sentence(rng: random.Random, day: dt.date) -> str:
    if rng.random() < 0.1:
        yes = rng.randint(90, 150)
        return rng.choice(VOTES).format(yes=yes, no=rng.randint(2, 20), abstain=rng.randint(5, 40))
    if rng.random() < 0.15:
        return f"The agreement is due to take effect on {day.day} {day:%B} {day.year}."
    return rng.choice(FIGURES).format(
        amount=rng.choice((5, 10, 25, 50, 100, 250)),
        percent=rng.choice((4, 7, 12, 15, 20, 35)),
        tonnes=f"{rng.choice((1, 2, 5, 10))} million",
        km=rng.choice((300, 450, 700, 1200)),
        mw=rng.choice((100, 200, 500, 1000)),
    )


def paragraph(
    rng: random.Random, people: Sequence[Speaker], places: Sequence[Place], day: dt.date
) -> str:
    """Three to six sentences of reporting: filler, a person or country named, a figure."""
    sentences = []
    for _ in range(rng.randint(3, 6)):
        roll = rng.random()
        if roll < 0.2:
            sentences.append(figure_sentence(rng, day))
        elif roll < 0.45:
            place = rng.choice(places)
            person = rng.choice(people)
            sentences.append(
                f"{person.written(rng)} later discussed the situation in {place.name} "
                f"with {place.demonym} officials."
            )
        else:
            sentences.append(rng.choice(FILLER))
    return " ".join(sentences)


def article_body(
    rng: random.Random,
    *,
    target_words: int,
    lead: Speaker,
    people: Sequence[Speaker],
    places: Sequence[Place],
    topic: str,
    day: dt.date,
    statements: Sequence[int],
) -> str:
    """Paragraphs until ``target_words`` is reached: an opener, reporting, quoted statements."""
    host = places[0]
    opener = rng.choice(OPENERS).format(
        person=lead.name, city=host.capital, weekday=WEEKDAYS[day.weekday()], topic=topic
    )
    paragraphs = [opener]
    count = words(opener)
    pending = list(statements)
    while count < target_words:
        if pending and rng.random() < 0.35:
            speaker = rng.choice((lead, *people))
            text = quote_paragraph(rng, speaker, topic, pending.pop(0))
        else:
            text = paragraph(rng, (lead, *people), places, day)
        paragraphs.append(text)
        count += words(text)
    return "\n\n".join(paragraphs)
