"""The ``causal`` stage: sentences that say something causes, fuels, leads to or prevents something else.

    run(article, doc, ctx) -> list[Claim]     # doc: the spaCy Doc of article.body;
                                              # ctx.results["quotes"]: the article's Quotes (may be empty)

One module per step; the words they look for live in lexicons/causal.yaml:

    lexicon  causal.yaml compiled: causal verbs ("fuels", "led to", "resulted from"), participles
             ("..., leaving", "..., demanding"), connectives ("because of", "due to", "following"),
             result adverbs ("as a result", "therefore") and purpose words ("in order to"), each with a
             weight and a polarity (cause or prevent)
    finder   cues in a parsed sentence -> signal, cause and effect token ranges read off the dependency
             parse, with a score (the cue's weight, lowered when an argument is missing); the verb cues
    phrases  the phrase cues: connectives, purpose words and result adverbs
    args     what both share: subject and object readers, the Found record and its score
    spans    token sets -> trimmed contiguous ranges

A Claim is kept when it has a cause and an effect and its score reaches the lexicon's ``threshold``; weak
cues (temporal "after", "amid") are found but score below it. Spans follow the Causal News Corpus: a
purpose or motive cause starts with its signal words ("to protest the tax", "demanding their release"), a
result participle's effect with its participle ("leaving three dead"), and a clause starts at its subject
(not at "On Monday," or a dateline before it). The Claim's text is its sentence (with the
sentence before when the cause is there: "... As a result, ..."; of a report there, the cause is only what
is reported: "X told reporters that Y. As a result, Z" has Y as the cause); ``quote`` names the quote whose
content
holds the signal, so the claim is that quote's speaker's. Every span slices the body exactly.
"""

from __future__ import annotations

from typing import Any

from ...records import Article, Claim, Quote, Span
from ..registry import StageContext
from . import spans
from .finder import Found, find
from .lexicon import Lexicon, get

NAME = "causal"
VERSION = 7
STAGE = f"{NAME}@{VERSION}"


def candidates(doc: Any, lex: Lexicon | None = None) -> list[tuple[Any, Found]]:
    """(sentence, Found) for every cue in the Doc, weak ones included (the benchmark scores these)."""
    lex = lex or get()
    return [(sent, f) for sent in doc.sents for f in find(doc, sent, lex)]


def _span(doc: Any, body: str, found: spans.Range | None) -> Span | None:
    if found is None:
        return None
    start, end = spans.chars(doc, found)
    return Span(start, end, body[start:end])


def _quote_of(quotes: list[Quote], start: int, end: int) -> str | None:
    for q in quotes:
        if q.comment is None and q.start <= start and end <= q.end:
            return q.id
    return None


def _sentence_chars(doc: Any, sent: Any, body: str, previous: bool) -> tuple[int, int]:
    first = doc[sent.start - 1].sent if previous and sent.start > 0 else sent
    start = first.start_char
    end = sent.end_char
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


_EMPTY_POS = frozenset({"AUX", "PART", "PUNCT", "DET", "CCONJ", "ADP", "SPACE"})


def _has_content(doc: Any, span: tuple[int, int]) -> bool:
    """A token of ``span`` (token indices) says something: not only auxiliaries, particles and punctuation."""
    return any(t.pos_ not in _EMPTY_POS for t in doc[span[0] : span[1]])


def _only_saying(doc: Any, span: tuple[int, int], lex: Lexicon) -> bool:
    """``span`` is only who spoke and the verb of saying ("he said", "Ohlberg added", "the company added")."""
    tokens = [t for t in doc[span[0] : span[1]] if not t.is_punct]
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    return 0 < len(tokens) <= 4 and len(verbs) == 1 and verbs[0].lower_ in lex.report_verbs \
        and all(t.pos_ in ("PRON", "PROPN", "NOUN", "DET", "VERB", "AUX") for t in tokens)  # fmt: skip


def run(article: Article, doc: Any, ctx: StageContext | None) -> list[Claim]:
    if doc is None:
        return []
    lex = get()
    body = article.body
    quotes: list[Quote] = list((ctx.results.get("quotes") if ctx is not None else None) or [])
    claims: list[Claim] = []
    for sent, f in candidates(doc, lex):
        if f.cause is None or f.effect is None or f.score < lex.threshold:
            continue
        if not (_has_content(doc, f.cause) and _has_content(doc, f.effect)) or _only_saying(doc, f.effect, lex):
            continue  # "it's because of a worldwide glut of oil": the parse left an auxiliary as the effect;
            # "..., because the party allows it, Ohlberg added": the parse hung the cause on the saying
        cause, effect, signal = (_span(doc, body, r) for r in (f.cause, f.effect, f.signal))
        start, end = _sentence_chars(doc, sent, body, f.previous)
        spans_in = [s for s in (cause, effect, signal) if s is not None]
        start = min([start] + [s.start for s in spans_in])
        end = max([end] + [s.end for s in spans_in])
        claims.append(
            Claim(
                document=article.id,
                id=f"c{len(claims) + 1}",
                start=start,
                end=end,
                text=body[start:end],
                cause=cause,
                effect=effect,
                signal=signal,
                polarity=f.cue.polarity,
                quote=_quote_of(quotes, signal.start, signal.end) if signal else None,
                confidence=f.score,
                reason=f"{f.cue.kind} {f.reason}",
                stage=STAGE,
            )
        )
    return claims


__all__ = ["NAME", "STAGE", "VERSION", "candidates", "run"]
