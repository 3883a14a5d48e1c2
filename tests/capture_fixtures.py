"""Saved pages and web archives for the capture tests, built from our own fixture files."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CAPTURES = Path(__file__).parent / "fixtures" / "captures"
VISITS = CAPTURES / "visits"
ASTANA = VISITS / "astana-c5-ministerial.html"
TASHKENT = VISITS / "tashkent-visit.html"
COOKIE_WALL = CAPTURES / "cookie-wall.html"

ASTANA_URL = "https://eurasianet.org/blinken-meets-central-asian-ministers-in-astana"
TASHKENT_URL = "https://www.inform.kz/en/us-secretary-of-state-arrives-in-tashkent"


def warc_bytes(records: list[tuple[str, str, bytes]], *, gzip: bool = True) -> bytes:
    """A WARC file with a warcinfo record, then one response per (uri, content type, body)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def visits_warc(*, gzip: bool = True, extra: list[tuple[str, str, bytes]] = ()) -> bytes:
    """Both visits' pages as captured from their sites, plus any ``extra`` records."""
    return warc_bytes(
        [
            (ASTANA_URL, "text/html; charset=utf-8", ASTANA.read_bytes()),
            (TASHKENT_URL, "text/html; charset=utf-8", TASHKENT.read_bytes()),
            *extra,
        ],
        gzip=gzip,
    )
