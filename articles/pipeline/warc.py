"""Web archive (WARC) files: the HTML pages they hold, one per ``response`` record.

warcio reads the records (plain or gzip-compressed). Archives are hostile
input like any document: each record's payload is read up to a size limit, and
an archive cut short (an interrupted crawl, a partial download) still gives the
records before the damage, with the damaged record named rather than dropped in
silence; warcio stops at a broken gzip member without saying so, so the reader
checks that every byte of the archive was accounted for.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

from warcio.archiveiterator import ArchiveIterator

_TRUNCATED = "the archive ends inside it"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_URI_HEADER = re.compile(rb"WARC-Target-URI:\s*<?([^\s>]+)", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)", re.I | re.S)


@dataclass(frozen=True)
class WarcPage:
    """One HTML response; ``problem`` says why it cannot be used (too large, cut short)."""

    number: int  # the record's position in the archive, from 1
    uri: str
    payload: bytes = b""
    problem: str = ""


@dataclass
class WarcContents:
    pages: list[WarcPage] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # what was not an HTML page, by kind
    damage: str = ""  # why reading stopped early, naming the record; empty when whole

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def read_warc(data: bytes, *, max_record_bytes: int) -> WarcContents:
    """The HTML pages in a WARC file's bytes; never reads more than the limit of any payload."""
    contents = WarcContents()
    stream = io.BytesIO(data)
    iterator = ArchiveIterator(stream)
    number = 0
    try:
        for record in iterator:
            number += 1
            page = _page(record, number, max_record_bytes, contents.skipped)
            if page is not None and page.problem == _TRUNCATED:
                contents.damage = f"record {number} ({page.uri}) is truncated ({_TRUNCATED})"
                return contents
            if page is not None:
                contents.pages.append(page)
    except Exception as error:  # noqa: BLE001 - a damaged archive can fail anywhere in warcio
        uri = _uri_near(data, iterator.offset)
        named = f"record {number + 1}" + (f" ({uri})" if uri else "")
        contents.damage = f"{named} is damaged: {' '.join(str(error).split())[:200]}"
        return contents
    if number == 0:
        contents.damage = "not a WARC file (no records could be read)"
    elif iterator.offset < len(data):
        # A gzip member cut short ends warcio's iteration silently.
        uri = _uri_near(data, iterator.offset)
        named = f"record {number + 1}" + (f" ({uri})" if uri else "")
        contents.damage = f"{named} is truncated ({_TRUNCATED})"
    return contents


def _page(record, number: int, limit: int, skipped: Counter) -> WarcPage | None:
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    if record.rec_type != "response":
        skipped[record.rec_type or "unknown"] += 1
        _drain(record)
        return None
    status = record.http_headers.get_statuscode() if record.http_headers else ""
    content_type = _media_type(record)
    if status and not status.startswith("2"):
        skipped[f"HTTP {status}"] += 1
        _drain(record)
        return None
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        _drain(record)
        return WarcPage(number, uri, problem=f"payload larger than the {limit:,}-byte limit")
    if getattr(record.raw_stream, "limit", 0):
        return WarcPage(number, uri, problem=_TRUNCATED)
    if content_type not in HTML_TYPES and not (not content_type and _HTML_START.match(payload)):
        skipped[content_type or "no content type"] += 1
        return None
    return WarcPage(number, uri, payload=payload)


def _media_type(record) -> str:
    header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    return (header or "").split(";")[0].strip().lower()


def _drain(record) -> None:
    """Skip the rest of a record without keeping it (the iterator needs to reach its end)."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass


def _uri_near(data: bytes, offset: int) -> str:
    """The target URI of the record starting at ``offset``, read from what is left of it."""
    rest = data[offset : offset + (1 << 16)]
    try:
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(rest, 1 << 16)
    except zlib.error:
        head = rest
    match = _URI_HEADER.search(head[:8192])
    return match.group(1).decode("utf-8", "replace") if match else ""
