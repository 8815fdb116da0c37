"""Quotation marks: where each quotation starts and ends, without a parser.

    find(text) -> list[Quotation]

A quotation runs from an opening mark to its closing mark. Rules, in the order they apply:

- curly (“ ”), straight (") and guillemet marks, and two apostrophes ('') as a straight double mark; a straight mark opens when nothing is open and closes
  otherwise; while a double quotation is open, single marks are part of it (a quote inside a quote);
- a paragraph (a line) that ends with the quotation still open continues into the next paragraph when that
  one opens with a mark (the newspaper convention for quotes running over several paragraphs): one
  quotation, whose inner span holds the paragraphs between;
- otherwise an unclosed quotation ends at its paragraph's end (mismatched marks: "is there ...?').

Single marks (‘ ’) at the top level are read only with ``singles=True`` (reader comments with no double
marks), and then only where the opening mark follows a space or line start and the closing one precedes
a space, punctuation or line end, so apostrophes ("don't", "Mexicans'") are not taken for marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = '“"„«'
CLOSE_DOUBLE = '”"“»'
_TRAIL = ",;: \n\t"
# every character the scan below acts on; the others it steps over, so it jumps from one of these to the next
_STOPS = re.compile("[" + re.escape("'\n" + OPEN_DOUBLE + CLOSE_DOUBLE) + "]")


@dataclass(frozen=True)
class Quotation:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when unclosed)
    inner_start: int
    inner_end: int  # inner text without the marks and without a trailing comma
    paragraphs: int = 1
    closed: bool = True

    def words(self, text: str) -> int:
        return len(text[self.inner_start : self.inner_end].split())


def _inner(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in _TRAIL:
        b -= 1
    return a, b


def _next_line_opens(text: str, pos: int) -> int | None:
    """The offset of the mark opening the next non-empty line after ``pos`` (a newline), if it opens with one."""
    n = len(text)
    while pos < n and text[pos] in "\n \t\r":
        pos += 1
    if pos < n and text[pos] in OPEN_DOUBLE:
        return pos
    return None


def find(text: str, singles: bool = False) -> list[Quotation]:
    out: list[Quotation] = []
    n = len(text)
    i = 0
    start = -1  # opening mark of the open quotation
    paragraphs = 1
    stops = _STOPS
    while i < n:
        found = stops.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "'" and text.startswith("''", i):  # two apostrophes for a double mark (older wire style)
            if start < 0 and (i == 0 or not text[i - 1].isalnum()):
                start, paragraphs = i, 1
                i += 2
                continue
            if start >= 0 and text[start] == "'":
                a, b = _inner(text, start + 2, i)
                out.append(Quotation(start, i + 2, a, b, paragraphs))
                start = -1
                i += 2
                continue
        if start < 0:
            if ch in OPEN_DOUBLE and ch != "»" and _opens(text, i):
                start, paragraphs = i, 1
        elif ch in CLOSE_DOUBLE and ch != "«" and not (ch == "“" and text[start] == "„"):
            if ch == "“" and text[start] == "“":
                i += 1  # a second opening curly mark: mismatched, keep looking for the close
                continue
            a, b = _inner(text, start + 1, i)
            out.append(Quotation(start, i + 1, a, b, paragraphs))
            start = -1
        elif ch == "\n":
            cont = _next_line_opens(text, i)
            if cont is not None:
                paragraphs += 1
                i = cont + 1
                continue
            a, b = _inner(text, start + (2 if text[start] == "'" else 1), i)
            if b > a:
                out.append(Quotation(start, i, a, b, paragraphs, closed=False))
            start = -1
        i += 1
    if start >= 0:
        a, b = _inner(text, start + (2 if text[start] == "'" else 1), n)
        if b > a:
            out.append(Quotation(start, n, a, b, paragraphs, closed=False))
    if singles:
        out.extend(_singles(text, out))
        out.sort(key=lambda q: q.start)
    return [q for q in out if q.inner_end > q.inner_start]


def _opens(text: str, i: int) -> bool:
    """A straight mark opens a quotation only where a word can start (not inch marks: 5'10")."""
    if text[i] != '"':
        return True
    before = text[i - 1] if i else " "
    return not before.isdigit()


_SINGLE = re.compile(
    r"(?:^|(?<=[\s(\[]))[‘'](?=\w)([^‘’'\n]{1,400}?)(?<=[\w.,!?])[’'](?=[\s.,;:!?)\]]|$)", re.MULTILINE
)


def _singles(text: str, doubles: list[Quotation]) -> list[Quotation]:
    out = []
    for m in _SINGLE.finditer(text):
        if any(q.start <= m.start() < q.end for q in doubles):
            continue
        a, b = _inner(text, m.start(1), m.end(1))
        out.append(Quotation(m.start(), m.end(), a, b))
    return out
