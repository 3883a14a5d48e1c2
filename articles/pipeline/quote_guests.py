"""Who an interview's guest is: the name its introduction gives ("spoke to Aigerim
Seitkali", "with economist Jane Doe", "We asked Jane Doe", "Сергей Лавров дал интервью"), or
the one name of its headline (used by ``quote_transcripts``)."""

from __future__ import annotations

import re

from .quote_patterns import NAME_RUN, SpeakerMention, trim_name
from .wordlists import words

_INTERVIEW_WORDS = sorted(words("quotes", "interview_prepositions"))
_INTERVIEWEE = re.compile(
    rf"(?:\b(?:spoke|speaks|talked|talks|spoken|talking)[ \t]+(?:to|with)|\binterviewed"
    rf"|(?<!\w)(?:{'|'.join(sorted(words('quotes', 'interview_verbs')))})"
    rf"|(?<!\w)(?:{'|'.join(_INTERVIEW_WORDS)}))"
    rf"[ \t]+(?:[a-zа-яё][\w\-]*[ \t]+){{0,4}}(?P<name>{NAME_RUN})"
)
_GAVE_INTERVIEW = re.compile(
    rf"(?P<name>{NAME_RUN})[ \t]+(?:[^\W\d][\w\-]*[ \t]+){{0,3}}?"
    rf"(?i:{'|'.join(sorted(words('quotes', 'interview_words')))})(?!\w)"
)


def interviewee_in(body: str, intro_end: int) -> SpeakerMention | None:
    # The last "with <descriptor> Firstname Lastname" of the intro names the guest, else the
    # last "Firstname Lastname gave an interview" ("Сергей Лавров дал интервью").
    for pattern in (_INTERVIEWEE, _GAVE_INTERVIEW):
        found = None
        for match in pattern.finditer(body, 0, intro_end):
            name = trim_name(match.group("name"), match.start("name"))
            if name is not None and len(name.text.split()) >= 2:
                found = name
        if found is not None:
            return found
    return None


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
