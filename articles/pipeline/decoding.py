"""Turn the raw bytes of an uploaded document into clean, normalised text.

Rules, applied in this order:

1. Reject what cannot be an article: an empty file, a file over ``MAX_DOCUMENT_BYTES``, binary
   data (any NUL byte, or a high share of C0 control bytes) and text that is only whitespace.
   Each rejection is a ``DocumentError`` whose message is a one-line reason for the uploader.
2. Decode. UTF-8 (with or without a BOM) is accepted silently; UTF-16 is accepted only with a BOM,
   which makes it unambiguous. Anything else is a legacy encoding: charset-normalizer picks it
   (preferring cp1252 on a tie, see ``_choose_legacy_encoding``), falling back to cp1252, and a
   warning names the encoding used.
3. Line endings become LF (CRLF and lone CR alike).
4. Mojibake is repaired by ftfy, restricted to encoding repair: no quote uncurling, no ligature
   or width changes, no HTML unescaping, no control-character removal; then UTF-8 read as the
   Thai code page cp874 ("Tokรกyev"), which ftfy leaves alone, is re-decoded where it sits
   inside a Latin word. A warning says how many characters the repair changed.
5. The text is NFC-normalised, so equal-looking strings compare equal downstream.

``sha256`` is the digest of the raw bytes, the content hash used for provenance and de-duplication.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy

MAX_DOCUMENT_BYTES: int = 2_000_000

# C0 control bytes that never occur in plain text (tab, LF, VT, FF and CR are excluded; ESC is
# included because terminal escapes are not article text either).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS = frozenset(_CONTROL_BYTES.decode("ascii"))
# Real text may carry a stray control byte or two; a larger share means it is not text at all.
_MAX_CONTROL_SHARE = 0.05

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_FALLBACK_ENCODING = "cp1252"

# Characters that render as nothing; a document made only of these and whitespace is empty.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")

# Only encoding repair (plus fixes that cannot alter intended text: C1 controls and surrogate
# pairs only ever come from broken decoding). Everything that rewrites legitimate characters is
# off: curly quotes, dashes, ligatures, full-width forms, HTML entities and control characters
# stay exactly as the document has them. Normalisation is done by us, after the repair.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    # Reading a plain space as a lost U+00A0 can invent mojibake where there is none.
    restore_byte_a0=False,
    # This replaces text with U+FFFD, which loses information instead of repairing it.
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


class DocumentError(ValueError):
    """A document that cannot be loaded; ``str(err)`` is a one-line reason."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warnings: tuple[str, ...]
    sha256: str


def decode_document(raw: bytes) -> DecodedText:
    """Decode, repair and normalise ``raw``; raise ``DocumentError`` if it is not text."""
    _check_raw(raw)
    text, encoding, warnings = _decode(raw)
    text = normalise_line_endings(text)
    text, repaired = repair_mojibake(text)
    if repaired:
        warnings.append(f"repaired mojibake ({_plural(repaired, 'character')} changed)")
    text = unicodedata.normalize("NFC", text)
    if _is_blank(text):
        raise DocumentError("no text (only whitespace)")
    return DecodedText(
        text=text,
        encoding=encoding,
        warnings=tuple(warnings),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _check_raw(raw: bytes) -> None:
    if not raw:
        raise DocumentError("empty file")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"larger than the {MAX_DOCUMENT_BYTES:,}-byte limit ({len(raw):,} bytes)"
        )
    # UTF-16 is full of NUL bytes by design, so it is recognised (by its BOM) before the check.
    if raw.startswith(_UTF16_BOMS):
        return
    if b"\x00" in raw or _control_share(raw) > _MAX_CONTROL_SHARE:
        raise DocumentError("binary data, not text")


def _control_share(raw: bytes) -> float:
    return len(raw.translate(None, _NON_CONTROL_BYTES)) / len(raw)


def _decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Return the text, the codec name used and any warnings about the choice."""
    if raw.startswith(_UTF16_BOMS):
        return _decode_utf16(raw)
    has_bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if has_bom else raw
    try:
        return body.decode("utf-8"), "utf-8-sig" if has_bom else "utf-8", []
    except UnicodeDecodeError:
        pass
    # A BOM in front of legacy bytes happens when an editor "converts" without re-encoding;
    # the bytes after it are what needs detecting.
    encoding = _choose_legacy_encoding(body)
    text = body.decode(encoding, errors="replace")
    warnings = [f"not UTF-8: decoded as {encoding}"]
    lost = text.count("\ufffd")
    if lost:
        warnings.append(f"{_plural(lost, 'undecodable byte sequence')} replaced with U+FFFD")
    return text, encoding, warnings


def _decode_utf16(raw: bytes) -> tuple[str, str, list[str]]:
    try:
        text = raw.decode("utf-16")
    except UnicodeDecodeError as err:
        raise DocumentError("binary data, not text") from err
    # The BOM was consumed by the codec; re-check for binary content in the decoded text.
    controls = sum(1 for char in text if char in _CONTROL_CHARS)
    if "\x00" in text or controls / max(len(text), 1) > _MAX_CONTROL_SHARE:
        raise DocumentError("binary data, not text")
    return text, "utf-16", ["not UTF-8: decoded as utf-16"]


def _choose_legacy_encoding(raw: bytes) -> str:
    """Pick the single-byte or legacy multi-byte encoding of ``raw``.

    On short Western European text charset-normalizer cannot tell cp1250, cp1252 and their
    relatives apart and often reports cp1250 first. When cp1252 scores as well as its best guess
    it is chosen, because it is by far the most common legacy encoding for this archive's
    English-language sources. A better-scoring guess (e.g. cp1251 for Russian) wins outright.
    """
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is None:
        return _FALLBACK_ENCODING
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and _FALLBACK_ENCODING in match.could_be_from_charset:
            return _FALLBACK_ENCODING
    return codecs.lookup(best.encoding).name


def normalise_line_endings(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair_mojibake(text: str) -> tuple[str, int]:
    """Repair mojibake line by line; return the text and how many characters the repair changed.

    ftfy works on one line at a time anyway, and comparing line by line keeps the change count
    cheap on large documents.
    """
    lines = text.split("\n")
    # Every repair _FTFY_CONFIG turns on needs a non-ASCII character (ftfy returns ASCII as it
    # is), and so does the cp874 one: ASCII lines, most of an English text, are left as they are.
    fixed = [line if line.isascii() else _fix_line(line) for line in lines]
    changed = sum(_changed_characters(old, new) for old, new in zip(lines, fixed, strict=True))
    return "\n".join(fixed), changed


# UTF-8 read as the Thai code page cp874 ("Tokáyev" → "Tokรกyev"), which ftfy does not undo: a
# stretch of characters that cp874 gives for bytes 0x80-0xFF (Thai letters, and the few
# punctuation marks it puts in 0x80-0x9F) next to a Latin letter. Real Thai text is not touched:
# it does not sit inside Latin words, and most of it is not valid UTF-8 once re-encoded.
_CP874_HIGH = "".join(
    sorted({bytes([b]).decode("cp874", errors="ignore") for b in range(0x80, 0x100)} - {""})
)
_THAI_MOJIBAKE = re.compile(
    rf"(?<=[A-Za-z])[{re.escape(_CP874_HIGH)}]{{2,}}|[{re.escape(_CP874_HIGH)}]{{2,}}(?=[A-Za-z])"
)


def _fix_line(line: str) -> str:
    return _fix_thai_mojibake(ftfy.fix_text(line, _FTFY_CONFIG))


def _fix_thai_mojibake(line: str) -> str:
    return _THAI_MOJIBAKE.sub(_redecode_cp874, line) if max(line) >= "\u0e00" else line


def _redecode_cp874(match: re.Match) -> str:
    stretch = match.group()
    try:
        repaired = stretch.encode("cp874").decode("utf-8")
    except UnicodeError:
        return stretch
    # Only Latin (or other non-Thai) letters count as a repair: Thai out is Thai in.
    return stretch if any("\u0e00" <= char <= "\u0e7f" for char in repaired) else repaired


def _changed_characters(old: str, new: str) -> int:
    """Count characters of ``new`` that replace or add to ``old``."""
    if old == new:
        return 0
    old_words, new_words = old.split(" "), new.split(" ")
    # Encoding repair never touches ASCII spaces (restore_byte_a0 is off), so words pair up and
    # the expensive diff only runs on the few words that changed.
    if len(old_words) != len(new_words):
        return _diff_size(old, new)
    return sum(_diff_size(a, b) for a, b in zip(old_words, new_words, strict=True) if a != b)


# SequenceMatcher takes quadratic time; past this many differing characters the count is the
# length of the differing stretch instead (a repair that large is reported, not measured).
_MAX_DIFFED_CHARS = 5_000


def _diff_size(old: str, new: str) -> int:
    # The shared head and tail cannot differ: only the stretch between them is compared.
    head = len(os.path.commonprefix([old, new]))
    old, new = old[head:], new[head:]
    tail = len(os.path.commonprefix([old[::-1], new[::-1]]))
    old, new = old[: len(old) - tail], new[: len(new) - tail]
    if max(len(old), len(new)) > _MAX_DIFFED_CHARS:
        return max(len(new), 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(j2 - j1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal") or 1


def _is_blank(text: str) -> bool:
    return all(char.isspace() or char in _INVISIBLE for char in text)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
