"""From what a user names (files, folders, globs, URLs, "-") to RawInputs, and from a RawInput to Drafts.

The kind of an input is decided by its content (magic bytes, markup, JSON shape), with the file name only as a
tie-breaker (CSV), so a mis-named file is still read right and a PDF named .txt is refused with a clear line.
"""

from __future__ import annotations

import fnmatch
import glob
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .decode import decode
from .draft import Draft, RawInput

# Files never taken from a folder walk (they are named explicitly if wanted).
IGNORED_NAMES = ("README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", ".*", "*.pyc", "Thumbs.db")

_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media file"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"SQLite format 3", "SQLite database"),
)


def iter_inputs(names: list[str], settings: dict) -> Iterator[RawInput | InputError]:
    """Each named input's bytes, or an InputError for one that cannot be read; folders are walked."""
    max_bytes = int(settings["max_input_mb"] * 1024 * 1024)
    for name in names:
        if name == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputError("<stdin>", "too-large", f"standard input is over {settings['max_input_mb']} MB")
            else:
                yield RawInput("<stdin>", data)
        elif name.startswith(("http://", "https://")):
            from .fetch import fetch

            try:
                yield fetch(name, timeout=settings["fetch_timeout"], user_agent=settings["user_agent"], max_bytes=max_bytes)
            except InputError as exc:
                yield exc
        elif os.path.isdir(name):
            yield from _walk(Path(name), max_bytes)
        elif os.path.exists(name):
            yield _read_file(Path(name), max_bytes)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield InputError(name, "not-found", "the pattern matches no file")
            for match in matches:
                if os.path.isfile(match):
                    yield _read_file(Path(match), max_bytes)
        else:
            yield InputError(name, "not-found", "no such file, folder or URL")


def _walk(folder: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if any(fnmatch.fnmatch(f, pattern) for pattern in IGNORED_NAMES):
                continue
            yield _read_file(Path(root) / f, max_bytes)


def _read_file(path: Path, max_bytes: int) -> RawInput | InputError:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(source, "too-large", f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        return RawInput(source, path.read_bytes())
    except OSError as exc:
        return InputError(source, "not-found", f"cannot read the file ({exc.strerror or exc})")


def sniff(raw: RawInput) -> str:
    """The kind of input: warc, html, feed, json, jsonl, csv or text. Raises InputError for what we don't read."""
    data = raw.data
    if not data.strip():
        raise InputError(raw.source, "empty", "the input is empty")
    head = data[:8]
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                inner = gz.read(64)
        except (OSError, EOFError):
            raise InputError(raw.source, "truncated", "the gzip stream is damaged") from None
        if inner.startswith(b"WARC/"):
            return "warc"
        raise InputError(raw.source, "binary", "gzip-compressed file that is not a WARC; decompress it first")
    if data.startswith(b"WARC/"):
        return "warc"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(raw.source, "binary", f"binary file ({what}); newsprism reads text, HTML, JSON, CSV, WARC and feeds")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16/32 carry a BOM
        raise InputError(raw.source, "binary", "binary file (contains NUL bytes); newsprism reads text, HTML, JSON, CSV, WARC and feeds")
    text = decode(data[:65536], raw.source, prefix=True).lstrip("\ufeff \t\r\n")
    low = text[:2048].lower()
    from .feed import looks_like_feed

    if looks_like_feed(text):
        return "feed"
    if low.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in low or "<head" in low:
        return "html"
    if (raw.content_type or "").startswith("text/html"):
        return "html"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0].strip()
        try:
            json.loads(first_line)
            return "jsonl"
        except ValueError:
            return "json"
    if raw.source.lower().endswith((".csv", ".tsv")):
        return "csv"
    return "text"


def read(raw: RawInput) -> Iterator[Draft | InputError]:
    """Drafts (or per-record InputErrors) from one input. Raises InputError when the whole input is unreadable."""
    kind = sniff(raw)
    if kind == "text":
        yield read_text(raw)
    elif kind == "html":
        from . import html

        yield from html.read(raw)
    elif kind == "feed":
        from . import feed

        yield from feed.read(raw)
    elif kind == "warc":
        from . import warc

        yield from warc.read(raw)
    else:
        from . import tabular

        reader = {"json": tabular.read_json, "jsonl": tabular.read_jsonl, "csv": tabular.read_csv}[kind]
        yield from reader(raw)


def read_text(raw: RawInput) -> Draft:
    """A plain text or markdown export: the whole file is one article."""
    text = decode(raw.data, raw.source)
    draft = Draft(source=raw.source, reader="text", raw=raw.data, text=text, markup="export")
    if raw.url:
        draft.offer("url", raw.url, "input", 1.0, "fetched from this URL")
    return draft
