"""Reader comment threads appended after an article: found, split into Comment records, kept out of the body.

Formats live in lexicons/comments.yaml. A thread starts at the first comment header that is confirmed by its
byline (or at a section opener such as "12 Comments"); every line from there on belongs to the thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import lexicons
from ..records import Comment, Removed
from .dates import parse_datetime


@dataclass
class Thread:
    start: int  # index of the first line of the thread
    comments: list[Comment] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def _formats() -> list[dict]:
    out = []
    for fmt in lexicons.load("comments")["formats"]:
        header = lexicons.compiled((fmt["header"],))[0]
        byline = lexicons.compiled((fmt["byline"],))[0]
        out.append({"name": fmt["name"], "header": header, "byline": byline})
    return out


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return j
    return None


def _header_at(lines: list[str], i: int, formats: list[dict]) -> tuple[dict, dict, int] | None:
    """(format, header+byline fields, index of the byline line) when a confirmed comment header starts at i."""
    line = lines[i].strip()
    for fmt in formats:
        m = fmt["header"].match(line)
        if not m:
            continue
        j = _next_nonblank(lines, i)
        if j is None:
            continue
        b = fmt["byline"].match(lines[j].strip())
        if b:
            values = {k: v for k, v in {**m.groupdict(), **b.groupdict()}.items() if v is not None}
            return fmt, values, j
    return None


def find_thread(lines: list[str], start: int = 0) -> Thread | None:
    """Find an appended comment thread in ``lines`` (searching from ``start``)."""
    formats = _formats()
    lex = lexicons.load("comments")
    openers = lexicons.compiled(tuple(lex["section_openers"]))
    noise = lexicons.compiled(tuple(lex["noise"]))
    thread: Thread | None = None
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if _header_at(lines, i, formats):
            thread = Thread(start=i)
            break
        if any(rx.match(line) for rx in openers):
            thread = Thread(start=i)
            thread.removed.append(Removed(line, "comment-section", "comment section heading"))
            break
    if thread is None:
        return None
    current: dict | None = None
    body: list[str] = []
    skip_until = -1

    def flush() -> None:
        if current is None:
            return
        text = "\n".join(body).strip()
        raw_posted = current.get("posted")
        thread.comments.append(
            Comment(
                position=len(thread.comments) + 1,
                text=text,
                author=(current.get("author") or "").strip() or None,
                posted=parse_datetime(raw_posted) if raw_posted else None,
                title=(current.get("title") or "").strip() or None,
                raw_posted=raw_posted,
            )
        )

    for i in range(thread.start, len(lines)):
        if i <= skip_until:
            continue
        line = lines[i].strip()
        found = _header_at(lines, i, formats) if line else None
        if found:
            flush()
            _, current, skip_until = found
            body = []
            continue
        if not line:
            if body and body[-1] != "":
                body.append("")
            continue
        if any(rx.match(line) for rx in noise):
            thread.removed.append(Removed(line, "comment-widget", "widget text inside the comment thread"))
            continue
        if current is None:
            if line not in {r.text for r in thread.removed}:
                thread.removed.append(Removed(line, "comment-section", "text before the first comment"))
            continue
        body.append(line)
    flush()
    return thread
