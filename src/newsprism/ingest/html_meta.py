"""What trafilatura leaves flat, read from the page's structure: reader comments as records with their author
and time, and the full publication datetime when the page's meta tags give one.

Comment markup differs from site to site, but nearly every comment system marks its items with a class or id
containing "comment" (or "reply"), the author with "author", "name" or "user", and the time with <time> or a
"date"/"time" class. Those cues live in lexicons/html_reader.yaml under `comment_markup`.
"""

from __future__ import annotations

import re
from typing import Any

from .. import lexicons
from ..records import Comment
from .dates import parse_datetime

_SPACE = re.compile(r"\s+")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
)


def _cues() -> dict[str, re.Pattern[str]]:
    lex = lexicons.load("html_reader").get("comment_markup", {})
    return {key: re.compile(lex[key], re.IGNORECASE) for key in ("item", "author", "time", "text", "exclude")}


def _marks(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemtype') or ''}"


def _text(el: Any) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _descendants(el: Any) -> list[Any]:
    """The element children below ``el`` (comments and processing instructions left out)."""
    return [d for d in el.iterdescendants() if isinstance(d.tag, str)]


def _first(elements: list[Any], test) -> Any:
    return next((d for d in elements if test(d)), None)


def structured_comments(tree: Any) -> list[Comment]:
    """Comments with author and time, from elements marked as comments; [] when the page has none."""
    cues = _cues()

    def is_item(el: Any) -> bool:
        marks = _marks(el)
        return bool(cues["item"].search(marks)) and not cues["exclude"].search(marks)

    def is_author(el: Any) -> bool:
        return bool(cues["author"].search(_marks(el)))

    def is_time(el: Any) -> bool:
        return el.tag == "time" or bool(cues["time"].search(_marks(el)))

    items = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in {"html", "body", "article", "main", "section", "form"}:
            continue
        if not is_item(el):
            continue
        below = _descendants(el)
        # an item holds an author or a time element of its own, and no other item with an author inside it
        if not any(is_author(d) or d.tag == "time" for d in below):
            continue
        if any(is_item(d) and _first(_descendants(d), is_author) is not None for d in below):
            continue
        items.append((el, below))
    comments: list[Comment] = []
    for el, below in items:
        author_el = _first(below, is_author)
        time_el = _first(below, is_time)
        text_el = _first(below, lambda d: bool(cues["text"].search(_marks(d))))
        if text_el is not None:
            text = "\n\n".join(_text(p) for p in text_el.iter("p")) or _text(text_el)
        else:
            skip = {id(author_el), id(time_el)}
            text = "\n\n".join(_text(p) for p in el.iter("p") if id(p) not in skip)
        if not text:
            continue
        raw_time = (time_el.get("datetime") or _text(time_el)) if time_el is not None else None
        author = _text(author_el).strip(" ·:|") or None if author_el is not None else None
        comments.append(
            Comment(
                position=len(comments) + 1,
                text=text,
                author=author,
                posted=parse_datetime(raw_time) if raw_time else None,
                raw_posted=raw_time,
            )
        )
    return comments


def published_datetime(tree: Any, date: str) -> str | None:
    """The full datetime from a date meta tag, when its day agrees with ``date`` (the date htmldate chose)."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META:
            value = parse_datetime(meta.get("content") or "")
            if value and value[:10] == date[:10] and len(value) > 10:
                return value
    for time_el in tree.iter("time"):
        value = parse_datetime(time_el.get("datetime") or "")
        if value and value[:10] == date[:10] and len(value) > 10 and "pubdate" in (time_el.get("itemprop", "") + str(time_el.get("pubdate", "")) + (time_el.get("class") or "")).lower():
            return value
    return None
