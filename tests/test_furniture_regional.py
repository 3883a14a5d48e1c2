"""Furniture of regional and state sites left in their own language (Uzbek, Kazakh, Turkish),
consent banners without the word "cookies", paywalls, app prompts, author boxes, agency and
translation notes, wire-feed notes, newsletter shells and running page footers.

Every line is made up for the test; real sentences holding the same words stay in the body.
"""

from __future__ import annotations

import pytest

from articles.pipeline import furniture
from articles.pipeline.parsing import parse_document

TITLE = "Talks in the capital"
BODY = "The ministers met on Monday in the capital.\n\nThey agreed to meet again in spring."
CLOSING = "The next round is due in May, the ministry said."


def in_body(line: str) -> list[str]:
    return parse_document(f"{TITLE}\n\n{BODY}\n\n{line}\n\n{CLOSING}").body.split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        # consent banners in other words than "cookies"
        "We care about your privacy",
        "Nous respectons votre vie privée",
        "We and our partners process personal data such as your IP address to measure traffic.",
        "Manage my choices",
        "Paramètres des cookies",
        # app prompts
        "Read this story in the Steppe Ledger app",
        "Open in app",
        "Download the Caspian Courier app for iPhone",
        "Скачайте приложение «Вечерний Бишкек»",
        # paywalls
        "Réservé aux abonnés",
        "Nur für Abonnenten",
        "Contenido exclusivo para suscriptores",
        "Il vous reste 55 % de cet article à lire.",
        "Already a subscriber? Log in",
        "¿Ya eres suscriptor? Inicia sesión",
        "Abonnieren ab 1 € im ersten Monat",
        "Offrir cet article",
        "Save for later",
        "Lecture 5 min",
        "Okuma süresi: 4 dk",
        # listening, accessibility, image alt text
        "Escuchar esta noticia",
        "Listen to this story",
        "Для слабовидящих",
        "Bild: Die Delegationen vor dem Palast",
        "Imagen: los ministros en la rueda de prensa",
        "Иллюстрация: карта маршрута",
        # author boxes and agency, translation and wire notes
        "Über den Autor",
        "Об авторе",
        "Mehr Artikel von Karl Weber",
        "Mit Material der Nachrichtenagenturen Reuters und dpa.",
        "Материал подготовлен на основе сообщений пресс-службы министерства.",
        "Translated from Russian by Ana Ruiz",
        "Traduit du russe par Paul Martin",
        "Übersetzt aus dem Russischen von Karl Weber",
        "Eds: ADDS quotes from the ministry.",
        "Reuters reporter Asel Nur in Almaty contributed to this report.",
        "Read our coverage of the region at https://example.org/region",
        "Copyright 2024 Example Wire. All rights reserved. Reuse only with permission.",
        "This material may not be published, broadcast or redistributed without permission.",
        # newsletter shells
        "View this email in your browser",
        "View it online",
        "You're receiving this newsletter because you subscribed on our site.",
        "Was this email forwarded to you? Sign up here.",
        "Update your preferences here",
        "Thanks for reading Steppe Letters! Subscribe for free to receive new posts.",
        "Discussion about this post",
        "21 Likes",
        "∙ Paid",
        "💬 12",
        "👁 4.5K",
        # Uzbek, Kazakh and Turkish sites
        "Reklam",
        "Жарнама",
        "Ulashish: Telegram | Facebook",
        "Bu haberi paylaşın",
        "Ko'rishlar: 3 410",
        "Қаралды: 1 200",
        "Teglar: Samarqand, sammit",
        "Etiketler: Astana, zirve",
        "Instagram sahifamizga obuna bo'ling",
        "Telegram арнамызға жазылыңыз",
        "Barcha huquqlar himoyalangan.",
        "Tüm hakları saklıdır.",
        "Izohlar (3)",
        "Yorum yapmak için giriş yapın",
        "Сетевое издание зарегистрировано в Роскомнадзоре, реестровая запись ЭЛ № ФС 77-1.",
        # press releases
        "PRESS RELEASE",
        "Communiqué de presse n° 12/2024",
        "Пресс-релиз",
        "* * *",
        "Media enquiries: press@example.org",
    ],
)
def test_furniture_line_is_dropped(line: str) -> None:
    assert line not in in_body(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "We care about jobs, the minister said, and we will open the border crossings.",
        "The agreement was translated into Russian by the ministry's own staff.",
        "По данным министерства, товарооборот вырос на десять процентов.",
        "По информации пресс-службы, переговоры продолжатся завтра.",
        "The report may not be published before the election, officials said.",
        "The dispute concerns intellectual property rights and the protection of brands.",
        "Two hours ago the delegations were still arguing over the text.",
        "Reporters from the region contributed questions at the news conference.",
        "Kazakhstan is an independent state with a long border.",
        "Contact between the two ministries was frozen after the dispute.",
    ],
)
def test_real_sentence_with_the_same_words_stays(sentence: str) -> None:
    assert sentence in in_body(sentence)


def test_an_author_box_goes_with_its_biography() -> None:
    text = (
        f"{TITLE}\nVon Karl Weber\n\n{BODY}\n\n{CLOSING}\n\nÜber den Autor\n"
        "Karl Weber schreibt seit 2020 über Zentralasien."
    )
    parsed = parse_document(text)
    assert parsed.body == f"{BODY}\n\n{CLOSING}"


def test_an_address_under_a_mailing_address_label() -> None:
    text = (
        f"{TITLE}\n\n{BODY}\n\n{CLOSING}\n\n--\nUnsubscribe from this list.\n"
        "Our mailing address is:\nSteppe Letters, 4 Abai Avenue, Almaty 050000"
    )
    assert parse_document(text).body == f"{BODY}\n\n{CLOSING}"


def test_repeated_page_footers_with_a_number_are_running_lines() -> None:
    assert furniture.is_section_word("Новости")
    text = (
        f"{TITLE}\n\n{BODY}\n\nExample Ministry | www.example.org\n\n{CLOSING}\n\n"
        "Example Ministry | www.example.org"
    )
    assert parse_document(text).body == f"{BODY}\n\n{CLOSING}"


def test_a_short_line_repeated_without_a_number_stays() -> None:
    text = f"{TITLE}\n\n{BODY}\n\nThe border\n\n{CLOSING}\n\nThe border"
    assert parse_document(text).body.count("The border") >= 2


@pytest.mark.parametrize(
    "line",
    [
        "Screenshot from a video of the ministry",
        "Скриншот видео пресс-службы",
        "Photo courtesy of the embassy",
        "Get the best of the region straight to your inbox every Friday.",
        "Never miss a story from the region",
        "Comments are closed.",
        "Комментарии закрыты",
        "Watch: the ministers arrive at the palace",
    ],
)
def test_more_shapes_of_the_same_furniture_are_dropped(line: str) -> None:
    assert line not in in_body(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Photo opportunities were few, the minister joked.",
        "Watch the border, he told the guards, and report every truck.",
        "Comments from the ministry were closed to the press until the evening.",
    ],
)
def test_real_sentences_near_those_shapes_stay(sentence: str) -> None:
    assert sentence in in_body(sentence)


def test_a_closing_note_about_the_author_with_another_verb() -> None:
    text = f"{TITLE}\nBy Anna Petrova\n\n{BODY}\n\nAnna Petrova covers Central Asia from Almaty."
    assert parse_document(text).body == BODY
