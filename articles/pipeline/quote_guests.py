"""Who an interview's guest is: the name its introduction gives ("spoke to Aigerim
Seitkali", "with economist Jane Doe", "We asked Jane Doe", "Сергей Лавров дал интервью",
"X, a researcher, told Orda Today in an interview", "X spoke to reporters", "X a répondu à nos
questions", "X sagte im Gespräch"), or the one name of its headline (used by
``quote_transcripts``). After a bare "with" ("an interview with Orda Today, Foreign Minister
Jane Doe …", "en una entrevista con EFE, el canciller kazajo X") or a publication ("talked to
The Steppe Review"), the name the introduction gives a role is the guest."""

from __future__ import annotations

import re

from .quote_patterns import NAME_RUN, ROLE_WORDS, WORD, SpeakerMention, trim_name
from .wordlists import words

_INTERVIEW_WORDS = sorted(words("quotes", "interview_prepositions"))
_INTERVIEWEE = re.compile(
    rf"(?:\b(?:spoke|speaks|talked|talks|spoken|talking)[ \t]+(?:to|with)|\binterviewed"
    rf"|(?<!\w)(?:{'|'.join(sorted(words('quotes', 'interview_verbs')))})"
    rf"|(?<!\w)(?:{'|'.join(_INTERVIEW_WORDS)}))"
    rf"[ \t]+(?:[a-zа-яё][\w\-]*[ \t]+){{0,4}}(?P<name>{NAME_RUN})"
)
# "Jane Doe, a political scientist, told Orda Today in an interview", "X spoke to reporters",
# "X, ministre, a répondu à nos questions": the name, an apposition, a few words, then an
# interview word or the reporters spoken to.
_GUEST_WORDS = sorted(words("quotes", "interview_words") | words("quotes", "interview_audiences"))
_GAVE_INTERVIEW = re.compile(
    rf"(?P<name>{NAME_RUN})(?:,[ \t]+[a-zà-ÿа-яё][^,.;:\n]{{0,80}}?)?,?[ \t]+"
    rf"(?:[^\W\d][\w\-]*[ \t]+){{0,5}}?(?i:{'|'.join(_GUEST_WORDS)})(?!\w)"
)


# ", a political scientist in Dushanbe,": an apposition after a name.
_APPOSITION = re.compile(r",[ \t]+[a-zà-ÿа-яё][^,.;:]{0,60}")
# "Foreign Minister Jane Doe": a name right after a role word.
# "el canciller kazajo, Murat Nurtleu": a nationality in lower case may come between.
_ROLE_NAME = re.compile(
    rf"(?<![\w\-])(?i:{'|'.join(sorted(ROLE_WORDS, key=len, reverse=True))})"
    rf"(?:[ \t]+[a-zà-ÿа-яё]+){{0,2}}?,?[ \t]+(?P<name>{NAME_RUN})"
)


def interviewee_in(body: str, intro_end: int) -> SpeakerMention | None:
    # The last "with <descriptor> Firstname Lastname" of the intro names the guest, else the
    # last "Firstname Lastname gave an interview" ("Сергей Лавров дал интервью").
    publication = False
    for pattern in (_INTERVIEWEE, _GAVE_INTERVIEW):
        found, with_role = None, False
        for match in _matches(pattern, body, intro_end):
            if match.group("name").startswith("The "):
                publication = True  # "talked to The Steppe Review": a publication
                continue
            name = trim_name(match.group("name"), match.start("name"))
            weak = match.group().split(maxsplit=1)[0].lower() in _INTERVIEW_WORDS
            if weak and pattern is _INTERVIEWEE and name is not None and " " not in name.text:
                publication = True  # "an interview with EFE": an agency
            if name is not None and len(name.text.split()) >= 2:
                # "asked X", "spoke to X" name the guest; "with X" may name a publication.
                found, with_role = name, not weak or _has_role(body, match.start(), name)
        if found is not None:
            # "In an interview with Orda Today, Foreign Minister Jane Doe said": with no role
            # of its own, a name the introduction gives a role is the guest.
            return found if with_role else _with_role_before(body, intro_end) or found
    return _with_role_before(body, intro_end) if publication else None


def _matches(pattern: re.Pattern, body: str, end: int):
    """The matches of ``pattern`` before ``end``; a name run that names nobody ("Deputy Prime
    Minister and Foreign Minister Jane Doe answered") leaves the words after it to be tried."""
    position = 0
    while (match := pattern.search(body, position, end)) is not None:
        yield match
        name = match.group("name")
        named = trim_name(name, match.start("name"))
        position = (
            match.end()
            if named is not None and len(named.text.split()) >= 2
            else (match.start("name") + len(name.split(maxsplit=1)[0]))
        )


def _has_role(body: str, start: int, name: SpeakerMention) -> bool:
    """Words between "with" and the name ("с экономистом Дильнозой Рахимовой"), or a role in an
    apposition after the name."""
    between = WORD.findall(body[start : name.start])
    if len(between) > 1:
        return True
    apposition = _APPOSITION.match(body, name.end)
    return apposition is not None and any(
        word in ROLE_WORDS for word in WORD.findall(apposition.group().lower())
    )


def role_named_in(body: str, end: int) -> SpeakerMention | None:
    """The last full name before ``end`` that follows a role word ("Le chercheur Julien
    Ferrand"): the guest of an interview whose questions are set apart in bold."""
    return _with_role_before(body, end)


def _with_role_before(body: str, end: int) -> SpeakerMention | None:
    found = None
    for match in _ROLE_NAME.finditer(body, 0, end):
        name = trim_name(match.group("name"), match.start("name"))
        if name is not None and len(name.text.split()) >= 2:
            found = name
    return found


def headline_guest(headline: str) -> SpeakerMention | None:
    found = interviewee_in(headline, len(headline))
    if found is None:
        names = {
            name.text
            for match in re.finditer(NAME_RUN, headline)
            if (name := trim_name(match.group(), match.start())) is not None
            and len(name.text.split()) >= 2
        }
        found = SpeakerMention(names.pop(), 0, 0) if len(names) == 1 else None
    return None if found is None else SpeakerMention(found.text, -1, -1)
