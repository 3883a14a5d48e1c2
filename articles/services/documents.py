"""Reading documents from disk safely: which files a load takes, and bounded reads.

Files are hostile input: only regular files are opened (never a FIFO or a
device), never more than the size limit plus one byte is read, and a file name
that is not UTF-8 is refused rather than guessed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from articles.models import Article
from articles.pipeline.decoding import DocumentError

# What a folder's documents are: text, saved pages, web archives; PDFs only to reject them.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".warc", ".warc.gz", ".pdf")
SEED_FILE_MAX = Article._meta.get_field("seed_file").max_length


def display_path(path: Path) -> str:
    """The path as one printable line: bytes that are not UTF-8 and controls escaped (``\\xNN``)."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def collect_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """The documents named: files as given, folders as their documents in name order.

    Entries of a folder that are not regular files (FIFOs, devices, sockets) are
    kept so that they are reported as rejected rather than silently skipped.
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.name.lower().endswith(DOCUMENT_SUFFIXES) and not p.is_dir()
            )
        else:
            yield path


def documents_with_provenance(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """``collect_documents`` with each document's provenance: its path relative to the
    folder given (``sub/a.txt``), or its file name when the file itself was given."""
    for path in paths:
        base = path if path.is_dir() else path.parent
        for document in collect_documents([path]):
            yield document, document.relative_to(base).as_posix()


def read_limited(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file; DocumentError otherwise.

    The type is checked before opening (opening a FIFO would wait for a writer)
    and again on the open file, in case the path was swapped in between.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise DocumentError("not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except NotADirectoryError:
        raise DocumentError("no such file") from None
    except OSError as error:
        raise DocumentError(f"unreadable: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("not a regular file")
        if info.st_size > limit:
            raise DocumentError(f"larger than the {limit:,}-byte limit ({info.st_size:,} bytes)")
        chunks, remaining = [], limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise DocumentError(f"unreadable: {error.strerror or error}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise DocumentError(f"larger than the {limit:,}-byte limit (it grew while being read)")
    return data


def utf8_encodable(text: str) -> bool:
    """False for a name read from a file system that is not valid UTF-8 (it holds surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_name(path: Path) -> None:
    """DocumentError when the file's name cannot be stored, or it is a folder."""
    if not utf8_encodable(path.name):
        raise DocumentError("file name is not valid UTF-8")
    if len(path.name) > SEED_FILE_MAX:
        raise DocumentError(f"file name longer than {SEED_FILE_MAX} characters")
    if os.path.isdir(path):
        raise DocumentError("is a directory, not a file")
