"""Tests for articles.pipeline.decoding: bytes in, clean text (or a clear refusal) out."""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from pathlib import Path

import pytest

from articles.pipeline.decoding import (
    MAX_DOCUMENT_BYTES,
    DecodedText,
    DocumentError,
    decode_document,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class TestUtf8:
    def test_plain_utf8_is_decoded_without_warnings(self):
        decoded = decode_document("Tokáyev met Blinken.".encode())
        assert decoded.text == "Tokáyev met Blinken."
        assert decoded.encoding == "utf-8"
        assert decoded.warnings == ()

    def test_bom_is_removed(self):
        decoded = decode_document(b"\xef\xbb\xbfHeadline\nBody.")
        assert decoded.text == "Headline\nBody."
        assert decoded.encoding == "utf-8-sig"
        assert decoded.warnings == ()

    @pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
    def test_line_endings_become_lf(self, newline):
        raw = newline.join([b"Headline", b"", b"First.", b"Second."])
        assert decode_document(raw).text == "Headline\n\nFirst.\nSecond."

    def test_mixed_line_endings_become_lf(self):
        assert decode_document(b"a\r\nb\rc\nd").text == "a\nb\nc\nd"

    def test_utf16_with_bom_is_accepted(self):
        decoded = decode_document("Tokáyev said “no”".encode("utf-16"))
        assert decoded.text == "Tokáyev said “no”"
        assert decoded.encoding == "utf-16"
        assert decoded.warnings == ("not UTF-8: decoded as utf-16",)


class TestLegacyEncodings:
    def test_cp1252_is_detected_and_warned_about(self):
        decoded = decode_document("Tokáyev said “no”".encode("cp1252"))
        assert decoded.text == "Tokáyev said “no”"
        assert decoded.encoding == "cp1252"
        assert decoded.warnings == ("not UTF-8: decoded as cp1252",)

    def test_cp1252_wins_a_tie_with_other_western_code_pages(self):
        # cp1250 would decode ï as ď; charset-normalizer scores both the same.
        text = "The café was closed — a naïve résumé, Tokáyev said."
        decoded = decode_document(text.encode("cp1252"))
        assert decoded.text == text
        assert decoded.encoding == "cp1252"

    def test_cyrillic_code_page_is_detected(self):
        text = "Привет, как дела? Это тест кодировки документа."
        decoded = decode_document(text.encode("cp1251"))
        assert decoded.text == text
        assert decoded.encoding == "cp1251"
        assert decoded.warnings == ("not UTF-8: decoded as cp1251",)

    def test_legacy_bytes_behind_a_utf8_bom_are_still_decoded(self):
        decoded = decode_document(b"\xef\xbb\xbf" + "naïve café".encode("cp1252"))
        assert decoded.text == "naïve café"
        assert decoded.warnings[0].startswith("not UTF-8: decoded as ")


class TestMojibakeRepair:
    def test_mojibake_letter_is_repaired_with_a_warning(self):
        decoded = decode_document("President TokÃ¡yev spoke.".encode())
        assert decoded.text == "President Tokáyev spoke."
        assert decoded.warnings == ("repaired mojibake (1 character changed)",)

    def test_mojibake_quotes_are_repaired_to_curly_quotes(self):
        decoded = decode_document("TokÃ¡yev said â€œnoâ€\x9d".encode())
        assert decoded.text == "Tokáyev said “no”"
        assert decoded.warnings == ("repaired mojibake (3 characters changed)",)

    def test_only_the_broken_line_changes(self):
        decoded = decode_document("Clean “line”.\nâ€œBrokenâ€\x9d line.".encode())
        assert decoded.text == "Clean “line”.\n“Broken” line."

    @pytest.mark.parametrize(
        "text",
        [
            "He said “no” — and ‘maybe’ – later…",
            "The ﬁnal ＡＢＣ report",  # ligature and full-width forms stay
            "Tom &amp; Jerry &lt;b&gt;",  # HTML entities are not unescaped
            "Tab\tseparated\fform feed",
            "São Paulo, Zürich, Kraków, Tokáyev, Mirziyóyev",
        ],
    )
    def test_clean_text_is_left_alone(self, text):
        decoded = decode_document(text.encode())
        assert decoded.text == text
        assert decoded.warnings == ()


class TestNormalisation:
    def test_nfd_becomes_nfc(self):
        nfd = unicodedata.normalize("NFD", "Tokáyev, Mirziyóyev")
        assert nfd != "Tokáyev, Mirziyóyev"
        decoded = decode_document(nfd.encode())
        assert decoded.text == "Tokáyev, Mirziyóyev"
        assert unicodedata.is_normalized("NFC", decoded.text)


class TestProvenance:
    def test_sha256_is_of_the_raw_bytes(self):
        raw = b"\xef\xbb\xbfHeadline\r\nBody.\r\n"
        decoded = decode_document(raw)
        assert decoded.sha256 == hashlib.sha256(raw).hexdigest()
        assert decoded.sha256 != hashlib.sha256(decoded.text.encode()).hexdigest()

    def test_result_is_immutable(self):
        decoded = decode_document(b"Body.")
        assert isinstance(decoded, DecodedText)
        with pytest.raises(dataclasses.FrozenInstanceError):
            decoded.text = "changed"  # type: ignore[misc]


class TestRejections:
    @pytest.mark.parametrize(
        ("raw", "reason"),
        [
            (b"", "empty file"),
            (b" \n\t\r\n  ", "no text (only whitespace)"),
            (b"\xef\xbb\xbf", "no text (only whitespace)"),
            ("\u200b \u00a0\n".encode(), "no text (only whitespace)"),
            (b"text\x00with a NUL", "binary data, not text"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not text"),
            (bytes(range(1, 9)) * 3 + b"some text", "binary data, not text"),
        ],
    )
    def test_reason_is_exact(self, raw, reason):
        with pytest.raises(DocumentError) as caught:
            decode_document(raw)
        assert str(caught.value) == reason

    def test_too_large_names_the_limit_and_the_size(self):
        with pytest.raises(DocumentError) as caught:
            decode_document(b"a" * 2_400_123)
        assert str(caught.value) == "larger than the 2,000,000-byte limit (2,400,123 bytes)"

    def test_limit_itself_is_allowed(self):
        assert MAX_DOCUMENT_BYTES == 2_000_000
        assert len(decode_document(b"a" * MAX_DOCUMENT_BYTES).text) == MAX_DOCUMENT_BYTES
        with pytest.raises(DocumentError, match="limit"):
            decode_document(b"a" * (MAX_DOCUMENT_BYTES + 1))

    def test_a_stray_control_character_is_not_binary(self):
        raw = b"A long enough paragraph of ordinary prose\x07 with one bell in it."
        assert "\x07" in decode_document(raw).text

    def test_document_error_is_a_value_error(self):
        assert issubclass(DocumentError, ValueError)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name)
def test_seeds_decode_unchanged(path):
    raw = path.read_bytes()
    decoded = decode_document(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ()
    assert decoded.text == raw.decode("utf-8")
    assert decoded.sha256 == hashlib.sha256(raw).hexdigest()


def test_utf8_read_as_thai_cp874_is_repaired_inside_latin_words() -> None:
    garbled = "President Tokáyev met Mirziyóyev.".encode().decode("cp874", errors="replace")
    assert "Tokรกyev" in garbled
    decoded = decode_document(garbled.encode("utf-8"))
    assert decoded.text == "President Tokáyev met Mirziyóyev."
    assert any("repaired mojibake" in warning for warning in decoded.warnings)


def test_real_thai_text_is_left_alone() -> None:
    thai = "กรุงเทพมหานคร Bangkok ประเทศไทย"
    assert decode_document(thai.encode("utf-8")).text == thai
