"""The header of a text or markdown export: title, byline, date and source lines above the body.

Reads lines from the top until the first line that is none of these, offers what it finds to the Draft with
its provenance, and reports which lines it consumed so that the cleaner can cut them (with the reason) from
the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicons
from .dates import parse_date_line
from .draft import Draft
from .markdown import strip_line

MAX_HEADER_LINES = 12
_BOLD_LINE = re.compile(r"^\*\*(?P<v>[^*]*)\*\*$|^__(?P<u>[^_]*)__$")
_TITLE_HEADING = re.compile(r"^#{1,3}\s+\S")
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$|^[A-Z]\.$")


@dataclass(frozen=True)
class HeaderLine:
    index: int  # line index in the text
    kind: str  # title, byline, dateline, metadata
    detail: str


def _looks_like_names(text: str) -> list[str] | None:
    """Split a byline into names, or None when it does not look like one."""
    lex = lexicons.load("header")
    text = re.sub(r"^by\s+", "", text.strip(), flags=re.IGNORECASE).strip(" ,;|")
    if not text or len(text) > 120 or re.search(r"[.!?:]$", text) and not text.endswith("."):
        return None
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", text) if p.strip()]
    names = []
    for part in parts:
        words = part.split()
        if not 2 <= len(words) <= 5:
            return None
        for w in words:
            low = w.lower().strip(".,")
            if low in lex["not_name_words"]:
                return None
            if low in lex["name_particles"]:
                continue
            if not _NAME_TOKEN.match(w):
                return None
        names.append(part)
    return names or None


def _value(patterns: list[str], line: str) -> str | None:
    for rx in lexicons.compiled(tuple(patterns)):
        m = rx.match(line)
        if m:
            return m.group("v")
    return None


def read_header(lines: list[str], draft: Draft) -> list[HeaderLine]:
    """Read the header lines of an export, offering fields to ``draft``; return the consumed lines."""
    lex = lexicons.load("header")
    consumed: list[HeaderLine] = []
    seen = 0
    have_title = False
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > MAX_HEADER_LINES:
            break
        # a title comes first, or after date and metadata lines only
        may_be_title = not have_title and all(h.kind in {"dateline", "metadata"} for h in consumed)
        kind = _classify(line, lex, draft, index, first=may_be_title)
        if kind is None:
            break
        if kind == "title":
            have_title = True
        consumed.append(HeaderLine(index, kind, line[:200]))
    return consumed


def _classify(line: str, lex: dict, draft: Draft, index: int, first: bool) -> str | None:
    evidence = line[:200]
    # labelled metadata lines
    value = _value(lex["published"], line)
    if value is not None:
        iso = parse_date_line(strip_line(value).text)
        if iso:
            draft.offer("published", iso, "metadata line", 0.95, evidence)
            return "metadata"
    value = _value(lex["authors"], line)
    if value is not None and line.lower().split(":")[0].strip() in {"author", "authors", "by", "written by", "byline"}:
        stripped = strip_line(value).text.strip(" *_")
        if not stripped:
            # an explicit but empty author line: record that the export names no author
            draft.fields.setdefault("authors", _none_stated(evidence))
            return "metadata"
        names = _looks_like_names(stripped)
        if names:
            draft.offer("authors", names, "metadata line", 0.9, evidence)
            return "metadata"
    value = _value(lex["original"], line)
    if value is not None:
        stripped = strip_line(value)
        if stripped.links:
            _, _, text, url = stripped.links[0]
            draft.offer("url", url, "metadata line", 0.9, evidence)
            draft.offer("outlet_hint", text, "metadata line", 0.85, evidence)
            return "metadata"
        if re.match(r"https?://\S+$", value.strip()):
            draft.offer("url", value.strip(), "metadata line", 0.9, evidence)
            return "metadata"
    # a bare date line (never a title, even on the first line)
    text = strip_line(line).text.strip()
    iso = parse_date_line(text)
    if iso:
        draft.offer("published", iso, "dateline", 0.9, evidence)
        return "dateline"
    # a title: "# Title", or the first line when it is short enough to be one
    if first:
        if _TITLE_HEADING.match(line) or (len(text.split()) <= 30 and not _is_paragraph(text)):
            draft.offer("title", text, "title line", 0.9 if _TITLE_HEADING.match(line) else 0.75, evidence)
            return "title"
        return None
    # a byline: "**Name**", "By Name", or a bare line of capitalised names
    bold = _BOLD_LINE.match(line)
    if bold or re.match(r"^by\s+[A-Z]", text):
        names = _looks_like_names(text)
        if names:
            draft.offer("authors", names, "byline", 0.85, evidence)
            return "byline"
    names = _looks_like_names(text)
    if names and "authors" not in draft.fields:
        draft.offer("authors", names, "byline", 0.6, evidence)
        return "byline"
    return None


def _is_paragraph(text: str) -> bool:
    """A first line that is a sentence of running text rather than a headline."""
    words = text.split()
    return len(words) > 18 and text.rstrip().endswith((".", "”", '"')) and text.count(". ") >= 1


def _none_stated(evidence: str):
    from ..records import Provenance

    return Provenance([], "metadata line", 0.9, evidence)
