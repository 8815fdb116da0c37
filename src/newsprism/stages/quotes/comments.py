"""Quotations in reader comments, found without a parser.

    find(comment, lex) -> list[tuple[Quotation, cue, speaker span | None, category]]

A reader comment is not the outlet's text: a quotation in it is what the commenter quotes. Every
quotation the marks give is kept (commenters rarely name their source, and the quotation marks are then
the only evidence); a cue right after it (", Smith said", ", he wrote") or right before it
("Smith said: ", "as he tweeted, ") gives the cue and the source words. Offsets are into the comment text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records import Comment
from . import marks
from .lexicon import Lexicon

_NAME = r"(?:(?!(?:As|But|And|So|Then|When|While|If|Because|Yet|Or|Like|The)\b)[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}|he|she|they|I|we|the [a-z]+(?: [a-z]+)?)"


@lru_cache(maxsize=1)
def _patterns(forms: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    after_name_verb = re.compile(rf"^[,\s]*(?P<src>{_NAME})\s+(?P<cue>{verbs})\b")
    after_verb_name = re.compile(rf"^[,\s]*(?P<cue>{verbs})\s+(?P<src>{_NAME})\b")
    before = re.compile(rf"(?P<src>{_NAME})\s+(?P<cue>{verbs})\s*[:,]?\s*$")
    return after_name_verb, after_verb_name, before


def find(comment: Comment, lex: Lexicon):
    text = comment.text
    qs = marks.find(text, singles=True)
    forms = frozenset(f for f, (_b, cat) in lex.verbs.items() if cat in ("speech", "post"))
    after_nv, after_vn, before = _patterns(forms)
    out = []
    for q in qs:
        tail = text[q.end : q.end + 80]
        head = text[max(0, q.start - 80) : q.start]
        m = after_nv.match(tail) or after_vn.match(tail)
        base = q.end
        if m is None:
            m = before.search(head)
            base = q.start - len(head)
        if m is None:
            out.append((q, None, None, "speech"))
            continue
        cue = (base + m.start("cue"), base + m.end("cue"))
        src = (base + m.start("src"), base + m.end("src"))
        category = lex.verbs.get(m.group("cue").lower(), ("", "speech"))[1]
        out.append((q, cue, src, category))
    return out
