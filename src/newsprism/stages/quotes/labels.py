"""Speaker labels: a name and a colon at the head of a paragraph, with what that speaker said after it.

    find(doc, found, lex) -> list[Found]

Headlines write "Trump: Cruz Has a Long Way to Go on Ethanol." and "Poll: Sanders leads in Iowa.";
transcripts write "TAPPER: Do you think ...". The words before the colon are the source, the colon is the
cue, and the rest of the paragraph is the content. The label must be short, start with a capital, hold a
name (or a noun that speaks in headlines: "Poll", "Report") and no verb; section labels ("The Latest:",
"Update:", "Editor's note:"), times ("11:40 a.m.:") and places alone ("Iowa:") are not speakers. A
lead-in before a dash ("EXCLUSIVE – Roger Stone:") is dropped, and so is an addressee or topic after
"on"/"to" ("Clinton to Planned Parenthood:", "Gillibrand on the transcripts:").
"""

from __future__ import annotations

import re
from typing import Any

from ...nlp import doc_text
from .cues import Found
from .lexicon import Lexicon

_LINE = re.compile(r"^(?P<label>[^\n:]{1,80}?)\s*:[ \t]+(?P<rest>\S[^\n]*)$", re.MULTILINE)
_LEAD = re.compile(r"^.*\s[–—-]\s+")
_ADDRESS = re.compile(r"\s+(?:on|to|about|at)\s+", re.IGNORECASE)
_PLACE_LABELS = ("GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "FAC", "EVENT", "WORK_OF_ART")


def find(doc: Any, found: list[Found], lex: Lexicon) -> list[Found]:
    text = doc_text(doc)
    out: list[Found] = []
    max_words = lex.limits.get("speaker_label_max_words", 6)
    for m in _LINE.finditer(text):
        label_start, colon = m.start("label"), m.end("label")
        colon = text.index(":", colon)
        lead = _LEAD.match(m.group("label"))
        if lead is not None:
            label_start += lead.end()
        label = text[label_start:colon].strip()
        if not label or not label[0].isupper() or any(ch.isdigit() for ch in label):
            continue
        words = label.split()
        if len(words) > max_words:
            continue
        low = label.lower()
        if low in lex.label_rubrics or words[0].lower() in lex.label_rubric_starts:
            continue
        if any(_bare(w) in lex.label_rubrics for w in (words[0], words[-1])):
            continue
        span = doc.char_span(label_start, label_start + len(label), alignment_mode="expand")
        if span is None or any(
            (t.tag_.startswith("VB") or t.tag_ == "MD") and not _named(t.text, text) for t in span
        ):
            continue
        if any(e.label_ in _PLACE_LABELS and e.start <= span.start and span.end <= e.end for e in doc.ents):
            continue
        speaks = any(t.pos_ == "PROPN" or _named(t.text, text) for t in span) or any(
            t.lower_ in lex.label_sources or _describes(t.lower_, lex) for t in span
        )
        if not speaks:
            continue
        # content: the rest of the paragraph, without its closing full stop
        a, b = m.start("rest"), m.end("rest")
        while b > a and text[b - 1] in " \t.":
            b -= 1
        content_words = text[a:b].split()
        if len(content_words) < lex.limits.get("speaker_label_min_words", 2):
            continue
        if any(f.source is not None and (f.start, f.end) == (a, b) for f in found):
            continue
        # the source: the label up to an addressee or topic ("Clinton to Planned Parenthood")
        cut = _ADDRESS.search(label)
        src_end = label_start + (cut.start() if cut is not None else len(label))
        src = doc.char_span(label_start, src_end, alignment_mode="expand")
        head = src.root if src is not None and len(src) else span.root
        inner = text[a:b]
        if len(inner) > 2 and inner[0] in "“\"‘" and inner[-1] in "”\"’" and not _marks(inner[1:-1]):
            kind, a, b = "direct", a + 1, b - 1
        else:
            kind = "mixed" if _marks(inner) else "indirect"
        first_break = text.find("\n")
        reason = "speaker label" + (" (headline)" if first_break < 0 or label_start < first_break else "")
        out.append(
            Found(a, b, kind, (colon, colon + 1), (label_start, src_end), head, "speech", reason, [], "")
        )
    return out


def _named(word: str, text: str) -> bool:
    """A capitalised word the text also capitalises inside a sentence ("Sanders" in "said Sanders"): a
    name, even where the tagger, seeing it alone before a colon, took it for a common noun."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    form = word if not word.isupper() or len(word) < 3 else word.title()
    return re.search(rf"[a-z,] {re.escape(form)}\b", text) is not None


def _describes(word: str, lex: Lexicon) -> bool:
    kinds = (lex.person_descriptions, lex.org_descriptions, lex.org_heads, lex.anonymous_heads)
    return word in set().union(*kinds) or word.rstrip("s") in set().union(*kinds)


def _marks(s: str) -> bool:
    return any(ch in s for ch in "“”\"")


def _bare(word: str) -> str:
    word = word.lower()
    for end in ("'s", "’s", "s'", "s’"):
        if word.endswith(end):
            word = word[: -len(end)]
    return word.strip("'’.,")
