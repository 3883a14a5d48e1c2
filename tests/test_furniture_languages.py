"""Page furniture in the languages of the archive and in shapes beyond the first word lists.

Every line here is made up for the test; none comes from a text of the evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles.pipeline import furniture
from articles.pipeline.parsing import parse_document
from articles.pipeline.text_metadata import date_line, find_dates

TITLE = "Talks in the capital"
BODY = "The ministers met on Monday in the capital.\n\nThey agreed to meet again in spring."
CLOSING = "The next round is due in May, the ministry said."


def body_lines(text: str) -> list[str]:
    return parse_document(text).body.split("\n\n")


def in_body(line: str) -> list[str]:
    """The body of a page with ``line`` between two real paragraphs."""
    return body_lines(f"{TITLE}\n\n{BODY}\n\n{line}\n\n{CLOSING}")


@pytest.mark.parametrize(
    "line",
    [
        # share, copy, save and print buttons
        "Share this",
        "Поделиться в Telegram",
        "Partager sur Facebook",
        "Auf Facebook teilen",
        "Compartir en WhatsApp",
        "Facebook · X · Telegram",
        "Link copied",
        "Добавить в закладки",
        "Print this article",
        "Печать",
        "Listen to this article",
        "A A A",
        # "read more" links
        "Read more »",
        "Continue reading",
        "Читать далее",
        "Lire la suite",
        "Weiterlesen",
        "Leer más",
        "Показать ещё",
        "Story continues below advertisement",
        # advertising labels
        "Advertisement",
        "Реклама 18+",
        "Publicité",
        "Anzeige",
        "Publicidad",
        "На правах рекламы",
        "Scroll to continue with content",
        # subscription, follow, donation and app prompts
        "Abonnez-vous à notre newsletter",
        "Abonnieren Sie unseren Newsletter",
        "Suscríbete a nuestro boletín",
        "Подпишитесь на наш канал в Telegram",
        "Наш канал в Telegram",
        "Join our WhatsApp channel",
        "Suivez-nous sur X",
        "Folgen Sie uns auf Instagram",
        "Síguenos en Facebook",
        "Support independent journalism",
        "Download our app",
        "Get it on Google Play",
        "Скачайте наше приложение",
        # copyright lines
        "Все права защищены.",
        "© Пример-Медиа, 2024. Все права защищены.",
        "Tous droits réservés",
        "Alle Rechte vorbehalten.",
        "Todos los derechos reservados.",
        "При использовании материалов гиперссылка на сайт обязательна.",
        # labels and counters
        "Schlagwörter: Diplomatie, Handel",
        "Ключевые слова: торговля, газ",
        "Palabras clave: comercio",
        "Рубрика: Политика",
        "Просмотров: 1 512",
        "2 048 views",
        "Vues : 120",
        "Temps de lecture : 3 min",
        "Lesezeit: 4 Minuten",
        "Tiempo de lectura: 5 min",
        "6 min read",
        "Photo 2 of 9",
        "Автор фото: Иван Петров",
        "Crédit photo : Jean Dupont",
        # navigation, loading and dialogs
        "Back to top",
        "Наверх",
        "Haut de page",
        "Nach oben",
        "Volver arriba",
        "Перейти к содержанию",
        "Zum Inhalt springen",
        "Loading...",
        "Загрузка…",
        "Закрыть",
        "Watch video",
        "Фотогалерея",
        "Log in to comment",
        "Войдите, чтобы оставить комментарий",
        "Нашли опечатку? Выделите текст и нажмите Ctrl+Enter",
        # cookie banners
        "Ce site utilise des cookies pour améliorer votre expérience.",
        "Diese Website verwendet Cookies.",
        "Este sitio web utiliza cookies propias y de terceros.",
        "Alle akzeptieren",
        "Rechazar",
    ],
)
def test_furniture_line_is_removed_from_the_body(line):
    assert line not in in_body(line)
    assert in_body(line)[-1] == CLOSING


@pytest.mark.parametrize(
    "line",
    [
        "He declined to share details of the agreement.",
        "Он отказался поделиться подробностями соглашения.",
        "Il a refusé de partager les détails de l'accord.",
        "Se negó a compartir los detalles del acuerdo.",
        "The photo showed the two leaders shaking hands at the airport.",
        "A source close to the talks said the deal was nearly done.",
        "Источник в правительстве сообщил об этом агентству.",
        "Advertising revenue fell by a third, the report said.",
        "Реклама в СМИ регулируется законом.",
        "Die Anzeige wurde am Montag erstattet.",
        "Publicité mensongère : le ministère a ouvert une enquête.",
        "Updated figures will be released on Friday.",
        "Наш канал связи с Москвой работает без перебоев.",
        "Follow us, the general told the soldiers at the gate.",
        "Нашли ошибку в расчётах, заявил министр.",
        "Sponsored by the ministry of culture, the festival opens on Friday.",
        "Verstanden.",
        "Согласен.",
        "Video footage showed the convoy crossing the border.",
        "Save the Children said the aid had arrived.",
        "Read the full text of the treaty, the opposition urged.",
        "Подробнее о соглашении рассказал министр.",
        "Lire la suite du communiqué sur le site du ministère.",
        "Home to the largest gas field, the region attracts investors.",
        "Главная задача — обеспечить безопасность, сказал министр.",
        "Temas como el agua y la energía dominaron la reunión.",
        "Close to 300 people attended the ceremony.",
    ],
)
def test_real_sentence_with_a_furniture_word_stays(line):
    assert line in in_body(line)


@pytest.mark.parametrize(
    "line",
    [
        "Home › World › Asia",
        "Главная » Новости » Политика",
        "Accueil / Monde / Asie",
        "Inicio > Internacional",
    ],
)
def test_breadcrumbs_are_removed_anywhere(line):
    assert line not in in_body(line)


def test_breadcrumb_needs_short_items():
    assert furniture.is_menu_line("Accueil / Monde / Asie")
    assert not furniture.is_menu_line(
        "Prices rose / wages fell sharply in the year / officials said."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Mis à jour le 12 mai 2024 à 10h15",
        "Aktualisiert am 12.05.2024, 10:15 Uhr",
        "Actualizado el 12 de mayo de 2024",
        "Опубликовано: 12.05.2024",
        "12 May 2024 | 10:15",
    ],
)
def test_timestamp_lines_below_the_header_are_removed(line):
    assert line not in in_body(line)


def test_spanish_dates_with_de():
    assert find_dates("Publicado el 19 de mayo de 2023 a las 10:15")[0][2] == dt.date(2023, 5, 19)
    assert date_line("Actualizado el 3 de junio de 2024") == (True, dt.date(2024, 6, 3))


def test_header_date_line_in_spanish_gives_the_date():
    text = f"{TITLE}\n\nPublicado el 19 de mayo de 2023\n\n{BODY}"
    assert parse_document(text).published == dt.date(2023, 5, 19)


@pytest.mark.parametrize("label", ["Источник: ТАСС", "Quelle: dpa", "Fuente: EFE"])
def test_source_label_names_the_outlet(label):
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{label}")
    assert parsed.source_name == label.split(": ")[1]
    assert label not in parsed.body


@pytest.mark.parametrize(
    "line",
    [
        "Поделиться",
        "Read more",
        "Читайте также",
        "Ähnliche Artikel",
        "Artículos relacionados",
        "Next article",
        "Comments (3)",
        "Publicité",
        "Tous droits réservés",
        "Просмотров: 512",
        "Lesezeit: 3 Minuten",
        "Скачайте наше приложение",
    ],
)
def test_title_after_a_furniture_line(line):
    parsed = parse_document(f"{line}\n\n{TITLE}\n\n{BODY}")
    assert parsed.title == TITLE
    assert parsed.body.split("\n\n") == BODY.split("\n\n")


def test_rail_heading_further_down_still_takes_its_headlines():
    text = (
        f"{TITLE}\n\n{BODY}\n\nÄhnliche Artikel\nGespräche über Wasser\nDer Korridor im Überblick"
    )
    assert body_lines(text) == BODY.split("\n\n")


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Words by Jane Roe", ("Jane Roe",)),
        ("Posted by Jane Roe", ("Jane Roe",)),
        ("Text: Hans Müller", ("Hans Müller",)),
        ("Texto: María López", ("María López",)),
        ("Reporter: Jane Roe", ("Jane Roe",)),
        ("Korrespondentin: Anna Weber", ("Anna Weber",)),
        ("Rédaction : Jean Dupont", ("Jean Dupont",)),
        ("Redacción: María López", ("María López",)),
    ],
)
def test_bylines_in_other_shapes(byline, authors):
    parsed = parse_document(f"{TITLE}\n\n{byline}\n\n{BODY}")
    assert parsed.authors == authors
    assert parsed.body.split("\n\n") == BODY.split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        "https://example.org/news/123",
        "t.me/examplenews",
        "press@example.org",
        "Telegram",
        "Войти",
        "English | Русский | Қазақша",
        "EN RU KZ",
        "Фото из открытых источников",
        "Астана +12°C",
        "USD 450.12 ▲ EUR 490.30 ▼",
        "Page 2 of 3",
        "1 2 3 4 »",
    ],
)
def test_links_switches_and_widgets_are_removed(line):
    assert line not in in_body(line)


@pytest.mark.parametrize(
    "line",
    [
        "Фото с саммита опубликовала пресс-служба президента.",
        "Temperatures reached 40°C in the capital, forecasters said.",
        "Page 2 of the treaty lists the tariffs.",
        "The ministry's website, www.example.org, carries the text.",
        "In 2024, 12 countries signed the accord.",
    ],
)
def test_sentences_with_links_and_numbers_stay(line):
    assert line in in_body(line)
