"""Transcript layouts: answer paragraphs without quote marks and who gave them, one made-up
text for each way interviews and briefings label their turns."""

from __future__ import annotations

import pytest

from articles.models import Quote
from articles.pipeline.parsing import parse_document
from articles.pipeline.quotes import extract_quotes
from tests.conftest import load


def said(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body)]


def test_question_and_answer_in_capitals() -> None:
    body = (
        "An interview with economist Dana Ermek, recorded in Almaty.\n\n"
        "QUESTION: Why does the corridor matter now?\n\n"
        "ANSWER: Because the northern route is closed to half the shippers.\n\n"
        "QUESTION: Will it pay for itself?\n\n"
        "ANSWER: Not for a decade, and everybody at the ministry knows it."
    )
    assert said(body) == [
        ("Because the northern route is closed to half the shippers.", "Dana Ermek"),
        ("Not for a decade, and everybody at the ministry knows it.", "Dana Ermek"),
    ]


def test_briefing_labels_in_capitals_with_questions_in_between() -> None:
    body = (
        "Remarks to the press in Astana.\n\n"
        "SECRETARY BLINKEN: Thank you. It is good to be back in Astana with my colleague.\n\n"
        "QUESTION: Mr. Secretary, will the sanctions be enforced here?\n\n"
        "FOREIGN MINISTER ORAZ: (Via interpreter) Our territory will not be used to evade them.\n\n"
        "MR PRICE: We have time for one more question, from the back row please."
    )
    quotes = extract_quotes(body)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Thank you. It is good to be back in Astana with my colleague.", "SECRETARY BLINKEN"),
        ("Our territory will not be used to evade them.", "FOREIGN MINISTER ORAZ"),
        ("We have time for one more question, from the back row please.", "MR PRICE"),
    ]
    for quote in quotes:
        assert body[quote.speaker_start : quote.speaker_end] == quote.speaker


def test_surname_labels_in_ordinary_case_with_an_outlet_asking() -> None:
    body = (
        "The minister answered questions from Interfax after the talks.\n\n"
        "Interfax: How do you assess the meeting in Samarkand?\n\n"
        "Korsak: It was useful. The neighbours see the threats from the south the same way.\n\n"
        "Interfax: And the plans of Washington?\n\n"
        "Korsak: We watch what the Americans do in the region and draw our conclusions."
    )
    assert said(body) == [
        ("It was useful. The neighbours see the threats from the south the same way.", "Korsak"),
        ("We watch what the Americans do in the region and draw our conclusions.", "Korsak"),
    ]


def test_russian_labels_question_answer_and_initial_surname() -> None:
    body = (
        "Беседа с экономистом Иваном Петровым.\n\n"
        "Вопрос: Что изменилось после саммита?\n\n"
        "Ответ: Изменилась логистика, грузы идут в обход северного маршрута.\n\n"
        "С.Лавров: Мы внимательно следим за тем, что происходит в регионе.\n\n"
        "С.Лавров: И делаем выводы, которые потом обсуждаем с партнерами."
    )
    quotes = said(body)
    assert quotes[0] == (
        "Изменилась логистика, грузы идут в обход северного маршрута.",
        "Иваном Петровым",
    )
    assert quotes[1:] == [
        ("Мы внимательно следим за тем, что происходит в регионе.", "С.Лавров"),
        ("И делаем выводы, которые потом обсуждаем с партнерами.", "С.Лавров"),
    ]


def test_french_labels_with_a_space_before_the_colon() -> None:
    body = (
        "Un entretien avec la chercheuse Claire Dumas, à Paris.\n\n"
        "Question : Pourquoi cette visite maintenant ?\n\n"
        "Réponse : Parce que l'uranium et les métaux rares sont devenus une priorité.\n\n"
        "Question : Et la Russie ?\n\n"
        "Réponse : Personne ici ne croit que Paris vient remplacer Moscou."
    )
    assert said(body) == [
        ("Parce que l'uranium et les métaux rares sont devenus une priorité.", "Claire Dumas"),
        ("Personne ici ne croit que Paris vient remplacer Moscou.", "Claire Dumas"),
    ]


def test_german_labels() -> None:
    body = (
        "Ein Gespräch mit der Politologin Anna Berg.\n\n"
        "Frage: Was bringt der Besuch des Kanzlers?\n\n"
        "Antwort: Vor allem Rohstoffe und eine Partnerschaft für Fachkräfte.\n\n"
        "Frage: Und Russland?\n\n"
        "Antwort: Moskau schaut genau hin, aber es kann wenig dagegen tun."
    )
    assert said(body) == [
        ("Vor allem Rohstoffe und eine Partnerschaft für Fachkräfte.", "Anna Berg"),
        ("Moskau schaut genau hin, aber es kann wenig dagegen tun.", "Anna Berg"),
    ]


def test_labels_in_bold_markers() -> None:
    body = (
        "**Q:** What did the summit decide?\n\n"
        "**Ilya Korsak:** A transport fund and a timetable for the railway.\n\n"
        "**Q:** When will the first train run?\n\n"
        "**Ilya Korsak**: Not before the end of next year, if the money arrives."
    )
    assert said(body) == [
        ("A transport fund and a timetable for the railway.", "Ilya Korsak"),
        ("Not before the end of next year, if the money arrives.", "Ilya Korsak"),
    ]


def test_label_on_its_own_line_and_an_answer_of_several_paragraphs() -> None:
    body = (
        "Press conference after the talks.\n\n"
        "SECRETARY BLINKEN:\n\n"
        "Thank you.\n\n"
        "We discussed trade, energy and the route across the Caspian at some length today.\n\n"
        "And we agreed to meet again in the spring, in Washington, with the other four.\n\n"
        "QUESTION:\n\n"
        "Mr. Secretary, is the region choosing sides?\n\n"
        "SECRETARY BLINKEN:\n\n"
        "Nobody is asked to choose. We offer a partnership, not an ultimatum.\n\n"
        "Thank you all.\n\n"
        "The minister left for Tashkent in the evening, where talks continue on Wednesday."
    )
    assert said(body) == [
        ("Thank you.", "SECRETARY BLINKEN"),
        (
            "We discussed trade, energy and the route across the Caspian at some length today.",
            "SECRETARY BLINKEN",
        ),
        (
            "And we agreed to meet again in the spring, in Washington, with the other four.",
            "SECRETARY BLINKEN",
        ),
        (
            "Nobody is asked to choose. We offer a partnership, not an ultimatum.",
            "SECRETARY BLINKEN",
        ),
    ]


def test_one_name_with_a_colon_is_not_a_transcript() -> None:
    body = (
        "Note: the dinner menu was printed in three languages.\n\n"
        "Korsak: a minister who prefers trains to planes, and says so often.\n\n"
        "The talks went on late into the night."
    )
    assert said(body) == []


def test_transcript_labels_survive_the_parser() -> None:
    text = (
        "Blinken takes questions in Astana\n\n"
        "Remarks to the press, Astana, February 28, 2023\n\n"
        "SECRETARY BLINKEN:\n\n"
        "Thank you very much. It is a pleasure to be back in Kazakhstan.\n\n"
        "QUESTION: Mr. Secretary, do you expect the sanctions to be enforced here?\n\n"
        "SECRETARY BLINKEN: We had a very open conversation about the sanctions."
    )
    body = parse_document(text).body
    assert said(body) == [
        ("Thank you very much. It is a pleasure to be back in Kazakhstan.", "SECRETARY BLINKEN"),
        ("We had a very open conversation about the sanctions.", "SECRETARY BLINKEN"),
    ]


def test_interviewer_with_an_outlet_in_brackets_and_a_guest_answering_once() -> None:
    body = (
        "Jane Doe (Interfax): What did the ministers agree on in Samarkand?\n\n"
        "Sergey Korsak: A transport fund, and a timetable for the railway line."
    )
    assert said(body) == [
        ("A transport fund, and a timetable for the railway line.", "Sergey Korsak")
    ]


def test_the_headline_names_the_guest_when_the_introduction_does_not() -> None:
    body = (
        "Q: What did the ministers agree on?\n\n"
        "A: A transport fund, and a timetable for the railway line.\n\n"
        "Q: When?\n\n"
        "A: Before the end of next year, if the money arrives on time."
    )
    quotes = extract_quotes(body, "Interview: Foreign Minister Sergey Korsak on the railway")
    assert {(q.speaker, q.speaker_start) for q in quotes} == {("Sergey Korsak", None)}
    assert len(quotes) == 2


def test_the_guest_who_gave_the_interview_answers() -> None:
    body = (
        "Министр Иван Петров дал интервью агентству в Ташкенте.\n\n"
        "Вопрос: Как вы оцениваете итоги встречи?\n\n"
        "Ответ: Встреча была полезной, соседи одинаково смотрят на угрозы."
    )
    assert said(body) == [
        ("Встреча была полезной, соседи одинаково смотрят на угрозы.", "Иван Петров")
    ]


@pytest.mark.django_db
def test_an_initial_and_surname_label_is_stored_as_the_linked_person(tmp_path) -> None:
    path = tmp_path / "interview.txt"
    path.write_text(
        "Лавров ответил на вопросы агентства\n\n"
        "Министр иностранных дел России Сергей Лавров ответил на вопросы журналистов.\n\n"
        "Вопрос: Как вы оцениваете итоги встречи в Самарканде?\n\n"
        "С.Лавров: Встреча была полезной, все соседи одинаково смотрят на угрозы.\n",
        encoding="utf-8",
    )
    load(path)
    (quote,) = Quote.objects.filter(part=Quote.Part.BODY)
    assert (quote.speaker_text, quote.speaker.slug) == ("С.Лавров", "sergey-lavrov")


def test_white_house_q_without_a_colon_and_dashed_answer_labels() -> None:
    body = (
        "MS. ORTEGA:  Good afternoon. We have two announcements today, both about the trip.\n\n"
        "Q    Thank you. Will the President raise the sanctions in Astana?\n\n"
        "MS. ORTEGA:  He will raise them with every leader he meets, as he said before."
    )
    assert [q.text for q in extract_quotes(body)] == [
        "Good afternoon. We have two announcements today, both about the trip.",
        "He will raise them with every leader he meets, as he said before.",
    ]
    dashed = (
        "An interview with economist Dana Ermek.\n\n"
        "Q — Why does the corridor matter?\n\n"
        "A — Because the northern route is closed to half the shippers."
    )
    assert said(dashed) == [
        ("Because the northern route is closed to half the shippers.", "Dana Ermek")
    ]
    assert said("A. Smith said the talks went well.\n\nQ. And then?") == []


def test_kremlin_labels_with_a_particle_and_an_aside() -> None:
    body = (
        "Vladimir Putin: Mr President, friends, I am glad to welcome you in Moscow again.\n\n"
        "President of Kazakhstan Kassym-Jomart Tokayev (retranslated): Thank you for the "
        "invitation, our talks were open and useful.\n\n"
        "Vladimir Putin: We will continue this conversation over dinner tonight."
    )
    assert [q.speaker for q in extract_quotes(body)] == [
        "Vladimir Putin",
        "President of Kazakhstan Kassym-Jomart Tokayev",
        "Vladimir Putin",
    ]
