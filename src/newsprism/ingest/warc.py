"""WARC archives (plain or gzipped): each successful HTML response becomes one Draft.

    a.warc.gz ──warcio──► HTTP 200 HTML responses ──► draft_from_html ──► Draft("a.warc.gz#record=N")

N counts every record of the archive from 1 (the warcinfo record included), so it names the record a WARC
tool shows at that position. The record's WARC-Date is when the page was crawled, not when it was
published: it is kept as ``Draft.metadata["crawled"]`` and never offered as the publication date.

A damaged or cut archive yields the Drafts read before the damage, then one InputError("truncated").
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from .draft import Draft, RawInput
from .html import charset_from_content_type, decode_html, draft_from_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 20
# What warcio raises on a damaged archive: ArchiveLoadFailed for a bad record header, zlib and EOF errors
# inside gzip members, and value/attribute/index errors from records cut inside their headers.
_DAMAGE = (
    ArchiveLoadFailed,
    ValueError,
    EOFError,
    OSError,
    zlib.error,
    AttributeError,
    IndexError,
    KeyError,
    TypeError,
)


def read(raw: RawInput) -> Iterator[Draft | InputError]:
    """Drafts of the HTML pages in a WARC; per-record InputErrors for pages without text."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(io.BytesIO(raw.data))
    number = html_records = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except _DAMAGE:
            yield _damaged(raw, number)
            return
        number += 1
        source = f"{raw.source}#record={number}"
        try:
            payload = _html_payload(record)
            intact = _drained(record)
        except _DAMAGE:  # a record cut inside its payload or its chunked/compressed encoding
            yield _damaged(raw, number - 1)
            return
        if not intact:
            yield _damaged(raw, number - 1)
            return
        if payload is None:
            continue
        html_records += 1
        yield _draft(record, payload, source)
    # warcio ends quietly when the archive stops inside a record's headers or inside a gzip member
    # (an uncompressed archive also ends with the blank lines that close its last record)
    stopped_early = getattr(records, "offset", len(raw.data)) < len(raw.data)
    if raw.data[:2] == b"\x1f\x8b":
        stopped_early = stopped_early or not _gzip_intact(raw.data)
    else:
        stopped_early = stopped_early or not raw.data.endswith((b"\r\n\r\n", b"\n\n"))
    if stopped_early:
        yield _damaged(raw, number)
        return
    if not html_records:
        raise InputError(
            raw.source,
            "no-text",
            f"the archive has no HTML responses with status 200 ({number} records read)",
        )


def _html_payload(record: Any) -> bytes | None:
    """The body of an HTTP 200 HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        return None
    payload = record.content_stream().read()
    if not content_type and not _looks_like_html(payload):
        return None
    return payload


def _drained(record: Any) -> bool:
    """Read what is left of the record; False when the archive ends before the record does."""
    if record.length is None:
        return False
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) <= 0


def _draft(record: Any, payload: bytes, source: str) -> Draft | InputError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    charset = charset_from_content_type(record.http_headers.get_header("Content-Type"))
    try:
        text = decode_html(payload, source, charset)
        draft = draft_from_html(text, source=source, raw=payload, url=url, reader="warc")
    except InputError as exc:
        return exc
    crawled = record.rec_headers.get_header("WARC-Date")
    if crawled:
        draft.metadata["crawled"] = crawled
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        draft.metadata["warc_record_id"] = record_id
    return draft


def _looks_like_html(payload: bytes) -> bool:
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _damaged(raw: RawInput, complete: int) -> InputError:
    """One plain line saying where the archive stops being readable (the WARC reader's own exception, such
    as an AttributeError from a record cut mid-header, would say nothing to a user)."""
    message = f"the archive is cut short or damaged after record {complete}; the records before it were read"
    return InputError(raw.source, "truncated", message)


def _gzip_intact(data: bytes) -> bool:
    """True when every gzip member of ``data`` is complete (warcio stops silently at a cut member)."""
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        if bytes(view[offset : offset + 2]) != b"\x1f\x8b":
            return not bytes(view[offset:]).strip(b"\x00 \r\n")  # padding after the last member is harmless
        inflater = zlib.decompressobj(wbits=31)
        position = offset
        try:
            while not inflater.eof and position < len(data):
                chunk = view[position : position + _CHUNK]
                position += len(chunk)
                inflater.decompress(chunk, _CHUNK)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        except zlib.error:
            return False
        if not inflater.eof:
            return False
        offset = position - len(inflater.unused_data)
    return True


__all__ = ["HTML_TYPES", "read"]
