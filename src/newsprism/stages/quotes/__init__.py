"""The ``quotes`` stage: who said what, with the words that say so.

    run(article, doc, ctx) -> list[Quote]     # doc: the spaCy Doc of article.body;
                                              # ctx.results["entities"]: the article's Mentions

One module per step; the words they look for live in lexicons/quotes.yaml:

    marks      quotation marks -> quotations (multi-paragraph quotes, nested and mismatched marks)
    nouns      nouns that attribute a position: "her criticism of the deal", "his decision to run"
    cues       cue verbs and "according to" in the parse -> source, cue and content (direct, indirect, mixed)
    labels     speaker labels at the head of a paragraph: "Trump: ..." headlines, "TAPPER: ..." transcripts
    unclaimed  quotations no cue claimed: nicknames and titles dropped, colon introductions, a speaker's
               quote continuing, scare quotes dropped, the rest kept unattributed
    speakers   a source's words -> the Mention it resolves to, its role, anonymous sources
    comments   quotations in reader comments (offsets into the comment's text)
    lexicon    lexicons/quotes.yaml compiled

Every Quote's content, cue and speaker slice exactly to their text (in the body, or in the comment's text
when ``comment`` is set).
"""

from __future__ import annotations

import re
from typing import Any

from ...nlp import doc_text
from ...records import Article, Mention, Quote, Span, Speaker
from ..registry import StageContext
from . import comments, cues, labels, marks, nouns, unclaimed
from .cues import Found
from .lexicon import Lexicon, get
from .speakers import Resolver

NAME = "quotes"
VERSION = 5
STAGE = f"{NAME}@{VERSION}"


def run(article: Article, doc: Any, ctx: StageContext | None) -> list[Quote]:
    lex = get()
    mentions: list[Mention] = list((ctx.results.get("entities") if ctx is not None else None) or [])
    text = article.body
    out: list[Quote] = []
    if doc is not None and text:
        out.extend(_body_quotes(article, doc, mentions, lex))
    for comment in article.comments:
        out.extend(_comment_quotes(article.id, comment, lex))
    return [_renumber(q, n) for n, q in enumerate(out, 1)]


def find(doc: Any, mentions: list[Mention], lex: Lexicon | None = None) -> list[Found]:
    """The attributions of a parsed text, before speakers are resolved (for benchmarks and tests)."""
    lex = lex or get()
    text = doc_text(doc)
    quotations = [q for q in marks.find(text) if unclaimed.keep(q, text, mentions, lex)]
    found = cues.find(doc, quotations, lex) + nouns.find(doc, quotations, lex)
    found = _dedupe(found)
    labelled = labels.find(doc, found, lex)
    if labelled:  # a speaker label's content replaces source-less attributions inside it
        found = [f for f in found if f.source is not None or not any(
            cues._overlap((f.start, f.end), (g.start, g.end)) for g in labelled)] + labelled
    claimed = {id(q) for f in found for q in f.quotations}
    for q in quotations:
        if id(q) in claimed or any(f.start <= q.inner_start and q.inner_end <= f.end for f in found):
            continue
        f = unclaimed.attribute(q, doc, text, found, lex)
        if f is not None:
            found.append(f)
    found.sort(key=lambda f: (f.start, f.end))
    return _outermost(found, text, lex)


def _outermost(found: list[Found], text: str, lex: Lexicon) -> list[Found]:
    """Without the attributions whose cue sits inside another one's content ("she said he wants to win":
    "wants" is part of what she said), unless the lexicon's ``max_nesting`` keeps them. A participle after
    a comma that shares the speaker ("the coach said the matter is closed, referring to the hearing") is
    the speaker's own act, not part of the content: the content ends before the comma and both stay. Two
    attributions holding each other's cue (a content cut too wide) both stay."""
    if lex.limits.get("max_nesting", 1) > 0:
        return found

    def holds(g: Found, f: Found) -> bool:
        return f.cue is not None and g.start <= f.cue[0] < g.end

    out = []
    for f in found:
        outer = [g for g in found if g is not f and holds(g, f) and not holds(f, g)]
        if not outer:
            out.append(f)
            continue
        g = outer[0]
        comma = text.rfind(",", g.start, f.cue[0])
        if (
            len(outer) == 1
            and f.source is not None
            and f.source == g.source
            and comma > g.start
            and text[comma + 1 : f.cue[0]].strip(" ”\"’") == ""
            and f.start >= f.cue[0]
        ):
            g.end = comma
            out.append(f)
    return out


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content span (the first cue wins; "said ..., adding" keep both contents)."""
    seen: dict[tuple[int, int], Found] = {}
    for f in found:
        k = (f.start, f.end)
        if k not in seen or seen[k].source is None and f.source is not None:
            seen[k] = f
    return list(seen.values())


_POST_PLACE = None


def _post_pattern(lex: Lexicon) -> re.Pattern[str]:
    global _POST_PLACE  # a compiled cache of lexicon data, not state
    if _POST_PLACE is None:
        platforms = "|".join(re.escape(" ".join(p)) for p in lex.platforms)
        nouns = "|".join(re.escape(n) for n in sorted(lex.post_nouns, key=len, reverse=True))
        _POST_PLACE = re.compile(
            rf"\b(?:on|to|via)\s+(?:{platforms})\b|\b(?:in|on|with)\s+(?:a|an|his|her|their|its|one|another|the)\s+"
            rf"(?:[\w-]+\s+)?(?:{nouns})\b",
            re.IGNORECASE,
        )
    return _POST_PLACE


def _kind(f: Found, text: str, lex: Lexicon) -> str:
    if f.kind == "indirect" and f.category == "post":
        return "post"
    if f.category == "post" and f.kind in ("direct", "mixed"):
        return "post"
    if f.cue is not None and f.reason not in ("continues", "follows"):
        a = max(0, f.cue[0] - 60)
        b = min(len(text), f.cue[1] + 60)
        window = text[a:b]
        # mask the content so that a quoted "on Twitter" does not count
        if f.start < b and f.end > a:
            window = (
                window[: max(0, f.start - a)]
                + " " * (min(b, f.end) - max(a, f.start))
                + window[min(b, f.end) - a :]
            )
        if f.base in ("say", "write", "announce", "add", "declare", "") and _post_pattern(lex).search(window):
            return "post"
    return f.kind


def _confidence(f: Found, speaker: Speaker | None, lex: Lexicon) -> float:
    c = lex.confidence
    if f.reason in ("continues", "follows"):
        base = c["continuation"]
    elif f.reason == "unattributed":
        base = c["unattributed"]
    elif f.reason == "colon introduction":
        base = c["colon_intro"]
    elif f.reason.startswith("speaker label"):
        base = c["speaker_label"]
    elif f.reason == "following cue sentence":
        base = c["trailing_cue"]
    elif f.base == "according to":
        base = c["according_to"]
    elif f.kind == "direct":
        base = c["direct_with_cue"]
    elif f.category == "belief":
        base = c["indirect_belief"]
    else:
        base = c["indirect_speech"]
    if speaker is not None:
        if speaker.resolution.startswith(("pronoun", "relative")):
            base -= c["pronoun_penalty"]
        elif speaker.resolution.startswith("description"):
            base -= c["description_penalty"]
        if speaker.mention is None and not speaker.anonymous:
            base -= c["unresolved_penalty"]
    return round(max(0.05, min(1.0, base)), 3)


def _body_quotes(article: Article, doc: Any, mentions: list[Mention], lex: Lexicon) -> list[Quote]:
    text = article.body
    found = find(doc, mentions, lex)
    resolver = Resolver(text, mentions, lex)
    resolver.note_subjects(doc)
    out: list[Quote] = []
    prev_speaker: Speaker | None = None
    prev_end = -(10**9)
    by_content: dict[tuple[int, int], int] = {}
    for n, f in enumerate(found, 1):
        speaker: Speaker | None = None
        reason = f.reason
        if f.source is not None:
            speaker = resolver.speaker(f.source[0], f.source[1], f.source_token, prev_speaker, prev_end)
        elif f.reason in ("continues", "follows"):  # the quote continued: the last one with a source
            earlier = [q for q in out if q.end <= f.start and (q.speaker is not None or q.kind != "indirect")]
            if earlier:
                last = max(earlier, key=lambda q: q.end)
                if last.speaker is not None:
                    s = last.speaker
                    speaker = Speaker(
                        mention=s.mention,
                        name=s.name,
                        type=s.type,
                        role=s.role,
                        anonymous=s.anonymous,
                        description=s.description,
                        resolution=f"{f.reason} {last.id}",
                    )
                reason = f"continues {last.id}" if f.reason == "continues" else (
                    f"follows {last.id}: a quotation of its own by the same speaker"
                )
        kind = _kind(f, text, lex)
        cue = Span(f.cue[0], f.cue[1], text[f.cue[0] : f.cue[1]]) if f.cue is not None else None
        quote = Quote(
            document=article.id,
            id=f"q{n}",
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            kind=kind,
            cue=cue,
            speaker=speaker,
            confidence=_confidence(f, speaker, lex),
            reason=reason,
            stage=STAGE,
        )
        out.append(quote)
        by_content[(f.start, f.end)] = len(out) - 1
        if speaker is not None and (speaker.mention or speaker.anonymous):
            prev_speaker, prev_end = speaker, f.end
    return out


def _comment_quotes(doc_id: str, comment: Any, lex: Lexicon) -> list[Quote]:
    text = comment.text
    out = []
    short = lex.limits.get("short_quote_words", 4)
    for q, cue, src, category in comments.find(comment, lex):
        speaker = None
        conf = lex.confidence["comment"]
        reason = "quotation in a reader comment"
        if src is not None:
            words = text[src[0] : src[1]]
            anonymous = words.lower().split()[-1] in lex.anonymous_heads
            speaker = Speaker(
                src[0],
                src[1],
                words,
                anonymous=anonymous,
                description=words if anonymous else None,
                resolution="words next to the cue in the comment",
            )
            reason += ", with a cue"
        elif q.words(text) <= short:
            conf = lex.confidence["unattributed"] * 0.75
            reason += ", no source given (possibly a scare quote)"
        out.append(
            Quote(
                document=doc_id,
                id="",
                start=q.inner_start,
                end=q.inner_end,
                text=text[q.inner_start : q.inner_end],
                kind="post" if category == "post" else "direct",
                cue=Span(cue[0], cue[1], text[cue[0] : cue[1]]) if cue else None,
                speaker=speaker,
                comment=comment.position,
                confidence=round(conf, 3),
                reason=reason,
                stage=STAGE,
            )
        )
    return out


def _renumber(q: Quote, n: int) -> Quote:
    """Ids q1, q2, ... over body and comment quotes; "continues qN" reasons follow the renumbering."""
    if q.id == f"q{n}":
        return q
    from dataclasses import replace

    return replace(q, id=f"q{n}")
