"""RSS and Atom feeds: each entry becomes one Draft.

    feed.xml ──feedparser──► entry content (or summary) ──HTML──► draft_from_html(reader="feed")
                                                       └─text──► Draft(markup="body")

The entry's own fields are offered with source "feed": title, authors, published, url (its link); the feed's
title is offered as the outlet with a lower confidence (aggregators and planets carry other outlets' stories).
The entry id and tags are kept in ``Draft.metadata``. Draft.source is "feed.xml#entry=N" (N from 1); its raw
bytes are the entry's fields as canonical JSON, since feedparser does not give the entry's exact bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from .dates import iso_from_any
from .draft import Draft, RawInput
from .html import draft_from_html, split_authors, text_blocks

ENTRY_CONFIDENCE = 0.9
OUTLET_CONFIDENCE = 0.6
HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")

_SNIFF = (
    re.compile(r"<rss[\s>]", re.IGNORECASE),
    re.compile(r"<rdf:RDF[\s>]", re.IGNORECASE),
    re.compile(r"<feed[^>]*\bxmlns(?::\w+)?\s*=\s*[\"'][^\"']*(?:/Atom|purl\.org/atom)", re.IGNORECASE),
)
_TAG = re.compile(r"<[A-Za-z!/][^>]*>")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def looks_like_feed(text: str) -> bool:
    """A cheap sniff of the start of a document: an RSS, RDF (RSS 1.0) or Atom root element."""
    head = text[:4096]
    return any(pattern.search(head) for pattern in _SNIFF)


def read(raw: RawInput) -> Iterator[Draft | InputError]:
    """One Draft per feed entry; an entry without any text is yielded as InputError("no-text")."""
    import feedparser

    headers = {"content-type": raw.content_type} if raw.content_type else None
    parsed = feedparser.parse(io.BytesIO(raw.data), response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            raise InputError(raw.source, "malformed", f"not a readable RSS or Atom feed ({problem})")
        raise InputError(raw.source, "empty-feed", "the feed has no entries")
    channel = parsed.get("feed", {})
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry_draft(entry, channel, f"{raw.source}#entry={number}", number)


def _entry_draft(entry: Any, channel: Any, source: str, number: int) -> Draft | InputError:
    value, kind = _entry_text(entry)
    link = entry.get("link") or None
    raw = _entry_raw(entry, value)
    if not value or not value.strip():
        return InputError(source, "no-text", f"entry {number} has neither content nor a summary")
    if _is_html(value, kind):
        try:
            draft = draft_from_html(value, source=source, raw=raw, url=link, reader="feed")
        except InputError:
            draft = _fragment_draft(value, source, raw)
            if draft is None:
                return InputError(source, "no-text", f"entry {number} has no text in its content or summary")
        draft.fields.clear()  # a fragment has no page metadata; the entry's own fields stand instead
        draft.metadata.clear()
    else:
        draft = Draft(source=source, reader="feed", raw=raw, text=value.strip(), markup="body")
    _offer_entry_fields(draft, entry, channel)
    return draft


def _entry_text(entry: Any) -> tuple[str | None, str]:
    """The entry's fullest text and its type: the first non-empty content, else the summary."""
    for content in entry.get("content") or []:
        if (content.get("value") or "").strip():
            return content["value"], (content.get("type") or "").lower()
    summary = entry.get("summary")
    if summary:
        return summary, ((entry.get("summary_detail") or {}).get("type") or "").lower()
    return None, ""


def _is_html(value: str, kind: str) -> bool:
    # feedparser labels most RSS text "text/html"; only treat it as HTML when it has markup
    return (kind in HTML_TYPES or not kind) and bool(_TAG.search(value))


def _fragment_draft(value: str, source: str, raw: bytes) -> Draft | None:
    """An HTML fragment too small for trafilatura, read block by block."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except (ParserError, ValueError):
        return None
    text = "\n\n".join(block for _, block in text_blocks(root))
    if not text.strip():
        return None
    return Draft(source=source, reader="feed", raw=raw, text=text, markup="body")


def _offer_entry_fields(draft: Draft, entry: Any, channel: Any) -> None:
    title = " ".join((entry.get("title") or "").split())
    draft.offer("title", title, "feed", ENTRY_CONFIDENCE, "entry title")

    names = split_authors([a.get("name") for a in entry.get("authors") or [] if a.get("name")])
    raw_author = entry.get("author") or ""
    if "@" in raw_author or not names:
        # an "email (Name)" string is read by us: feedparser's own split of it can cut the name wrongly
        names = split_authors(raw_author) or names
    draft.offer("authors", names, "feed", ENTRY_CONFIDENCE, "entry author")

    for key, confidence in (("published", ENTRY_CONFIDENCE), ("created", ENTRY_CONFIDENCE), ("updated", 0.6)):
        iso = _entry_date(entry, key)
        if iso:
            draft.offer("published", iso, "feed", confidence, f"entry {key}: {_get(entry, key)}")
            break

    draft.offer("url", entry.get("link"), "feed", ENTRY_CONFIDENCE, "entry link")
    outlet = " ".join((channel.get("title") or "").split())
    draft.offer("outlet", outlet, "feed", OUTLET_CONFIDENCE, "the feed's title")
    language = (entry.get("title_detail") or {}).get("language") or channel.get("language")
    match = _LANG.match((language or "").strip())
    if match:
        draft.offer("language", match.group(1).lower(), "feed", 0.7, f"feed language: {language}")

    if entry.get("id"):
        draft.metadata["id"] = entry["id"]
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    if tags:
        draft.metadata["tags"] = tags


def _get(entry: Any, key: str) -> Any:
    # plain dict access: feedparser's own get() answers "updated" with the published date (and warns)
    return dict.get(entry, key)


def _entry_date(entry: Any, key: str) -> str | None:
    """ISO 8601 for an entry date: as written (keeping its offset), else feedparser's UTC reading."""
    written = _get(entry, key)
    if written:
        try:
            iso = iso_from_any(written)
        except (ValueError, OverflowError):
            iso = None
        if iso:
            return iso
    parsed = _get(entry, f"{key}_parsed")
    if parsed:
        return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return None


def _entry_raw(entry: Any, text: str | None) -> bytes:
    fields = {key: _get(entry, key) for key in ("id", "link", "title", "author", "published", "updated")}
    fields["text"] = text
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


__all__ = ["looks_like_feed", "read"]
