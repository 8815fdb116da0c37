"""Strip markdown markup from one line, keeping the text and remembering where each link's text landed.

Handles backslash escapes (``\\$40`` -> ``$40``), emphasis (``**bold**``, ``*it*``, ``__b__``, ``_i_``),
inline links ``[text](url "title")``, images ``![alt](url)`` (cut, reported separately) and autolinks
``<https://...>``. Unpaired markers are left as they are: we only remove what is clearly markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPABLE = set("\\`*_{}[]()#+-.!$<>|~\"'")
_EMPHASIS = re.compile(r"(?<![\w*_])(\*\*\*|\*\*|\*|___|__|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*_])")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HEADING = re.compile(r"^#{1,6}\s+")
_MASK = "\x00"


@dataclass
class Stripped:
    text: str
    links: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, text, url) in text
    images: list[tuple[str, str]] = field(default_factory=list)  # (alt, url)


def strip_line(line: str) -> Stripped:
    """Return the line without markdown markup."""
    line = _HEADING.sub("", line)
    n = len(line)
    delete = [False] * n
    # 1. escapes: the backslash goes, the escaped character is protected from being read as markup
    masked = list(line)
    i = 0
    while i < n - 1:
        if line[i] == "\\" and line[i + 1] in _ESCAPABLE:
            delete[i] = True
            masked[i] = masked[i + 1] = _MASK
            i += 2
        else:
            i += 1
    mline = "".join(masked)
    images: list[tuple[str, str]] = []
    links: list[tuple[int, int, str]] = []  # (input start, input end, url) of link text
    # 2. images are cut whole; links keep their text
    for m in _IMAGE.finditer(mline):
        images.append((line[m.start(1) : m.end(1)], m.group(2)))
        for k in range(m.start(), m.end()):
            delete[k] = True
    for m in _LINK.finditer(mline):
        if delete[m.start()]:
            continue
        for k in list(range(m.start(), m.start(1))) + list(range(m.end(1), m.end())):
            delete[k] = True
        links.append((m.start(1), m.end(1), m.group(2)))
    for m in _AUTOLINK.finditer(mline):
        delete[m.start()] = delete[m.end() - 1] = True
        links.append((m.start(1), m.end(1), m.group(1)))
    # 3. emphasis markers, paired on the same line
    for m in _EMPHASIS.finditer(mline):
        marker = len(m.group(1))
        if m.group(1).startswith("_") and not _word_edges(mline, m.start(), m.end()):
            continue
        for k in list(range(m.start(), m.start() + marker)) + list(range(m.end() - marker, m.end())):
            delete[k] = True
    # 4. build the output and map link spans
    out: list[str] = []
    position = [0] * (n + 1)
    for k, ch in enumerate(line):
        position[k] = len(out)
        if not delete[k]:
            out.append(ch)
    position[n] = len(out)
    text = "".join(out)
    spans = []
    for start, end, url in sorted(links):
        s, e = position[start], position[end]
        if e > s:
            spans.append((s, e, text[s:e], url))
    return Stripped(text, spans, images)


def _word_edges(s: str, start: int, end: int) -> bool:
    before = s[start - 1] if start > 0 else " "
    after = s[end] if end < len(s) else " "
    return not before.isalnum() and not after.isalnum()
