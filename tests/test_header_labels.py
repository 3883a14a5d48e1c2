"""Headers without blank lines: a site name, section labels and a one-item-a-line menu over the
headline and its date line; authors alone on their line; standfirsts over the date; bylines
that name an agency; footers and self-descriptions that name the outlet.

Every line is made up for the test; real sentences with the same words stay in the body.
"""

from __future__ import annotations

import datetime as dt

from articles.pipeline.parsing import parse_document

TITLE = "Ministers agree on a new railway link to the Caspian coast"
BODY = "The ministers met on Monday in the capital.\n\nThey agreed to meet again in spring."


def test_site_name_and_section_over_the_headline_and_its_date_line() -> None:
    text = f"Caspian Courier\nEconomy\n{TITLE}\n12.03.2024, 10:15\n\n{BODY}"
    parsed = parse_document(text)
    assert (parsed.title, parsed.source_name) == (TITLE, "Caspian Courier")
    assert parsed.published == dt.date(2024, 3, 12)
    assert parsed.body == BODY


def test_a_menu_one_item_a_line_is_not_the_masthead() -> None:
    text = f"News\nPolitics\nWorld\nSport\n{TITLE}\n12 March 2024\n\n{BODY}"
    parsed = parse_document(text)
    assert (parsed.title, parsed.source_name) == (TITLE, None)
    assert {"News", "Politics", "World", "Sport"} <= set(parsed.removed)


def test_site_name_in_capitals_over_a_menu() -> None:
    text = f"STEPPE LEDGER\nNews\nRegion\nOpinion\n{TITLE}\nPublished: 12 March 2024\n\n{BODY}"
    parsed = parse_document(text)
    assert (parsed.title, parsed.source_name) == (TITLE, "STEPPE LEDGER")


def test_two_word_site_name_in_a_kickers_place_over_a_dated_headline() -> None:
    parsed = parse_document(f"Ferghana Ledger\n{TITLE}\n12 March 2024\n\n{BODY}")
    assert (parsed.title, parsed.source_name) == (TITLE, "Ferghana Ledger")


def test_a_kicker_over_a_headline_without_a_date_line_stays_a_kicker() -> None:
    parsed = parse_document(f"Analysis\n{TITLE}\n\n{BODY}")
    assert (parsed.title, parsed.source_name) == (TITLE, None)


def test_author_alone_under_the_date_line() -> None:
    parsed = parse_document(f"{TITLE}\n12 March 2024, 10:15\nAnna Petrova\n\n{BODY}")
    assert (parsed.authors, parsed.body) == (("Anna Petrova",), BODY)


def test_author_alone_over_the_date_line() -> None:
    parsed = parse_document(f"{TITLE}\nPablo Herrera\nAstaná - 12 mar 2024 - 10:15 CET\n\n{BODY}")
    assert (parsed.authors, parsed.published) == (("Pablo Herrera",), dt.date(2024, 3, 12))


def test_a_place_label_under_a_briefing_date_is_no_author() -> None:
    parsed = parse_document(f"{TITLE}\n12 March 2024\nGovernment House\n\n{BODY}")
    assert parsed.authors == ()
    assert "Government House" in parsed.removed


def test_standfirst_over_the_date_line_stays_text_and_the_date_is_read() -> None:
    dek = "The deal covers freight and passengers. Work starts next year."
    text = f"{TITLE}\n{dek}\nStand: 12.03.2024, 18:05 Uhr\nVon Karl Weber, Astana\n\n{BODY}"
    parsed = parse_document(text)
    assert (parsed.published, parsed.authors) == (dt.date(2024, 3, 12), ("Karl Weber",))
    assert parsed.body == f"{dek}\n\n{BODY}"


def test_byline_of_an_agency_names_the_outlet_not_an_author() -> None:
    text = f"{TITLE}\nPar AFP, publié le lundi 11 mars 2024 à 12h37\n\n{BODY}"
    parsed = parse_document(text, ["AFP", "Agence France-Presse"])
    assert (parsed.authors, parsed.source_name) == ((), "AFP")


def test_byline_with_the_agency_after_the_reporter() -> None:
    text = f"{TITLE}\nMar. 11, 2024 10:42 AM EST\nBy JOHN DALE Associated Press\n\n{BODY}"
    parsed = parse_document(text, ["The Associated Press", "Associated Press", "AP"])
    assert (parsed.authors, parsed.source_name) == (("JOHN DALE",), "Associated Press")


def test_byline_with_the_reporters_place_in_brackets() -> None:
    parsed = parse_document(f"{TITLE}\nPar Louise Marchand (Astana, envoyée spéciale)\n\n{BODY}")
    assert parsed.authors == ("Louise Marchand",)


def test_copyright_with_the_name_in_guillemets_and_the_year_after() -> None:
    text = f"{TITLE}\n\n{BODY}\n\n© «Вечерний Ташкент», 2024. При цитировании ссылка обязательна."
    assert parse_document(text).source_name == "Вечерний Ташкент"


def test_copyright_under_a_comment_thread_names_the_outlet() -> None:
    text = (
        f"{TITLE}\n\n{BODY}\n\nComments (1)\nAsel\nGood news.\n"
        "© 2024 Lake Issyk Post. Tüm hakları saklıdır."
    )
    parsed = parse_document(text)
    assert parsed.source_name == "Lake Issyk Post"
    assert parsed.comments == ("Asel", "Good news.")


def test_a_site_describing_itself_names_the_outlet() -> None:
    for footer, name in [
        ("Caspian Courier is an independent news site based in Aktau.", "Caspian Courier"),
        ("La Gazette des steppes est éditée par Éditions Nord.", None),
        ("La Gazette des steppes est édité par Éditions Nord.", "La Gazette des steppes"),
        ("Ostwind Kurier wird herausgegeben von der Ostwind GmbH.", "Ostwind Kurier"),
        ("Вечерний Бишкек — сетевое издание. Свидетельство № 12.", "Вечерний Бишкек"),
    ]:
        parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{footer}")
        assert parsed.source_name == name, footer


def test_a_real_sentence_about_an_outlet_names_no_outlet() -> None:
    sentence = "Kazakhstan is an independent state with a long border."
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{sentence}")
    assert (parsed.source_name, parsed.body.endswith(sentence)) == (None, True)


def test_a_copyright_line_that_names_the_author_is_no_outlet() -> None:
    text = f"Steppe Letters\n{TITLE}\nAnna Petrova\nMar 12, 2024\n\n{BODY}\n\n© 2024 Anna Petrova"
    parsed = parse_document(text)
    assert (parsed.source_name, parsed.authors) == ("Steppe Letters", ("Anna Petrova",))


def test_a_letterhead_in_capitals_over_a_release_from_pdf() -> None:
    wrapped = (
        "The minister received the ambassador and discussed trade and transport links\n"
        "between the two countries, the ministry said in a statement on its website.\n\n"
    )
    text = (
        "MINISTRY OF TRANSPORT OF THE REPUBLIC OF EXAMPLE\nPRESS SERVICE\n\n"
        "PRESS RELEASE No. 48\nAstana, 12 March 2024\n\n"
        f"{TITLE}\n\n"
        + wrapped
        * 3
        + "Ministry of Transport | www.transport.example\nPage 1 of 2\n\n"
        "Press release No. 48            12.03.2024\n\n"
        + wrapped
        + "* * *\nFor media: Press Service | press@transport.example\n"
        "Ministry of Transport | www.transport.example\nPage 2 of 2"
    )
    parsed = parse_document(text, ["Ministry of Transport of the Republic of Example"])
    assert parsed.title == TITLE
    assert parsed.source_name == "MINISTRY OF TRANSPORT OF THE REPUBLIC OF EXAMPLE"
    assert parsed.published == dt.date(2024, 3, 12)
    assert "Ministry of Transport | www.transport.example" in parsed.removed
    assert "Press release No. 48            12.03.2024" in parsed.removed
    assert "www" not in parsed.body and "Press" not in parsed.body


def test_a_statement_and_a_question_make_one_headline() -> None:
    title = "Oil still flows through Russia. Can Astana change the map?"
    parsed = parse_document(f"Steppe Ledger\nAnalysis\n\n{title}\n\nBy Anna Petrova\n\n{BODY}")
    assert (parsed.title, parsed.source_name) == (title, "Steppe Ledger")


def test_a_two_part_breadcrumb_that_opens_with_a_section_is_furniture() -> None:
    parsed = parse_document(f"International › Asie centrale\n\n{TITLE}\n\n{BODY}")
    assert (parsed.title, parsed.source_name) == (TITLE, None)
    assert "International › Asie centrale" in parsed.removed


def test_an_interviewer_named_by_a_site_address_opening_the_text() -> None:
    body = "Steppe.kz spoke to Anna Petrova, an economist, before the summit.\n\n" + BODY
    assert parse_document(f"{TITLE}\n\n{body}").source_name == "Steppe.kz"


def test_a_wire_lead_that_closes_with_its_self_credit() -> None:
    lead = "Министры встретились в столице. Это первая встреча за год, сообщает Kabar."
    parsed = parse_document(f"{TITLE}\n\n{lead}\n\n{BODY}", ["Kabar", "Kabar News Agency"])
    assert parsed.source_name == "Kabar"


def test_a_person_speaking_to_someone_is_no_outlet() -> None:
    body = "Anna Petrova spoke to the ministers before the summit.\n\n" + BODY
    assert parse_document(f"{TITLE}\n\n{body}").source_name is None
