"""Who said a quote: titles, words between the speaker and the verb, pronouns, colons,
quotes in other languages, institutions and unnamed speakers; and how the kind of speaker
is stored and scored."""

from __future__ import annotations

import pytest

from articles.evaluation.collect import articles_read
from articles.models import Quote
from articles.pipeline.quotes import extract_quotes
from tests.conftest import load


def speaker_of(body: str, text: str) -> tuple[str | None, str]:
    (quote,) = [q for q in extract_quotes(body) if q.text == text]
    return quote.speaker, quote.speaker_kind


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        # A title with a full stop, and words between the speaker and the verb.
        (
            'Mr. Korsak in turn called the plan "a serious step for the region".',
            "a serious step for the region",
            "Korsak",
        ),
        (
            "M. Dumas a pour sa part qualifié la France de « partenaire fiable et ancien ».",
            "partenaire fiable et ancien",
            "Dumas",
        ),
        # An addressee and a role between an inverted verb and the name.
        (
            "«Мы открыты для всех партнеров в регионе», - сказал журналистам "
            "пресс-секретарь президента России Иван Петров.",
            "Мы открыты для всех партнеров в регионе",
            "Иван Петров",
        ),
        # A speech verb after intervening words, a time phrase that is nobody.
        (
            "Außenministerin Anna Berg hatte Anfang September erklärt, der Westen wolle "
            "die Region „abspalten“.",
            "abspalten",
            "Anna Berg",
        ),
        # A second quote of the sentence joined by "and said".
        (
            'Envoy Dana Ermek described the talks as "open and very useful", and said '
            'the visit was "historic".',
            "historic",
            "Dana Ermek",
        ),
        # "He" opening the sentence is the person named just before.
        (
            "Ilya Korsak spoke first. He also welcomed the deal, calling it "
            '"a victory of common sense".',
            "a victory of common sense",
            "Ilya Korsak",
        ),
        # The speaker before a colon.
        ("Korsak: «Мы не выбираем между партнерами».", "Мы не выбираем между партнерами", "Korsak"),
        # A role descriptor in Russian resolves to the person introduced with that role.
        (
            "Министр иностранных дел Иван Петров прибыл в Самарканд. Российский министр "
            'заявил, что соседи "одинаково смотрят на ситуацию".',
            "одинаково смотрят на ситуацию",
            "Иван Петров",
        ),
        # The descriptor's person is the one with that role the text last spoke of.
        (
            "President Anna Berg and President Ilya Korsak met in Astana. Korsak proposed a "
            'fund. "Our peoples share a history and a future," the president said.',
            "Our peoples share a history and a future",
            "Ilya Korsak",
        ),
        # A descriptor followed by the name in an appositive.
        (
            "El portavoz del Ministerio de Exteriores, Wang Wenbin, había asegurado el jueves "
            'que la cooperación "no va dirigida contra ningún tercero".',
            "no va dirigida contra ningún tercero",
            "Wang Wenbin",
        ),
    ],
)
def test_attribution_patterns(body: str, text: str, speaker: str) -> None:
    assert speaker_of(body, text) == (speaker, "person")


def test_institutions_and_unnamed_people_are_not_persons() -> None:
    body = (
        'Washington said it would bring "resources, not just rhetoric" to the table.\n\n'
        "An Elysee official, speaking on condition of anonymity, said the president would "
        'raise "all subjects, including human rights".\n\n'
        "A Western diplomat in Tashkent, who asked not to be named, was blunt. "
        '"He is reminding them who they belong to," the diplomat said.'
    )
    assert speaker_of(body, "resources, not just rhetoric") == ("Washington", "institution")
    assert speaker_of(body, "all subjects, including human rights") == (
        "An Elysee official",
        "anonymous",
    )
    assert speaker_of(body, "He is reminding them who they belong to") == (
        "the diplomat",
        "anonymous",
    )


def test_a_name_alone_in_quotes_is_not_a_quote() -> None:
    body = 'The minister said residents had never accepted "Nur-Sultan" as the name.'
    assert extract_quotes(body) == []


@pytest.mark.django_db
def test_stored_kind_of_speaker_and_what_the_evaluation_reads(tmp_path) -> None:
    path = tmp_path / "institutions.txt"
    path.write_text(
        "Kazakhstan and Washington on the summit\n\n"
        'Kazakhstan said it "will not take part in measures against third countries".\n\n'
        'Washington said it would bring "resources, not just rhetoric" to the region.\n\n'
        'Economist Aigul Nurtas said the money was "late, but welcome all the same".\n',
        encoding="utf-8",
    )
    load(path)
    kinds = dict(Quote.objects.values_list("speaker_text", "speaker_kind"))
    assert kinds == {
        "Kazakhstan": Quote.SpeakerKind.INSTITUTION,
        "Washington": Quote.SpeakerKind.INSTITUTION,
        "Aigul Nurtas": Quote.SpeakerKind.PERSON,
    }
    (record,) = articles_read(names=["institutions.txt"]).values()
    assert [q.speaker for q in record.quotes] == [None, None, "Aigul Nurtas"]


def test_a_title_and_a_long_relative_clause_before_the_verb() -> None:
    body = (
        '"Any return of foreign bases would be unacceptable to us," Mr. Korsak, who had '
        "flown in from Moscow the evening before and was due to leave for Ankara later in "
        "the week, told the ministers."
    )
    assert speaker_of(body, "Any return of foreign bases would be unacceptable to us") == (
        "Korsak",
        "person",
    )


def test_my_friend_before_a_colon() -> None:
    body = (
        "My friend Jordan Baker, who trades cotton, puts it this way: "
        '"Everybody signs memorandums in May and nobody ships anything in June."'
    )
    text = "Everybody signs memorandums in May and nobody ships anything in June."
    assert speaker_of(body, text) == ("Jordan Baker", "person")


def test_german_reversed_and_single_guillemets_and_foreign_pronouns() -> None:
    body = (
        "»Wir bleiben im Gespräch mit allen Partnern«, sagte Außenministerin Anna Berg. "
        "Sie fügte hinzu: ›Das ist ein guter Tag für die ganze Region‹."
    )
    assert speaker_of(body, "Wir bleiben im Gespräch mit allen Partnern") == (
        "Anna Berg",
        "person",
    )
    assert speaker_of(body, "Das ist ein guter Tag für die ganze Region") == (
        "Anna Berg",
        "person",
    )
    french = (
        "« Nous restons ouverts à tous », a déclaré le ministre Jean Dumas. "
        "Il a ajouté : « la France reste là pour longtemps »."
    )
    assert speaker_of(french, "la France reste là pour longtemps") == ("Jean Dumas", "person")


def test_a_summit_name_in_marks_is_not_a_quote() -> None:
    body = 'He spoke at the first summit "Central Asia - China" in the city, his office said.'
    assert extract_quotes(body) == []


def test_a_short_quote_after_a_speech_verb_is_kept_without_a_named_speaker() -> None:
    (quote,) = extract_quotes('The ministry called the report "a provocation" on Monday.')
    assert (quote.text, quote.speaker, quote.speaker_kind) == (
        "a provocation",
        "The ministry",
        "institution",
    )
    (quote,) = extract_quotes('In the end it was called "a provocation" by some.')
    assert (quote.text, quote.speaker) == ("a provocation", None)


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "Bundeskanzler Olaf Scholz traf den Präsidenten. Der Kanzler betonte: "
            "„Wir bleiben im Gespräch mit allen Partnern.“",
            "Wir bleiben im Gespräch mit allen Partnern.",
            "Olaf Scholz",
        ),
        (
            "Президент Казахстана Касым-Жомарт Токаев провел переговоры. Глава государства "
            'заявил, что "Казахстан открыт для всех партнеров".',
            "Казахстан открыт для всех партнеров",
            "Касым-Жомарт Токаев",
        ),
        (
            "Le président Emmanuel Macron est arrivé à Astana. « Nous restons ouverts à tous "
            "les partenaires », a déclaré le chef de l’État.",
            "Nous restons ouverts à tous les partenaires",
            "Emmanuel Macron",
        ),
        (
            'President Ilya Korsak opened the summit. "The region is a bridge," the Head of '
            "State said.",
            "The region is a bridge",
            "Ilya Korsak",
        ),
    ],
)
def test_roles_across_languages_and_the_head_of_state(body: str, text: str, speaker: str) -> None:
    assert speaker_of(body, text) == (speaker, "person")


def test_a_three_word_phrase_in_marks_is_a_quote_and_two_words_are_not() -> None:
    (quote,) = extract_quotes('The two leaders agreed to open a new "golden 30 years" of ties.')
    assert (quote.text, quote.speaker) == ("golden 30 years", None)
    assert extract_quotes('They tried to "cancel Russia" again.') == []
