"""Cleaning a Draft's text into paragraphs of article body, with nothing lost.

    normalise ─► header lines (exports) ─► comment thread ─► markdown ─► boilerplate rules ─► captions,
    site chrome, footer links ─► join broken paragraphs ─► Cleaned

Every line that does not reach the body becomes a ``Removed`` block with its reason; comment threads become
``Comment`` records; joined paragraph breaks are recorded too, so a user can audit every change. Only white
space and a few typographic variants are normalised; words are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicons
from ..records import Comment, Link, Removed
from .comments import find_thread
from .draft import Draft
from .header import read_header
from .markdown import strip_line

# Invisible characters and C0 controls are dropped; a form feed (a page break) becomes a paragraph break.
_ZERO_WIDTH = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\x7f"), None),
    **{c: None for c in range(32) if chr(c) not in "\n\t\r\x0c"},
    0x0C: "\n\n",
}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_QUOTES = {"``": "“", "''": "”", "\u201f": "“", "\u201b": "‘", "\uff02": '"', "\uff07": "'"}
_BULLET = re.compile(r"^[•·▪●◦‣*–-]\s+")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Paragraph:
    text: str
    links: list[tuple[int, int, str, str]] = field(default_factory=list)  # offsets within text


@dataclass
class Cleaned:
    paragraphs: list[Paragraph]
    removed: list[Removed]
    comments: list[Comment]
    captions: list[str] = field(default_factory=list)
    footer_links: list[str] = field(default_factory=list)  # URLs of links cut from footers
    normalised: int = 0  # characters changed by normalisation (spaces, quotes, invisible characters)

    def assemble(self) -> tuple[str, list[Link]]:
        """The body (paragraphs separated by blank lines) and its links with body offsets."""
        parts: list[str] = []
        links: list[Link] = []
        offset = 0
        for p in self.paragraphs:
            if parts:
                offset += 2
            for start, end, text, url in p.links:
                links.append(Link(offset + start, offset + end, text, url))
            parts.append(p.text)
            offset += len(p.text)
        return "\n\n".join(parts), links


def normalise(text: str) -> tuple[str, int]:
    """Unify line ends, spaces and quote variants; return the text and how many characters changed."""
    before = len(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH)
    changed = before - len(text)
    for variant, quote in _QUOTES.items():
        changed += text.count(variant)
        text = text.replace(variant, quote)
    lines = []
    for line in text.split("\n"):
        new = _SPACES.sub(" ", line).strip()
        changed += len(line) != len(new) and abs(len(line) - len(new))
        lines.append(new)
    return "\n".join(lines), int(changed)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    lex = lexicons.load("boilerplate")
    return tuple((r["reason"], lexicons.compiled(tuple(r["patterns"]))) for r in lex["rules"])


def _classify(text: str, rules) -> tuple[str, str] | None:
    probe = _BULLET.sub("", text).strip()
    quick = _quick_test(rules) if rules is _rules() else None  # the lexicon's rules: their quick test is kept
    if quick is not None:
        anchored, others = quick
        if not anchored.match(probe):  # no rule anchored at the line start can match: try only the others
            folded = lexicons.fold_for_search(probe)
            for reason, rx, need in others:
                if (need is None or need in folded) and rx.search(probe):
                    return reason, rx.pattern
            return None
    for reason, patterns in rules:
        for rx in patterns:
            if rx.search(probe):
                return reason, rx.pattern
    return None


@lru_cache(maxsize=4)
def _quick_test(rules) -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str], str | None]]] | None:
    """The rules' patterns that start with ``^`` joined into one pattern tried at the line start (where they
    all are tried), and the other patterns in their order with the text each needs
    (``lexicons.required_text``); None when the patterns cannot be joined (a pattern's own flags or names)."""
    import re._parser as sre

    anchored, others = [], []
    for reason, patterns in rules:
        for rx in patterns:
            if rx.flags != re.compile("", re.IGNORECASE).flags or re.search(r"\\\d|\(\?P=", rx.pattern):
                return None  # flags of its own or a back reference: joined, it would mean something else
            items = list(sre.parse(rx.pattern, rx.flags))
            if items and items[0] == (sre.AT, sre.AT_BEGINNING) and not rx.groupindex:
                anchored.append(rx.pattern)
            else:
                others.append((reason, rx, lexicons.required_text(rx)))
    try:
        joined = re.compile("|".join(f"(?:{p})" for p in anchored) or "(?!)", re.IGNORECASE)
    except re.error:
        return None
    return joined, others


_CAPTION_FURNITURE = re.compile(r"\b(hide|toggle) caption\b|\b[\w.\- ]{1,40}/[\w.\- ]{1,40}$", re.IGNORECASE)


def _content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, plural -s folded, for comparing captions."""
    return {w.lower().removesuffix("s") for w in _WORD.findall(text) if len(w) > 3 and not w.isdigit()}


def _word_count(text: str) -> int:
    return len(text.split())


def _hard_wrapped(groups: list[list[str]]) -> bool:
    """True when paragraphs were wrapped at a fixed width (most multi-line groups have lines of similar length)."""
    multi = [g for g in groups if len(g) > 2]
    if len(multi) < 2:
        return False
    wrapped = 0
    for g in multi:
        lengths = [len(x) for x in g[:-1]]
        if max(lengths) <= 100 and min(lengths) >= 0.6 * max(lengths):
            wrapped += 1
    return wrapped >= 0.6 * len(multi)


@dataclass
class _Line:
    index: int
    raw: str
    text: str
    links: list[tuple[int, int, str, str]]
    removed: tuple[str, str] | None = None  # (reason, detail)
    cuts: list[tuple[str, str]] = field(default_factory=list)  # (text, reason) cut from inside the line


def clean(draft: Draft) -> Cleaned:
    """Clean ``draft.text``; header fields found in an export are offered to ``draft``."""
    text, changed = normalise(draft.text)
    lines = text.split("\n")
    removed: list[Removed] = []
    comments: list[Comment] = []
    skip: set[int] = set()
    if draft.markup == "export":
        for h in read_header(lines, draft):
            skip.add(h.index)
            removed.append(Removed(h.detail, "header", f"{h.kind} line, kept as metadata"))
    thread = find_thread(lines, start=max(skip, default=-1) + 1)
    end = len(lines)
    if thread is not None:
        end = thread.start
        comments = thread.comments
    # group lines into paragraphs: hard-wrapped text is rejoined, otherwise each line is a paragraph
    groups: list[list[int]] = []
    current: list[int] = []
    for i in range(end):
        if i in skip or not lines[i]:
            if current:
                groups.append(current)
                current = []
            continue
        current.append(i)
    if current:
        groups.append(current)
    wrapped = _hard_wrapped([[lines[i] for i in g] for g in groups])
    items: list[_Line] = []
    for g in groups:
        chunks = [g] if wrapped else [[i] for i in g]
        for chunk in chunks:
            raw = " ".join(lines[i] for i in chunk)
            if draft.markup == "export":
                s = strip_line(raw)
                for alt, url in s.images:
                    removed.append(Removed(alt or url, "image", url))
                items.append(_Line(chunk[0], raw, s.text.strip(), s.links))
            else:
                items.append(_Line(chunk[0], raw, raw, []))
    _apply_rules(items)
    title = draft.fields.get("title")
    if title is not None:
        _title_repeat(items, str(title.value))
    captions = _caption_alt_text(items)
    _site_chrome(items)
    footer_links = _footer_links(items)
    paragraphs: list[Paragraph] = []
    # keep the audit in reading order: header, then body cuts, then the thread's own cuts
    for item in items:
        removed.extend(Removed(cut, reason, "cut from the end of a paragraph") for cut, reason in item.cuts)
        if item.removed:
            reason, detail = item.removed
            removed.append(Removed(item.text or item.raw, reason, detail))
            continue
        if not item.text:
            continue
        paragraphs.append(Paragraph(item.text, _shift_links(item.links, item.text)))
    paragraphs, joins = _join_broken(paragraphs)
    removed.extend(joins)
    if thread is not None:
        removed.extend(thread.removed)
    captions.extend(r.text for r in removed if r.reason == "photo-caption" and r.text not in captions)
    return Cleaned(paragraphs, removed, comments, captions, footer_links, changed)


def _shift_links(links, text):
    return [(s, e, t, u) for (s, e, t, u) in links if 0 <= s < e <= len(text) and text[s:e] == t]


def _apply_rules(items: list[_Line]) -> None:
    rules = _rules()
    inline = lexicons.load("boilerplate")["inline"]
    for item in items:
        hit = _classify(item.text, rules)
        if hit:
            item.removed = (hit[0], f"matched {hit[1]}")
            continue
        for rule in inline:
            for rx in lexicons.compiled(tuple(rule["patterns"])):
                m = rx.search(item.text)
                if m and m.start() > 0:
                    item.cuts.append((item.text[m.start() :].strip(), rule["reason"]))
                    item.text = item.text[: m.start()]
                    item.links = [lk for lk in item.links if lk[1] <= m.start()]


def _norm_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _title_repeat(items: list[_Line], title: str) -> None:
    """The headline repeated at the top of the body, and short labels (kickers) above it, are cut."""
    key = _norm_key(title)
    if not key:
        return
    for k, item in enumerate(items[:6]):
        if item.removed or _norm_key(item.text) != key:
            continue
        item.removed = ("title-repeat", "the headline repeated at the top of the body")
        for prev in items[:k]:
            if not prev.removed and _word_count(prev.text) <= 6 and not _TERMINAL.search(prev.text):
                prev.removed = ("kicker", "a short label above the repeated headline")
        return


def _caption_alt_text(items: list[_Line]) -> list[str]:
    """A short paragraph just before a photo caption that repeats its words is the photo's alt text."""
    captions: list[str] = []
    for k, item in enumerate(items):
        if not item.removed or item.removed[0] != "photo-caption" or k == 0:
            continue
        prev = items[k - 1]
        if prev.removed or _word_count(prev.text) > 60:
            continue
        a = _content_words(prev.text)
        b = _content_words(_CAPTION_FURNITURE.sub(" ", item.text))
        shared = len(a & b)
        if shared >= 2 and shared / max(1, min(len(a), len(b))) >= 0.3:
            prev.removed = ("photo-caption", "alt text repeating the photo caption below it")
            captions.append(prev.text)
    return captions


def _site_chrome(items: list[_Line]) -> None:
    """Short lines after a navigation line (site menus, taglines, donation prompts) are site chrome."""
    lex = lexicons.load("boilerplate")
    limit = lex["site_chrome_max_words"]
    after_nav = False
    for item in items:
        if item.removed and item.removed[0] == "navigation":
            after_nav = True
            continue
        if not after_nav or item.removed:
            continue
        short = _word_count(item.text) <= limit
        if (short and not _TERMINAL.search(item.text)) or (_BULLET.match(item.text) and _word_count(item.text) <= 3 * limit):
            item.removed = (lex["site_chrome_reason"], "short line after a navigation line")
        else:
            after_nav = False


def _footer_links(items: list[_Line]) -> list[str]:
    """Lines holding only a link, after the last body paragraph, are footer furniture."""
    lex = lexicons.load("boilerplate")
    urls: list[str] = []
    for item in reversed(items):
        if item.removed:
            if item.removed[0] in {"contact-footer", "sponsor", "comment-policy", "subscription", "copyright"}:
                urls.extend(u for (_, _, _, u) in item.links)
            continue
        bare = item.text.strip()
        only_link = item.links and sum(e - s for s, e, _, _ in item.links) >= len(bare) - 2
        if only_link or re.fullmatch(r"https?://\S+", bare):
            item.removed = (lex["footer_link_reason"], "a line holding only a link, below the article")
            urls.extend(u for (_, _, _, u) in item.links) if item.links else urls.append(bare)
            continue
        break
    return urls


def _join_broken(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removed]]:
    """Join paragraphs split in mid-sentence by a page or column break."""
    lex = lexicons.load("paragraphs")
    after = set(lex["join_after_words"])
    min_words = lex["min_words"]
    out: list[Paragraph] = []
    joins: list[Removed] = []
    for p in paragraphs:
        if out and _is_broken(out[-1].text, p.text, after, min_words):
            prev = out[-1]
            offset = len(prev.text) + 1
            moved = [(s + offset, e + offset, t, u) for (s, e, t, u) in p.links]
            detail = f"…{prev.text[-40:]} ⏎ {p.text[:40]}…"
            out[-1] = Paragraph(prev.text + " " + p.text, prev.links + moved)
            joins.append(Removed("\n\n", "paragraph-break", f"joined a sentence broken across paragraphs: {detail}"))
        else:
            out.append(p)
    return out, joins


def _is_broken(prev: str, nxt: str, after: set[str], min_words: int) -> bool:
    if _TERMINAL.search(prev) or _word_count(prev) < min_words or not nxt:
        return False
    if _BULLET.match(nxt):
        return False
    last = prev.split()[-1].lower().strip("“\"‘'(")
    if prev.endswith((",", "-", "—", "–")) or last in after:
        return True
    if nxt[0].islower():
        return True
    opened = prev.count("“") - prev.count("”")
    return opened > 0 and not nxt.startswith(("“", '"'))
