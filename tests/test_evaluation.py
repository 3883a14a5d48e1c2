"""The evaluation: scoring arithmetic on hand-made inputs, and `evaluate` on a tiny gold split."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.evaluation.gold import (
    GoldArticle,
    GoldCountry,
    GoldPerson,
    GoldQuote,
    GoldSplit,
    NotCountry,
    read_corpus,
)
from articles.evaluation.matching import hyphenated_word, normalise_name, quote_overlap, sentences
from articles.evaluation.scoring import (
    PRF,
    PredArticle,
    PredCountry,
    PredPerson,
    PredQuote,
    score_split,
)
from articles.models import (
    Article,
    Fact,
    Mention,
    Person,
    PersonCandidate,
    Quote,
    QuoteCluster,
    Source,
)

FIXTURE = Path(__file__).parent / "fixtures" / "evaluation"


def split_of(*articles: GoldArticle, same=(), distinct=()) -> GoldSplit:
    return GoldSplit(
        name="t", label="t", documents=(), articles=articles, same=same, distinct=distinct
    )


def test_prf_arithmetic() -> None:
    counts = PRF(correct=3, predicted=4, found=3, expected=6)
    assert counts.precision == 0.75
    assert counts.recall == 0.5
    assert counts.f1 == pytest.approx(0.6)
    assert PRF().precision is None and PRF().f1 is None
    assert PRF(correct=0, predicted=2, found=0, expected=2).f1 == 0.0


def test_people_known_unknown_and_wrong_person_links() -> None:
    gold = GoldArticle(
        file="a.txt",
        people=(
            GoldPerson("Kassym-Jomart Tokayev", ("Tokayev",), True),
            GoldPerson("Xi Jinping", ("Xi Jinping", "Xi"), False),
            GoldPerson("Wang Yi", ("Wang Yi",), False),
            GoldPerson("Antony Blinken", ("Blinken",), True),
        ),
    )
    pred = PredArticle(
        file="a.txt",
        people=(
            PredPerson("Kassym-Jomart Tokayev", "mention", True, ("Tokayev", "Tokayev")),
            PredPerson("Xi Jinping", "candidate"),
            # "Blinken" linked to someone else: a wrong-person link, not a find.
            PredPerson("Donald Blinken", "mention", True, ("Blinken",)),
            PredPerson("Sputnik Team", "author"),
        ),
    )
    score = score_split(split_of(gold), {"a.txt": pred})
    assert (score.people.found, score.people.expected) == (2, 4)
    assert (score.people.correct, score.people.predicted) == (2, 4)
    assert score.wrong_person_links == 1
    kinds = sorted((i.kind, i.detail) for i in score.issues if i.task == "people")
    assert kinds == [
        ("false positive", "Sputnik Team (author)"),
        ("miss", "Antony Blinken (known)"),
        ("miss", "Wang Yi (unknown)"),
        ("wrong", "'Blinken' linked to Donald Blinken, is Antony Blinken (1 mention(s))"),
    ]


def test_an_unknown_person_is_found_through_a_link_to_the_field_data() -> None:
    gold = GoldArticle(file="a.txt", people=(GoldPerson("Wang Yi", ("Wang Yi", "王毅"), False),))
    pred = PredArticle(file="a.txt", people=(PredPerson("Wang Yi", "mention", True, ("王毅",)),))
    score = score_split(split_of(gold), {"a.txt": pred})
    assert (score.people.found, score.people.correct, score.people.predicted) == (1, 1, 1)


def test_a_known_person_is_found_only_through_a_link() -> None:
    gold = GoldArticle(file="a.txt", people=(GoldPerson("Vladimir Putin", ("Putin",), True),))
    pred = PredArticle(file="a.txt", people=(PredPerson("Vladimir Putin", "candidate"),))
    score = score_split(split_of(gold), {"a.txt": pred})
    assert (score.people.found, score.people.correct, score.people.predicted) == (0, 1, 1)


def test_countries_contexts_and_false_friends() -> None:
    body = "Georgia and Kazakhstan met. In Atlanta, Georgia, fans cheered. Turkey was served."
    gold = GoldArticle(
        file="a.txt",
        countries=(
            GoldCountry("Georgia", "GE", "Georgia and Kazakhstan"),
            GoldCountry("Kazakhstan", "KZ"),
        ),
        not_countries=(
            NotCountry("Georgia", "US state", "Atlanta, Georgia"),
            NotCountry("Turkey", "the bird"),
        ),
    )

    def at(surface: str, code: str, nth: int = 0) -> PredCountry:
        start = -1
        for _ in range(nth + 1):
            start = body.index(surface, start + 1)
        return PredCountry(surface, code, start, start + len(surface))

    pred = PredArticle(
        file="a.txt",
        body=body,
        countries=(at("Georgia", "GE"), at("Georgia", "GE", 1), at("Turkey", "TR")),
    )
    score = score_split(split_of(gold), {"a.txt": pred})
    # Found: Georgia (the country); missed: Kazakhstan. Wrong: Georgia the state and Turkey.
    assert (score.countries.found, score.countries.expected) == (1, 2)
    assert (score.countries.correct, score.countries.predicted) == (1, 3)
    assert score.false_friends_linked == 2


def test_a_link_to_part_of_a_compound_is_scored_by_the_whole_word() -> None:
    body = "A Franco-Uzbek forum. Uzbek cotton. The Moscow-led bloc."
    gold = GoldArticle(
        file="a.txt",
        countries=(
            GoldCountry("Franco-Uzbek", "FR"),
            GoldCountry("Franco-Uzbek", "UZ"),
            GoldCountry("Uzbek", "UZ"),
            GoldCountry("Moscow", "RU"),
        ),
    )

    def at(surface: str, code: str, nth: int = 0) -> PredCountry:
        start = -1
        for _ in range(nth + 1):
            start = body.index(surface, start + 1)
        return PredCountry(surface, code, start, start + len(surface))

    pred = PredArticle(
        file="a.txt",
        body=body,
        countries=(
            at("Franco", "FR"),
            at("Uzbek", "UZ"),
            at("Uzbek", "UZ", 1),
            at("Moscow", "RU"),
        ),
    )
    score = score_split(split_of(gold), {"a.txt": pred})
    # Both countries of the compound are found; "Moscow-led" is no listed word, so "Moscow" is.
    assert (score.countries.found, score.countries.expected) == (4, 4)
    assert (score.countries.correct, score.countries.predicted) == (4, 4)
    assert hyphenated_word(body, 8, 13) == "Franco-Uzbek"
    assert hyphenated_word(body, 0, 1) == "A"


def test_quotes_speakers_and_clusters() -> None:
    first = GoldArticle(
        file="a.txt",
        people=(GoldPerson("Emmanuel Macron", ("Macron",), False),),
        quotes=(
            GoldQuote("Kazakhstan refuses to be a vassal of anyone", "Emmanuel Macron"),
            GoldQuote("We will see", "", transcript=True),
        ),
    )
    second = GoldArticle(
        file="b.txt",
        quotes=(
            GoldQuote("Kazakhstan refuses to be a vassal of anyone at all", ""),
            GoldQuote("the formula of sovereignty", ""),
        ),
    )
    preds = {
        "a.txt": PredArticle(
            file="a.txt",
            quotes=(
                PredQuote("Kazakhstan refuses to be a vassal", "Macron", cluster=1),
                PredQuote("nothing like the gold", None),
            ),
        ),
        "b.txt": PredArticle(
            file="b.txt",
            quotes=(
                PredQuote("Kazakhstan refuses to be a vassal of anyone at all", None, cluster=1),
                PredQuote("the formula of sovereignty", "Someone", cluster=1),
            ),
        ),
    }
    split = split_of(
        first,
        second,
        same=((("a.txt", 0), ("b.txt", 0)),),
        distinct=((("a.txt", 0), ("b.txt", 1)),),
    )
    score = score_split(split, preds)
    # a#0 matches (6 of 7 words shared), a#1 is missed; both of b's quotes match.
    assert (score.quotes.found, score.quotes.expected) == (3, 4)
    assert (score.quotes.correct, score.quotes.predicted) == (3, 4)
    assert (score.speakers.hits, score.speakers.total) == (2, 3)
    assert (score.transcripts_found.hits, score.transcripts_found.total) == (0, 1)
    # Pairs: (a0, b0) positive and together; (a0, b1) must not merge but does.
    assert (score.clusters.found, score.clusters.expected) == (1, 1)
    assert (score.clusters.correct, score.clusters.predicted) == (1, 2)
    assert score.must_not_merge_merged == 1


def test_furniture_and_dropped_sentences() -> None:
    gold = GoldArticle(
        file="a.txt",
        text="Headline here\nBy Ann Lee\nAdvertisement\nFirst real sentence. Second one.\n"
        "Third sentence here.\nShare this\n",
        title="Headline here",
        outlet="",
        published="",
        authors=("Ann Lee",),
        furniture=("Advertisement", "Share this"),
    )
    pred = PredArticle(
        file="a.txt",
        title="Headline here",
        authors=("Ann Lee",),
        body="First real sentence. Second one.\n\nShare this",
    )
    score = score_split(split_of(gold), {"a.txt": pred})
    assert (score.furniture.hits, score.furniture.total) == (1, 2)
    assert (score.sentences_dropped.hits, score.sentences_dropped.total) == (1, 3)
    assert (score.title.hits, score.outlet.hits, score.published.hits) == (1, 1, 1)
    assert score.authors.hits == 1


def test_matching_helpers() -> None:
    assert normalise_name("the Kremlin’s") == "kremlin"
    assert quote_overlap("one two three four", "one two") == 0.5
    assert quote_overlap("If we allow", "If we allow Russia to", prefix=True) == 1.0
    assert sentences("One. Two?  “Three.” Four") == ["One.", "Two?", "“Three.”", "Four"]


def test_read_corpus_reads_only_the_text_documents() -> None:
    split = read_corpus(FIXTURE)
    assert [p.name for p in split.documents] == [
        "001_blinken_astana.txt",
        "002_tokayev_readout.txt",
    ]
    assert split.same == ((("001_blinken_astana.txt", 0), ("002_tokayev_readout.txt", 0)),)


EXPECTED_TABLE = """\
fixtures/evaluation (2 articles)
task       figure                           value  count
people     precision                       100.0%  6/6
people     recall                          100.0%  6/6
people     F1                              100.0%
people     wrong-person links                      0
countries  precision                        85.7%  6/7
countries  recall                          100.0%  6/6
countries  F1                               92.3%
countries  false friends linked                    1
quotes     precision                       100.0%  2/2
quotes     recall                          100.0%  2/2
quotes     recall, transcript answers         n/a  0/0
speakers   accuracy (found quotes)          50.0%  1/2
speakers   quoted (marks)                   50.0%  1/2
speakers   transcript answers                 n/a  0/0
title      accuracy                        100.0%  2/2
outlet     accuracy                        100.0%  2/2
date       accuracy                        100.0%  2/2
authors    accuracy                        100.0%  2/2
furniture  lines removed                   100.0%  3/3
body       real sentences removed            0.0%  0/6
facts      precision                        66.7%  2/3
facts      recall                          100.0%  2/2
facts      F1                               80.0%
clusters   pairwise precision              100.0%  1/1
clusters   pairwise recall                 100.0%  1/1
clusters   must-not-merge pairs merged             0
"""


@pytest.mark.django_db
def test_evaluate_prints_the_figures_of_the_fixture_split(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "evaluate",
        gold=[FIXTURE],
        json_path=tmp_path / "figures.json",
        markdown=tmp_path / "accuracy.md",
        stdout=out,
    )
    assert out.getvalue().startswith(EXPECTED_TABLE)
    figures = json.loads((tmp_path / "figures.json").read_text())["splits"]["evaluation"]
    speakers = next(f for f in figures["figures"] if f["task"] == "speakers")
    assert (speakers["hits"], speakers["total"]) == (1, 2)
    page = (tmp_path / "accuracy.md").read_text()
    assert "| countries | precision | 85.7% | 6/7 |" in page
    assert "tuned on" in page


@pytest.mark.django_db
def test_evaluate_lists_misses_at_verbosity_2() -> None:
    out = io.StringIO()
    call_command("evaluate", gold=[FIXTURE], verbosity=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert (
        "002_tokayev_readout.txt: countries: false positive: 'akorda' -> KZ (false friend)" in lines
    )
    assert (
        "002_tokayev_readout.txt: speakers: wrong: 'We support the independence of Kazakhstan "
        "and all its neighbours,': expected Antony Blinken, got None" in lines
    )
    # The share widget is removed and the dateline's date is read, so neither is a miss.
    assert not any(": furniture: " in line or ": date: " in line for line in lines)


def _state() -> dict:
    models = (Article, Mention, Quote, QuoteCluster, Fact, Person, PersonCandidate, Source)
    return {
        "counts": {m.__name__: m.objects.count() for m in models},
        "articles": sorted(Article.objects.values_list("seed_file", "content_hash", "title")),
        "clusters": sorted(QuoteCluster.objects.values_list("key", flat=True)),
    }


@pytest.mark.django_db
def test_evaluate_leaves_the_database_as_it_was(seeded) -> None:
    before = _state()
    assert before["counts"]["Article"] == 5
    gold = ["--gold", str(FIXTURE), "--gold", str(Path(__file__).parent / "gold")]
    call_command("evaluate", *gold, stdout=io.StringIO())
    assert _state() == before


@pytest.mark.django_db
def test_markdown_page_ends_with_the_splits_tuning_notes(tmp_path: Path) -> None:
    split = tmp_path / "evaluation"
    shutil.copytree(FIXTURE, split)
    (split / "TUNING.md").write_text("## What was tuned\n\nThe share widget rule.\n")
    call_command("evaluate", gold=[split], markdown=tmp_path / "a.md", stdout=io.StringIO())
    assert (tmp_path / "a.md").read_text().endswith("## What was tuned\n\nThe share widget rule.\n")
