"""More ways transcripts label their turns, and introductions name their guest: one made-up
text for each (square brackets, a surname and a dash, capitals and a full stop, a Markdown
blockquote, a name with its office, the writer's closing paragraph)."""

from __future__ import annotations

from articles.pipeline.parsing import parse_document
from articles.pipeline.quote_guests import interviewee_in
from articles.pipeline.quotes import extract_quotes


def said(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body)]


def test_names_in_square_brackets_take_turns() -> None:
    body = (
        "Our host Dana Ilyas talked to a trade negotiator after the round in Geneva.\n\n"
        "[Dana Ilyas] Welcome. What came out of the round?\n\n"
        "[Oren Malik] More than we hoped. The customs chapter is closed at last.\n\n"
        "[Dana Ilyas] And the tariffs?\n\n"
        "[Oren Malik] Those stay on the table until the autumn, and both sides know it.\n\n"
        "[Dana Ilyas] Oren Malik, thank you for your time."
    )
    quotes = extract_quotes(body)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("More than we hoped. The customs chapter is closed at last.", "Oren Malik"),
        ("Those stay on the table until the autumn, and both sides know it.", "Oren Malik"),
    ]
    assert body[quotes[0].speaker_start : quotes[0].speaker_end] == "Oren Malik"


def test_one_word_in_capitals_and_a_dash_with_a_reporter_in_brackets() -> None:
    body = (
        "The two ministers took questions after their talks.\n\n"
        "ORAZ — (through interpreter) We had a useful conversation about the railway.\n\n"
        "HALE — Thank you. The railway matters to both of our countries.\n\n"
        "QUESTION (Jane Roe, Steppe Daily) — Minister, when will the line open?\n\n"
        "ORAZ — (through interpreter) Next year, if the financing arrives on time.\n\n"
        "HALE — And we will help to make sure that it does."
    )
    assert said(body) == [
        ("We had a useful conversation about the railway.", "ORAZ"),
        ("Thank you. The railway matters to both of our countries.", "HALE"),
        ("Next year, if the financing arrives on time.", "ORAZ"),
        ("And we will help to make sure that it does.", "HALE"),
    ]


def test_one_capitalised_dateline_before_a_dash_labels_nothing() -> None:
    body = (
        "GENEVA — The talks ended late on Tuesday, officials said.\n\n"
        "The next round is due in the spring, according to both delegations."
    )
    assert said(body) == []


def test_capitals_and_a_full_stop_without_a_dash() -> None:
    body = (
        "Le ministre Paul Ardent a répondu à nos questions.\n\n"
        "SDA. Qu'attendez-vous de la réunion ?\n\n"
        "ARDENT. Des résultats concrets sur l'énergie et les transports.\n\n"
        "SDA. Et ensuite ?\n\n"
        "ARDENT. Nous verrons ce que les partenaires proposent cet automne."
    )
    assert said(body) == [
        ("Des résultats concrets sur l'énergie et les transports.", "ARDENT"),
        ("Nous verrons ce que les partenaires proposent cet automne.", "ARDENT"),
    ]


def test_a_markdown_blockquote_holds_the_exchange() -> None:
    body = (
        "Our correspondent spoke with economist Lena Varga. Excerpts:\n\n"
        "> Q: What does the deal change?\n\n"
        ">\n\n"
        "> A: It opens the northern route to small exporters for the first time.\n\n"
        ">\n\n"
        "> Q: Is it enough?\n\n"
        ">\n\n"
        "> A: No, but it is a start that nobody expected a year ago.\n\n"
        "The agreement enters into force on the first day of next month."
    )
    assert said(body) == [
        ("It opens the northern route to small exporters for the first time.", "Lena Varga"),
        ("No, but it is a start that nobody expected a year ago.", "Lena Varga"),
    ]


def test_a_name_with_its_office_before_the_colon() -> None:
    body = (
        "The minister spoke to us after the signing.\n\n"
        "Interviewer: How long did the talks take?\n\n"
        "Lena Varga, Foreign Minister:\n\n"
        "Three years, with a meeting almost every month in one of the two capitals.\n\n"
        "Interviewer: What comes next?\n\n"
        "Lena Varga, Foreign Minister: Ratification by both parliaments, we hope before summer."
    )
    assert said(body) == [
        (
            "Three years, with a meeting almost every month in one of the two capitals.",
            "Lena Varga",
        ),
        ("Ratification by both parliaments, we hope before summer.", "Lena Varga"),
    ]


def test_a_comma_before_the_colon_without_an_office_labels_nothing() -> None:
    body = (
        "Q: What was the message?\n\n"
        "In Astana, the message was clear: the corridor comes first, then the rest.\n\n"
        "Q: And in Tashkent?"
    )
    assert all(speaker is None for _, speaker in said(body))


def test_the_writers_closing_paragraph_after_the_last_answer() -> None:
    body = (
        "An interview with economist Lena Varga.\n\n"
        "Q: What comes next?\n\n"
        "A: Ratification. We expect both parliaments to vote before the summer recess.\n\n"
        "Our experts are ready to start the demarcation on the ground the week after.\n\n"
        "The treaty was signed in Geneva on 13 March after three years of talks."
    )
    assert said(body) == [
        (
            "Ratification. We expect both parliaments to vote before the summer recess.",
            "Lena Varga",
        ),
        (
            "Our experts are ready to start the demarcation on the ground the week after.",
            "Lena Varga",
        ),
    ]


def guest(intro: str) -> str | None:
    found = interviewee_in(intro, len(intro))
    return None if found is None else found.text


def test_guests_named_in_other_phrasings() -> None:
    assert guest("After the signing, Foreign Minister Lena Varga spoke to reporters.") == (
        "Lena Varga"
    )
    assert guest("Lena Varga, a trade economist, told Steppe Daily in an interview:") == (
        "Lena Varga"
    )
    assert guest(
        "Le ministre des Affaires étrangères, Paul Ardent, a répondu à nos questions."
    ) == ("Paul Ardent")
    assert guest("Im Gespräch mit dpa sagte Außenministerin Lena Varga am Montag:") == "Lena Varga"
    assert guest("En una entrevista con EFE, el canciller austriaco Paul Ardent explicó:") == (
        "Paul Ardent"
    )
    assert guest("Министр Павел Ардентов рассказал в интервью нашему изданию:") == "Павел Ардентов"


def test_turns_on_single_lines_of_one_paragraph_with_a_hard_wrap() -> None:
    body = (
        "After the talks, Foreign Minister Lena Varga spoke to reporters.\n\n"
        "Q: What did you agree on?\n"
        "A: A new crossing on the river and a joint customs post. Work starts\n"
        "in the spring.\n"
        "Q: And the tariffs?\n"
        "A: They stay as they are until the end of the year."
    )
    assert said(body) == [
        (
            "A new crossing on the river and a joint customs post. Work starts\nin the spring.",
            "Lena Varga",
        ),
        ("They stay as they are until the end of the year.", "Lena Varga"),
    ]


def test_kazakh_labels_and_an_interview_word_in_the_introduction() -> None:
    body = (
        "Министр Павел Ардентов сұхбат берді.\n\n"
        "Сұрақ: Келіссөздер қалай өтті?\n\n"
        "Жауап: Жақсы өтті, біз көлік пен энергетика бойынша келістік."
    )
    assert said(body) == [
        ("Жақсы өтті, біз көлік пен энергетика бойынша келістік.", "Павел Ардентов"),
    ]


def test_italic_questions_that_quote_and_a_guest_named_by_a_role() -> None:
    body = (
        "The economist Lena Varga follows the region closely.\n\n"
        "*What does the summit change?*\n\n"
        "A great deal. The presidents now meet every year.\n\n"
        '*Officials speak of a "new chapter". Is that right?*\n\n'
        "It is a fair description of what happened in the hall.\n\n"
        "*What comes next?*\n\n"
        "A meeting of ministers in the spring, and a business forum."
    )
    assert said(body) == [
        ("A great deal. The presidents now meet every year.", "Lena Varga"),
        ("It is a fair description of what happened in the hall.", "Lena Varga"),
        ("A meeting of ministers in the spring, and a business forum.", "Lena Varga"),
    ]


def test_numbered_question_and_answer_labels() -> None:
    body = (
        "Lena Varga answered our questions in writing.\n\n"
        "Q1: What does the summit change?\n\n"
        "A1: A great deal. The presidents now meet every year.\n\n"
        "Q2: What comes next?\n\n"
        "A2: A meeting of ministers in the spring, and a business forum."
    )
    assert said(body) == [
        ("A great deal. The presidents now meet every year.", "Lena Varga"),
        ("A meeting of ministers in the spring, and a business forum.", "Lena Varga"),
    ]


def test_one_surname_with_a_full_stop_around_question_labels() -> None:
    body = (
        "Remarks to the press.\n\n"
        "HALE. Thank you. It is good to be here in Astana again.\n\n"
        "QUESTION. Will sanctions hurt local firms?\n\n"
        "HALE. We work with the government so that companies know the rules.\n\n"
        "VARGA. [Interpretation] And we answer their questions quickly."
    )
    assert said(body) == [
        ("Thank you. It is good to be here in Astana again.", "HALE"),
        ("We work with the government so that companies know the rules.", "HALE"),
        ("And we answer their questions quickly.", "VARGA"),
    ]


def test_guests_named_in_spanish_and_uzbek_introductions() -> None:
    assert guest("En una entrevista con EFE, la viceministra kazaja Lena Varga habló:") == (
        "Lena Varga"
    )
    assert guest("Tashqi ishlar vaziri Lena Varga muxbirimiz savollariga javob berdi.") == (
        "Lena Varga"
    )


def test_speaker_labels_with_time_codes_stay_in_the_body() -> None:
    text = (
        "Episode 7: the corridor\n\n"
        "Dana Ilyas (00:00:04):\n\n"
        "Welcome to the show. My guest today is the trade negotiator Oren Malik.\n\n"
        "Oren Malik (00:00:15):\n\n"
        "Thanks, Dana. It is good to be back on the show.\n\n"
        "Dana Ilyas (00:00:19):\n\n"
        "What came out of the round in Geneva?\n\n"
        "Oren Malik (00:00:31):\n\n"
        "More than we hoped. The customs chapter is closed at last.\n\n"
        "Dana Ilyas (00:01:02):\n\n"
        "And the tariffs?\n\n"
        "Oren Malik (00:01:05):\n\n"
        "Those stay on the table until the autumn, and both sides know it."
    )
    body = parse_document(text).body
    assert "Oren Malik (00:00:15):" in body and "Dana Ilyas (00:00:19):" in body
    assert said(body) == [
        ("Thanks, Dana. It is good to be back on the show.", "Oren Malik"),
        ("More than we hoped. The customs chapter is closed at last.", "Oren Malik"),
        ("Those stay on the table until the autumn, and both sides know it.", "Oren Malik"),
    ]


def test_my_guest_today_names_the_guest() -> None:
    assert guest("Welcome to the show. My guest today is Oren Malik, who negotiates.") == (
        "Oren Malik"
    )


def test_a_headline_left_in_the_body_names_the_guest_and_takes_no_turn() -> None:
    body = (
        'Oren Malik: "The border is no longer an open wound"\n\n'
        "The negotiator speaks about the treaty signed in Geneva.\n\n"
        "Pregunta. ¿Qué cambia con el tratado?\n\n"
        "Respuesta. Todo. Ahora hay una línea que los dos Estados reconocen.\n\n"
        "P. ¿Y ahora?\n\n"
        "R. Abriremos pasos fronterizos y carreteras cerradas durante años."
    )
    assert said(body) == [
        ("The border is no longer an open wound", "Oren Malik"),
        ("Todo. Ahora hay una línea que los dos Estados reconocen.", "Oren Malik"),
        ("Abriremos pasos fronterizos y carreteras cerradas durante años.", "Oren Malik"),
    ]


def test_a_chair_who_opens_and_closes_the_questions() -> None:
    body = (
        "After the summit, the president answered questions from journalists.\n\n"
        "Oren Malik: Colleagues, we have a few minutes. Please introduce yourselves.\n\n"
        "Jane Roe (Steppe Daily): Mr President, what was the main result?\n\n"
        "Lena Varga: A good package of documents and a declaration on our partnership.\n\n"
        "Jane Roe: And the pipeline?\n\n"
        "Lena Varga: The volumes will grow from next year, as we agreed.\n\n"
        "Oren Malik: Thank you, colleagues."
    )
    assert said(body) == [
        ("A good package of documents and a declaration on our partnership.", "Lena Varga"),
        ("The volumes will grow from next year, as we agreed.", "Lena Varga"),
    ]


def test_an_opening_statement_before_the_first_question_stays_an_answer() -> None:
    body = (
        "Remarks by the two ministers.\n\n"
        "Oren Malik: Good afternoon. We agreed today to open the new crossing next spring.\n\n"
        "Jane Roe (Steppe Daily): Minister Varga, when does the work start?\n\n"
        "Lena Varga: In March, once the parliaments have voted on the treaty."
    )
    assert said(body) == [
        ("Good afternoon. We agreed today to open the new crossing next spring.", "Oren Malik"),
        ("In March, once the parliaments have voted on the treaty.", "Lena Varga"),
    ]
