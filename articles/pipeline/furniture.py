"""Page furniture recognised by the patterns of ``data/furniture.toml``.

The data file holds the words (widgets, banners, rail headings, comment-thread openers); this
module holds the generic rules that use them:

* ``is_furniture_line``: a whole line that is a widget, credit, banner or sign-off.
* ``is_menu_line``: three or more short items separated by " | " ("Home | Politics | Region")
  or a breadcrumb's " > ", " › ", " » " or " / "; two when the first is a menu section.
  ``mark_section_runs``: the same menu written one item a line (sections and site links).
* ``rail_end``: a "Related" heading takes the short headline-like lines that follow it (above
  the text's first sentence, only itself).
* ``is_comment_start`` / ``is_comment_furniture``: where a reader-comment thread begins;
  ``mark_comments`` gives the thread's lines their roles (a site's copyright footer under the
  thread is left to be read as the footer it is).
* ``mark_running_lines``: a page's running header or footer, repeated on every page of a
  text converted from PDF (not a transcript's speaker label with its time code).
* ``mark_pull_quotes``: a paragraph that is only a quotation repeating words of another
  paragraph is the page's pull quote.
* ``is_junk_line``: a line that is mostly symbols and mis-decoded bytes, not words.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache

from .roles import Role
from .text import DATA_DIR
from .text_metadata import credit_line_outlet, date_line, is_time_only, strip_dates

_MENU_SEPARATOR = re.compile(r"\s+[|•·>»›/→▸►]\s+")
# Parts of one line of buttons: " | ", " · ", " • ", " - ", or the runs of spaces that a page's
# button row leaves when it is saved as text ("Accept all   Reject all   Manage preferences").
_PARTS_SEPARATOR = re.compile(r"\s+[|•·–—-]\s+| {2,}|\t")
_BULLET = re.compile(r"[*•·–—-]\s+")
# A teaser: a rail heading and the headline it points to on one line ("Lire aussi : …").
_TEASER_SEPARATOR = re.compile(r"\s*:\s+|\s+[|—–]\s+")
_MENU_MIN_ITEMS = 3
_MENU_ITEM_MAX_WORDS = 3
# A menu written one item a line: at least two of its lines are left in the text to drop.
_MENU_RUN_MIN_ITEMS = 2
# A rail entry is a headline: short, no final full stop.
_RAIL_ITEM_MAX_WORDS = 16
# Above the text, a rail heading takes its block's lines when they are at least two headlines.
_RAIL_BLOCK_MIN_ITEMS = 2
_SENTENCE_MIN_WORDS = 3
_SENTENCE_ENDS = (".", "!", "?", "…")
_CLOSERS = "\"'”’»)"
# A page's running header or footer ("Ministry of … | www.mfa.uz", "Press release No. 187"):
# a short line repeated, with a number, a " | " or an address in it.
_RUNNING_LINE_MAX_WORDS = 12
_RUNNING_LINE_MARK = re.compile(r"\d|\s\|\s|www\.|https?://|@")
# A comment thread follows the article: at least two sentences come before its opener.
_COMMENTS_AFTER_SENTENCES = 2
# A pull quote: a whole paragraph in quotation marks, of a few words at least.
_PULL_QUOTE = re.compile(r"[«“\"„‘'](?P<words>[^«»“”\"„]{20,400}?)[»”\"“’']")
# A closing biography: the last of several paragraphs, a sentence or two.
_BIO_AFTER_PARAGRAPHS = 4
_BIO_MAX_WORDS = 45
_QUOTE_MARKS = re.compile(r"[«»“”\"„]")
# A transcript's time code after a speaker's name: "(00:00:15)", "[01:12]".
_TIMECODE = re.compile(r"[(\[]\d{1,2}:\d{2}(?::\d{2})?[)\]]")
_LABEL_MAX_WORDS = 5
_JUNK_MIN_CHARS = 12
_JUNK_MAX_WORD_SHARE = 0.6
# Characters of mis-decoded UTF-8 read as Latin-1/cp1252 ("Ð¡Ð¸"), box drawing, blocks, arrows.
_JUNK_CHARS = re.compile(r"[ÐÑâ€™œžŸ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿\u2500-\u25ff\u2190-\u21ff]")


@cache
def _data() -> dict[str, list[str]]:
    with (DATA_DIR / "furniture.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {
        key: tuple(re.compile(p, re.IGNORECASE) for p in value) for key, value in _data().items()
    }


@cache
def _alternation(key: str) -> re.Pattern[str]:
    """The patterns of ``key`` as one alternation: it fully matches a line when one of them
    does, in one call instead of one a pattern (the line patterns are over 170)."""
    return re.compile("|".join(f"(?:{p})" for p in _data()[key]), re.IGNORECASE)


def _matches(key: str, line: str) -> bool:
    return _alternation(key).fullmatch(line.strip()) is not None


def is_furniture_line(line: str) -> bool:
    """A whole line of furniture, or parts joined by " · ", " | " or " • " that each are one
    ("4 min read · 2 318 views", "Share 12 · Tweet 4")."""
    if _matches("lines", line) or _matches("author_box", line):
        return True
    # A button or label with a colon after it ("Share:", "Поделиться:", "Partager :"), or
    # a bullet before it ("* Home", "- Share").
    text = line.strip()
    if text.endswith(":") and _matches("lines", text.removesuffix(":")):
        return True
    if (bullet := _BULLET.match(text)) and _matches("lines", text[bullet.end() :]):
        return True
    parts = line_parts(line)
    return len(parts) > 1 and all(_matches("lines", part) for part in parts)


def line_parts(line: str) -> list[str]:
    """The parts of a line of buttons or labels ("29 November 2022 · 4 min read")."""
    return [part for part in _PARTS_SEPARATOR.split(line.strip()) if part]


def is_teaser_line(line: str) -> bool:
    """A rail heading and one headline on the same line ("Читайте также: Токаев назвал …",
    "Auch interessant: Usbekistan und …"): the heading fits a rail, the rest is a headline."""
    parts = _TEASER_SEPARATOR.split(line.strip(), maxsplit=1)
    return len(parts) == 2 and is_rail_heading(parts[0]) and _is_rail_item(parts[1])


def is_author_box_heading(line: str) -> bool:
    """ "About the author", "Über die Autorin": the heading of a box with a short biography."""
    return _matches("author_box", line)


def stays_a_line(line: str) -> bool:
    """A line that hard-wrap joining never joins with others: furniture, or a field of an
    e-mail header ("From: …", "Subject: …"), which would otherwise fill a wrapped width."""
    return is_furniture_line(line) or is_header_furniture_line(line)


def is_header_furniture_line(line: str) -> bool:
    """A line that is furniture at the top of a text only (an e-mail digest's "Subject:")."""
    return _matches("header_lines", line)


def is_comment_start(line: str) -> bool:
    return _matches("comment_starts", line)


def is_comment_furniture(line: str) -> bool:
    return _matches("comment_furniture", line)


def is_masthead_line(line: str) -> bool:
    """A site naming itself over the headline ("Official website of the President of …")."""
    return _matches("masthead_lines", line)


def is_section_word(line: str) -> bool:
    """A menu's section name ("News", "Politik", "Новости"): never a masthead."""
    return _matches("section_words", line)


def names_a_place(line: str) -> bool:
    """Whether one of the line's words is a noun of a place ("Room", "Palace", "Дворец")."""
    return any(_matches("place_nouns", word) for word in line.split())


def is_rail_heading(line: str) -> bool:
    """A "Related" heading, with or without a colon; not a sentence that opens with its words
    ("More from Tashkent is expected soon.")."""
    sentence = line.strip().endswith((".", "!")) and len(line.split()) >= _SENTENCE_MIN_WORDS
    # "Related:", "Te puede interesar:": a heading may close with a colon.
    return not sentence and _matches("rail_headings", line.strip().removesuffix(":"))


def is_menu_line(line: str) -> bool:
    """Three or more short items ("Home | Politics | Region"), or two when the first is a
    menu section ("International › Asie centrale")."""
    items = _MENU_SEPARATOR.split(line.strip())
    short = all(
        0 < len(item.split()) <= _MENU_ITEM_MAX_WORDS and not item.endswith(".") for item in items
    )
    return short and (
        len(items) >= _MENU_MIN_ITEMS or (len(items) == 2 and is_section_word(items[0]))
    )


def is_junk_line(line: str) -> bool:
    """Mostly symbols and mojibake: fewer than 60% of its characters belong to plain words."""
    text = line.strip()
    if len(text) < _JUNK_MIN_CHARS or not _JUNK_CHARS.search(text):
        return False
    clean = _JUNK_CHARS.sub(" ", text)
    word_chars = sum(len(w) for w in re.findall(r"[^\W\d_]{3,}", clean))
    return word_chars / len(text) < _JUNK_MAX_WORD_SHARE


def rail_end(paragraphs: Sequence[str], start: int, blocks: Sequence[int] = ()) -> int:
    """The index after the rail whose heading is ``paragraphs[start]`` (heading included).

    Above the first sentence of the text the heading goes alone: what follows it there is the
    article's own headline, not a list of other articles; unless the heading's own block is
    a list of several headlines with the text's headline in a block below ("Latest news /
    A … / B … // Headline / By …").
    """
    end = start + 1
    if not any(p.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) for p in paragraphs[:start]):
        return _rail_block_end(paragraphs, start, blocks)
    while end < len(paragraphs) and _is_rail_item(paragraphs[end]):
        end += 1
    return end


def _rail_block_end(paragraphs: Sequence[str], start: int, blocks: Sequence[int]) -> int:
    """Above the text: the end of the heading's block of headlines, or the line before the
    text's own headline (the one a byline or a date line follows), in text pasted without
    blank lines; the heading alone when neither is found."""
    end = start + 1
    if not blocks:
        return end
    while end < len(paragraphs) and blocks[end] == blocks[start]:
        if _over_byline_or_date(paragraphs, end):
            break
        if not _is_rail_item(paragraphs[end]):
            return start + 1
        end += 1
    later = [p for p in paragraphs[end:] if not p.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)]
    return end if end - start > _RAIL_BLOCK_MIN_ITEMS and later else start + 1


def _over_byline_or_date(paragraphs: Sequence[str], i: int) -> bool:
    following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
    return bool(following) and (
        date_line(following)[0]
        or any(re.match(rf"(?:{p.pattern})\s", following, re.I) for p in byline_prefixes())
    )


def _is_rail_item(line: str) -> bool:
    core = line.rstrip("\"'”’»)")
    return (
        0 < len(line.split()) <= _RAIL_ITEM_MAX_WORDS
        and not core.endswith((".", ":", ";", ","))
        and not is_comment_start(line)
        # "© Ostpost 2023" under a rail is the page's footer, not another headline.
        and credit_line_outlet(line, "footer_lines") is None
    )


def byline_prefixes() -> tuple[re.Pattern[str], ...]:
    """The words that open a byline ("By", "Von", "Автор:"), as patterns."""
    return _patterns()["byline_prefixes"]


def closing_byline_prefixes() -> tuple[re.Pattern[str], ...]:
    """The words of a credit line closing a text ("Interview by", "Беседовал"), as patterns."""
    return _patterns()["closing_byline_prefixes"]


def mark_comments(paragraphs: Sequence[str], roles: list[Role]) -> None:
    """Everything from the comments widget to the end is comments or comment furniture, but
    for a footer that names the outlet ("© 2024 Dala Times."), left as text for the caller."""
    sentences = 0
    start = None
    for i, paragraph in enumerate(paragraphs):
        if sentences >= _COMMENTS_AFTER_SENTENCES and is_comment_start(paragraph):
            start = i
            break
        sentences += paragraph.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS[:3])
    if start is None:
        return
    for i in range(start, len(paragraphs)):
        line = paragraphs[i]
        if i > start and credit_line_outlet(line, "footer_lines") is not None:
            continue
        dropped = i == start or is_comment_furniture(line) or date_line(line)[0]
        roles[i] = Role.FURNITURE if dropped else Role.COMMENT


def mark_running_lines(paragraphs: Sequence[str], roles: list[Role]) -> None:
    """A short line that comes back on each page (the same words once its dates are taken
    out) and holds a number, a " | " or an address is the page's running header or footer.
    One that ends in a colon is a transcript's speaker label ("Jane Doe (00:01:05):")."""
    keys = [_running_key(p) for p in paragraphs]
    for i, paragraph in enumerate(paragraphs):
        if (
            roles[i] is Role.BODY
            and keys[i]
            and keys.count(keys[i]) > 1
            and len(paragraph.split()) <= _RUNNING_LINE_MAX_WORDS
            and _RUNNING_LINE_MARK.search(paragraph)
            and not paragraph.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)
            and not paragraph.endswith(":")
        ):
            roles[i] = Role.FURNITURE


def is_stamp_line(line: str) -> bool:
    """A line that is a date or a time and nothing more (a comment's or a transcript's stamp),
    not a transcript's speaker label with its time code ("Donald Lu (00:00:15):")."""
    if is_timecoded_label(line):
        return False
    return is_time_only(line) or date_line(line)[0]


def is_timecoded_label(line: str) -> bool:
    """A transcript's speaker label with its time code ("Donald Lu (00:00:15):", "Q [01:12]:"):
    a few words, the code, a colon; it stays with the answer under it."""
    text = line.strip()
    name = _TIMECODE.sub(" ", text.removesuffix(":")).strip()
    return (
        text.endswith(":")
        and name != text[:-1].strip()
        and 0 < len(name.split()) <= _LABEL_MAX_WORDS
        and name[:1].isupper()
    )


def _running_key(paragraph: str) -> str:
    return " ".join(strip_dates(paragraph).casefold().split()).rstrip(" .,:;|-")


def mark_pull_quotes(paragraphs: Sequence[str], roles: list[Role]) -> None:
    """A paragraph that is a quotation and nothing else, whose words another paragraph of the
    text quotes too («…», — said the minister), is the pull quote set beside the story."""
    body = [i for i, role in enumerate(roles) if role is Role.BODY]
    for i in body:
        match = _PULL_QUOTE.fullmatch(paragraphs[i].strip())
        if match is None:
            continue
        words = match["words"].strip().rstrip(".,")
        if any(
            j != i and words in paragraphs[j] and len(paragraphs[j]) > len(words) + 2 for j in body
        ):
            roles[i] = Role.FURNITURE


def mark_closing_bio(paragraphs: Sequence[str], roles: list[Role]) -> None:
    """The text's last paragraph, when it presents a journalist ("Dina Akhmetova is a
    diplomatic correspondent at …", ``author_bio`` in the data file), is the author's box
    even without a byline above: a short paragraph, no quotation in it, with the page's
    furniture still under it (a story's own last paragraph ends the text)."""
    body = [i for i, role in enumerate(roles) if role is Role.BODY]
    if len(body) < _BIO_AFTER_PARAGRAPHS:
        return
    last = body[-1]
    text = paragraphs[last].strip()
    if (
        last < len(paragraphs) - 1  # the page goes on: a footer, a rail, buttons
        and len(text.split()) <= _BIO_MAX_WORDS
        and not _QUOTE_MARKS.search(text)
        and _alternation("author_bio").match(text) is not None
    ):
        roles[last] = Role.FURNITURE


def mark_section_runs(paragraphs: Sequence[str], roles: list[Role]) -> None:
    """A run of three or more lines that each are a menu's section ("Новости / Политика /
    Экономика") or a site link ("О нас", "Контакты") is a menu written one item a line."""
    run: list[int] = []
    for i in [*range(len(paragraphs)), len(paragraphs)]:
        role = roles[i] if i < len(paragraphs) else None
        if role is Role.FURNITURE or (role is Role.BODY and _is_menu_item(paragraphs[i])):
            run.append(i)
            continue
        items = [j for j in run if roles[j] is Role.BODY]
        if len(run) >= _MENU_MIN_ITEMS and len(items) >= _MENU_RUN_MIN_ITEMS:
            for j in items:
                roles[j] = Role.FURNITURE
        run = []


def _is_menu_item(line: str) -> bool:
    text = line.strip()
    text = text[bullet.end() :] if (bullet := _BULLET.match(text)) else text
    return is_section_word(text) or _matches("site_links", text)
