"""The contract between readers and the cleaning pipeline.

A reader turns one input (a file, a URL, standard input) into ``Draft`` objects, one per article it holds,
or raises/yields ``InputError`` for what it cannot read. A Draft is the article before cleaning: the text
still carries markup, boilerplate and appended comments; metadata values are candidates with provenance.

    RawInput ──reader──► Draft ──clean/meta/dedup──► Article
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..records import Comment, Provenance, Removed


@dataclass(frozen=True)
class RawInput:
    """The bytes of one input and where they came from."""

    source: str  # a path, a URL, or "<stdin>"
    data: bytes
    content_type: str | None = None  # from HTTP headers when fetched
    url: str | None = None  # the URL it was fetched from, if any


@dataclass
class Draft:
    """One article as a reader found it, before cleaning."""

    source: str  # path or URL; inside a container with a fragment: "dump.jsonl#line=3", "a.warc.gz#record=7"
    reader: str  # "text", "html", "jsonl", "csv", "warc", "feed"
    raw: bytes  # the exact bytes this article came from (the file, the JSON line, the WARC payload)
    text: str  # the text to clean
    # "export": a text or markdown export: title/byline/date header lines, markdown markup, footers and
    #           appended comment threads may all still be in it.
    # "body":   text that is already the article body (a JSON/CSV field, text extracted from HTML by
    #           trafilatura; paragraphs separated by blank lines): no header lines are read, but boilerplate
    #           patterns, comment threads and paragraph joining still apply.
    markup: str = "export"
    fields: dict[str, Provenance] = field(default_factory=dict)  # title, authors, published, outlet, url, language
    comments: list[Comment] = field(default_factory=list)  # comments the reader already separated (HTML)
    removed: list[Removed] = field(default_factory=list)  # blocks the reader already cut
    metadata: dict[str, Any] = field(default_factory=dict)  # extra input fields, kept as given

    def offer(self, name: str, value: Any, source: str, confidence: float, evidence: str = "") -> None:
        """Record a candidate value for a field, keeping the most confident one."""
        if value in (None, "", [], ()):
            return
        current = self.fields.get(name)
        if current is None or confidence > current.confidence:
            self.fields[name] = Provenance(value, source, confidence, evidence[:300])

    @property
    def raw_sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()
