"""The HTML report: one self-contained file that shows a corpus and how it was made.

``render_report(articles)`` returns a single HTML page with inline CSS only: no scripts, no web fonts, no
images or stylesheets to fetch, so it opens offline and can be mailed or archived as one file. Expandable
parts use ``<details>``. Every value that came from an article goes through Jinja2 autoescaping; nothing
article-derived is ever marked safe, and only http(s) URLs become clickable.

What the page shows, top to bottom:

    header        counts: documents, outlets, comments, removed blocks, near-duplicates
    corpus        by outlet (documents, date range, words) and by month (bars sized server-side)
    articles      one row each: date (with a badge when the date is inferred), outlet, title, authors,
                  words, comments, duplicate-of
    sections      whatever later stages add (see ``Section``)
    documents     one <details> per article: metadata fields with provenance, body, removed blocks with
                  their reasons (the cleaning audit), reader comments, links, input metadata
    runs, skips   ingest runs and the inputs that were skipped, with the reason

Adding a section
----------------
A later stage (timeline, outlet comparison, figures, ...) renders its own fragment with its own
autoescaping template and passes it in::

    html = env.get_template("timeline.html.j2").render(events=events)   # autoescape on
    render_report(articles, sections=[Section("timeline", "Timeline", html)])

``Section.html`` is inserted as is, so it must come from an autoescaping template, never from string
formatting of article text. ``Section.id`` becomes the element id and the table-of-contents anchor.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .records import Article

UNKNOWN_OUTLET = "(unknown outlet)"
UNDATED = "undated"

# A published date shows a confidence badge when it was inferred, or read with confidence below this.
BADGE_BELOW = 0.7


@dataclass(frozen=True)
class Section:
    """A block of the report added by a later stage: ``html`` is already rendered and escaped."""

    id: str
    title: str
    html: str


def render_report(
    articles: Sequence[Article],
    *,
    title: str = "newsprism report",
    runs: Sequence[Mapping[str, Any]] = (),
    skips: Sequence[Mapping[str, Any]] = (),
    sections: Sequence[Section] = (),
) -> str:
    """Render the corpus as one self-contained HTML page.

    ``runs`` are ingest runs as dicts (any keys; shown as a table), ``skips`` are skipped inputs with
    ``source``, ``reason`` and ``message``; ``sections`` are extra blocks from later stages.
    """
    ordered = sorted(articles, key=_sort_key)
    anchors = _anchors(ordered)
    by_id = {a.id: a for a in ordered}
    docs = [_doc_view(a, anchors, by_id) for a in ordered]
    outlets = _by_outlet(ordered)
    context = {
        "title": title,
        "counts": {
            "documents": len(ordered),
            "outlets": len({a.outlet for a in ordered if a.outlet}),
            "comments": sum(len(a.comments) for a in ordered),
            "removed": sum(len(a.removed) for a in ordered),
            "duplicates": sum(1 for a in ordered if a.duplicate_of),
            "words": sum(a.words for a in ordered),
        },
        "outlets": outlets,
        "months": _by_month(ordered),
        "docs": docs,
        "runs": _table(runs),
        "skips": [
            {
                "source": _text(s.get("source")),
                "reason": _text(s.get("reason")),
                "message": _text(s.get("message")),
            }
            for s in skips
        ],
        "sections": [
            {"id": _anchor_text(s.id) or f"section-{i}", "title": s.title, "html": s.html}
            for i, s in enumerate(sections, 1)
        ],
    }
    return _environment().get_template("report.html.j2").render(**context)


# --- template environment -----------------------------------------------------------------------------

_ENV: jinja2.Environment | None = None


def _environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("newsprism", "templates"),
            autoescape=True,  # always, whatever the template's extension
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # Section fragments were rendered and escaped by their own autoescaping templates.
        _ENV.filters["section_html"] = Markup
    return _ENV


# --- views of the data ----------------------------------------------------------------------------------


def _sort_key(article: Article) -> tuple[Any, ...]:
    return (article.published is None, article.published or "", article.outlet or "", article.title or "")


def _anchor_text(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-")


def _anchors(articles: Sequence[Article]) -> dict[str, str]:
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for i, article in enumerate(articles, 1):
        anchor = "doc-" + (_anchor_text(article.id)[:40] or str(i))
        if anchor in used:
            anchor = f"{anchor}-{i}"
        used.add(anchor)
        anchors.setdefault(article.id, anchor)
    return anchors


def _text(value: Any) -> str:
    """A metadata value as display text (lists joined, dicts as JSON)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _href(url: str | None) -> str | None:
    """The URL if it is safe to make clickable (http or https), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _day(published: str | None) -> str:
    return published[:10] if published else ""


def _month(published: str | None) -> str:
    if published and re.match(r"\d{4}-\d{2}", published):
        return published[:7]
    return UNDATED


def _date_badge(article: Article) -> dict[str, Any] | None:
    if not article.published:
        return None
    confidence = article.published_confidence
    inferred = article.published_source == "inferred"
    if not inferred and (confidence is None or confidence >= BADGE_BELOW):
        return None
    label = "inferred" if inferred else "uncertain"
    return {
        "label": label,
        "confidence": None if confidence is None else f"{confidence:.2f}",
        "source": article.published_source or "",
    }


def _doc_view(article: Article, anchors: Mapping[str, str], by_id: Mapping[str, Article]) -> dict[str, Any]:
    duplicate = None
    if article.duplicate_of:
        original = by_id.get(article.duplicate_of)
        duplicate = {
            "id": article.duplicate_of,
            "anchor": anchors.get(article.duplicate_of),
            "title": (original.title or original.id) if original else article.duplicate_of,
            "similarity": None if article.similarity is None else f"{article.similarity:.2f}",
        }
    return {
        "article": article,
        "anchor": anchors[article.id],
        "day": _day(article.published),
        "badge": _date_badge(article),
        "outlet": article.outlet or UNKNOWN_OUTLET,
        "title": article.title or "(untitled)",
        "authors": ", ".join(article.authors),
        "words": article.words,
        "href": _href(article.url),
        "duplicate": duplicate,
        "paragraphs": [p for p in re.split(r"\n\s*\n", article.body) if p.strip()],
        "fields": [
            {
                "name": name,
                "value": _text(prov.value),
                "source": prov.source,
                "confidence": f"{prov.confidence:.2f}" if prov.confidence is not None else "",
                "evidence": prov.evidence,
            }
            for name, prov in sorted(article.fields.items())
        ],
        "metadata": [(key, _text(value)) for key, value in sorted(article.metadata.items())],
        "comments": [
            {
                "position": c.position,
                "author": c.author or "(anonymous)",
                "posted": c.posted or c.raw_posted or "",
                "title": c.title or "",
                "text": c.text,
            }
            for c in article.comments
        ],
        "removed": article.removed,
        "removed_reasons": sorted(Counter(r.reason for r in article.removed).items()),
        "links": [
            {
                "text": link.text,
                "url": link.url,
                "href": _href(link.url),
                "start": link.start,
                "end": link.end,
            }
            for link in article.links
        ],
    }


def _by_outlet(articles: Iterable[Article]) -> list[dict[str, Any]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.outlet or UNKNOWN_OUTLET].append(article)
    rows = []
    for outlet, group in groups.items():
        days = sorted(_day(a.published) for a in group if a.published)
        rows.append(
            {
                "outlet": outlet,
                "documents": len(group),
                "first": days[0] if days else "",
                "last": days[-1] if days else "",
                "undated": sum(1 for a in group if not a.published),
                "words": sum(a.words for a in group),
            }
        )
    rows.sort(key=lambda r: (-r["documents"], r["outlet"] == UNKNOWN_OUTLET, r["outlet"].lower()))
    return rows


def _by_month(articles: Iterable[Article]) -> list[dict[str, Any]]:
    counts = Counter(_month(a.published) for a in articles)
    if not counts:
        return []
    top = max(counts.values())
    months = sorted(m for m in counts if m != UNDATED)
    if UNDATED in counts:
        months.append(UNDATED)
    return [{"month": m, "documents": counts[m], "width": round(100 * counts[m] / top, 1)} for m in months]


def _table(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Dicts with any keys as a table: columns in order of first appearance."""
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return {"columns": columns, "rows": [[_text(row.get(c)) for c in columns] for row in rows]}


__all__ = ["Section", "render_report"]
