"""Attributions read off the parse: a cue verb (or "according to"), its source and its content.

    find(doc, quotations, lex) -> list[Found]

For every cue verb outside a quotation:

- **source**: its subject (``nsubj``), the agent of a passive ("is tweeted by ..."), or, for a participle,
  infinitive or conjoined verb ("..., adding that", "declined to comment", "agreed, and then said"), the
  subject of the verb it hangs on; for a participle on a noun ("a statement saying ..."), the one who
  issued that noun or the noun itself;
- **content**: the complement clause (``ccomp``, with its "that"), else an infinitive complement for verbs
  that take one ("urged X to ..."), else the object with its predicate ("called the violence 'messy'"),
  else what a preposition introduces ("spoke about how ...");
- quotations in the sentence decide the kind: content inside one quotation -> ``direct`` (the whole
  quotation, over every sentence and paragraph it spans); content partly quoted -> ``mixed``; no content
  but a quotation next to the cue (post-posed "..., Smith said", pre-posed "Smith said: ...", or the
  quotation just before a short "she said.") -> ``direct``.

"according to X, ..." gives source X and the rest of its clause as content.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...nlp import doc_text, is_verb_tag, token_indexes
from .lexicon import Lexicon
from .marks import Quotation

NO_XCOMP = frozenset({"continue", "go on", "speak", "talk", "seem", "appear", "call", "term", "dub", "label"})
ADDRESSEE_OBJECT = frozenset(
    {
        "tell",
        "ask",
        "thank",
        "urge",
        "warn",
        "assure",
        "reassure",
        "inform",
        "notify",
        "advise",
        "brief",
        "order",
        "instruct",
        "direct",
        "beg",
        "implore",
        "caution",
        "accuse",
        "blame",
        "quote",
    }
)
CONTENT_PREPS = frozenset({"about", "of"})
OBJECT_AND_GROUNDS = frozenset({"accuse", "blame", "thank", "praise", "criticize", "criticise", "fault", "chide"})
MAX_SOURCE_TOKENS = 25
KEPT_MARKS = frozenset({"that", "if", "whether"})  # "said that ...", "asked whether ...": part of the content


@dataclass
class Found:
    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_token: Any = None
    category: str = "speech"
    reason: str = ""
    quotations: list[Quotation] = field(default_factory=list)
    base: str = ""


def _span(tokens) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("cc", "mark") and tokens[0].lower_ not in KEPT_MARKS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in '”"’)' or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


_PAST_WORDS = frozenset({"yesterday", "earlier"})


def _past_adjuncts(infinitive) -> set[int]:
    """The adjuncts of a to-infinitive content from its first word of past time on ("threatened to deploy
    soldiers to Mexico yesterday in the aftermath of an attack"): what is still to happen is not dated in the
    past, so the parse hung on the infinitive what tells when and why the threat was made."""
    later = [c for c in infinitive.children if c.i > infinitive.i]
    for n, c in enumerate(later):
        ago = c.dep_ == "npadvmod" and any(t.lower_ in ("last", "ago") for t in c.subtree)
        if c.lower_ in _PAST_WORDS or ago:
            return {k.i for k in later[n:]}
    return set()


def _subtree(tok, skip: set[int] | None = None) -> list:
    skip = skip or set()
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        if t.i in skip:
            continue
        out.append(t)
        stack.extend(t.children)
    out.sort(key=lambda t: t.i)
    return out


def _source_tokens(tok, cut: Any = None) -> list:
    """The words of a source phrase headed by ``tok``: its subtree (without ``cut``'s subtree), kept short."""
    skip = {t.i for t in cut.subtree} if cut is not None else set()
    words = _subtree(tok, skip)
    if len(words) > MAX_SOURCE_TOKENS:
        words = [t for t in words if t.i <= tok.i and t.i >= tok.left_edge.i] or [tok]
    # a contiguous run around the head only
    run = [tok]
    index = {t.i for t in words}
    i = tok.i - 1
    while i in index:
        run.insert(0, tok.doc[i])
        i -= 1
    i = tok.i + 1
    while i in index:
        run.append(tok.doc[i])
        i += 1
    return run


def source_of(verb, lex: Lexicon, depth: int = 0, quoted=None):
    """(head token, tokens) of the source of ``verb``, or (None, [])."""
    passive = None
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            words = _source_tokens(c)
            if quoted is not None and any(quoted(t.idx) for t in words if not t.is_punct):  # a mark may hang on it
                if quoted(c.idx):
                    continue
                # "said Cuban, who hosts "Shark Tank"": the source ends before the quoted words
                cut = next(t.i for t in words if quoted(t.idx))
                words = [t for t in words if t.i < cut] if cut > c.i else [c]
            return c, words
        if c.dep_ == "nsubjpass":
            passive = c
        if c.dep_ == "agent" and depth == 0:  # not "moved by the protests, telling ...": a non-cue verb's agent
            for g in c.children:
                if g.dep_ == "pobj":
                    return g, _source_tokens(g)
    if passive is not None or depth >= 3:
        return None, []
    if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "won the debate by attacking his record", "after praising the deal, she ...": the one who acts
        if quoted is not None and quoted(verb.head.head.idx):
            return None, []
        return source_of(verb.head.head, lex, depth + 1, quoted)
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acomp") and verb.head is not verb:
        if verb.dep_ == "ccomp" and lex.verb(verb.head) is None:
            return None, []
        if quoted is not None and quoted(verb.head.idx):
            return None, []  # '"... by Cleveland," referring to ...': a quoted verb has no source here
        return source_of(verb.head, lex, depth + 1, quoted)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        if (
            noun.lower_ in lex.noun_cues
            and noun.dep_ in ("dobj", "pobj")
            and noun.head.pos_ in ("VERB", "AUX")
        ):
            issuer = noun.head if noun.dep_ == "dobj" else noun.head.head
            for c in issuer.children:
                if c.dep_ == "nsubj":
                    return c, _source_tokens(c)
        if quoted is not None and quoted(noun.idx):
            return None, []  # an "insurgency," stressing ...: a quoted word is not a source
        if noun.pos_ == "NOUN" and not _source_noun(noun.lower_, lex):
            return None, []  # "an insurgency stressing ...": a common noun that cannot speak
        return noun, _source_tokens(noun, cut=verb)
    return None, []


def _source_noun(word: str, lex: Lexicon) -> bool:
    """A common noun that can be a source: a person or organisation description ("officials", "ministry")."""
    kinds = (lex.person_descriptions, lex.org_descriptions, lex.org_heads, lex.anonymous_heads)
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
    return any(f in k for k in kinds for f in forms)


def _parenthetical(c, verb) -> bool:
    """ ", El Sol reported at the time": a reporting clause of its own after a comma, not a complement."""
    if c.i < verb.i or c.left_edge.i == 0:
        return False
    before = c.doc[c.left_edge.i - 1]
    return before.text == "," and any(k.dep_ == "nsubj" for k in c.children) and c.tag_ in ("VBD", "VBZ")


def content_of(verb, base: str, category: str, lex: Lexicon | None = None):
    """Tokens of the content of ``verb`` (may be empty) and the dependency it came from."""
    kids = list(verb.children)
    for dep in ("ccomp",):
        for c in kids:
            if c.dep_ == dep and (c.i > verb.i or "\n" not in doc_text(verb.doc)[c.left_edge.idx : verb.idx]):
                if _parenthetical(c, verb):
                    continue
                return _subtree(c), dep
    if base not in NO_XCOMP:
        for c in kids:
            if c.dep_ == "xcomp" and c.i > verb.i:
                return _subtree(c, _past_adjuncts(c)), "xcomp"
    if any(c.dep_ == "agent" for c in kids):  # "the plan was praised by ...": the subject is what is praised
        subject = next((c for c in kids if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this")), None)
        if subject is not None:
            return _subtree(subject), "subject of passive"
    if base in OBJECT_AND_GROUNDS:  # "accused X of lying", "thanked voters for their support": both
        obj = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
        grounds = next(
            (c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for") and obj is not None and c.i > obj.i),
            None,
        )
        if obj is not None and grounds is not None:
            return sorted(set(obj.subtree) | set(grounds.subtree), key=lambda t: t.i), "dobj"
    objects = []
    for c in kids:
        if c.dep_ in ("dobj", "oprd", "attr") and c.i > verb.i:
            if c.dep_ == "dobj" and base in ADDRESSEE_OBJECT:
                continue
            objects.append(c)
        if c.dep_ in ("ccomp", "xcomp") and objects:
            objects.append(c)
    if objects:
        words = sorted({t for o in objects for t in o.subtree}, key=lambda t: t.i)
        for o in objects:  # "called the violence 'messy'": the predicate may hang on the object
            for g in o.children:
                if g.dep_ in ("oprd", "ccomp", "acomp"):
                    words = sorted(set(words) | set(g.subtree), key=lambda t: t.i)
        return words, "dobj"
    # "confirm in interviews and cables that ...": a "that" clause the parse hung lower
    for t in verb.subtree:
        if (
            0 < t.i - verb.i < 15
            and t.dep_ == "mark"
            and t.lower_ == "that"
            and t.head.pos_ in ("VERB", "AUX")
            and t.head.dep_ in ("ccomp", "acl", "advcl", "relcl")  # a "that" marking a relcl is a complement
        ):
            return _subtree(t.head), "that-clause"
    if lex is not None:
        question = _question(verb, lex)
        if question is not None:
            return _subtree(question), "question"
    reach = lex.limits.get("topic_preposition_reach", 1) if lex is not None else 1
    for c in kids:
        # "talked warmly about ...": the topic may come a few words after the verb
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and 0 < c.i - verb.i <= reach:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return _subtree(g), "prep"
    return [], ""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(pos: int, quotations: list[Quotation]) -> bool:
    return any(q.start <= pos < q.end for q in quotations)


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _clip(span: tuple[int, int], para: tuple[int, int], text: str) -> tuple[int, int] | None:
    a, b = max(span[0], para[0]), min(span[1], para[1])
    while b > a and text[b - 1] in " \t,;:—-":
        b -= 1
    while a < b and text[a] in " \t,;:—-":
        a += 1
    return (a, b) if b > a else None


def _reconcile(content, sent_quotes, source, text, verb_span) -> tuple[tuple[int, int], str, list[Quotation]]:
    """Kind and final content span given the quotations the content touches or runs into."""
    touched = []
    for q in sent_quotes:
        if source is not None and _overlap((q.start, q.end), source):
            continue
        if _overlap((q.start, q.end), content) > 0:
            touched.append(q)
        elif (
            content[1] <= q.start
            and text[content[1] : q.start].strip(" ,:—-") == ""
            and q.start < verb_span[1]
        ):
            touched.append(q)  # the complement runs on into a quotation the parse cut off
    if not touched:
        return content, "indirect", []
    if len(touched) == 1 and content[0] >= touched[0].start - 1 and content[1] <= touched[0].end + 1:
        q = touched[0]
        return (q.inner_start, q.inner_end), "direct", touched
    start = min(content[0], *(q.start for q in touched))
    end = max(content[1], *(q.end for q in touched))
    if (
        len(touched) == 1
        and text[start : touched[0].start].strip(" ,:") == ""
        and start < touched[0].start + 2
    ):
        q = touched[0]
        if text[q.end : end].strip(" ,.") == "":
            return (q.inner_start, q.inner_end), "direct", touched
    return (start, end), "mixed", touched


_BETWEEN_POST = set(" \t,.—-")
_AFTER_VERB = frozenset({"dobj", "dative", "iobj", "prep", "npadvmod", "advmod", "prt"})
_BETWEEN_PRE = set(" \t,:\n")


def _adjacent_quote(
    verb, sent, sent_quotes, quotations, text, source, claimed
) -> tuple[Quotation | None, str]:
    """The quotation a cue with no complement introduces or follows, written right next to it."""
    words = [(verb.idx, verb.idx + len(verb.text))] + ([source] if source is not None else [])
    first = min(a for a, _ in words)
    last = max(b for _, b in words)
    # "telling reporters on Friday: “...”": the addressee and circumstances after the verb come first
    for c in verb.children:
        if c.i > verb.i and c.dep_ in _AFTER_VERB and not any(_inside(t.idx, quotations) for t in c.subtree):
            edge = c.right_edge
            last = max(last, edge.idx + len(edge.text))
    cands = [
        q
        for q in quotations
        if id(q) not in claimed and (source is None or not _overlap((q.start, q.end), source))
    ]
    before = [q for q in cands if q.end <= first]
    if before:
        q = before[-1]
        gap = text[q.end : first]
        if (
            set(gap) <= _BETWEEN_POST
            and "\n" not in gap
            and text[q.inner_end : q.end].strip('”"’\' ') in (",", "", "?", "!", "—")
        ):
            return q, "post-posed cue"
    after = [q for q in cands if q.start >= last]
    if after:
        q = after[0]
        gap = text[last : q.start]
        tail = text[last : min(len(text), last + 60)]
        if set(gap) <= _BETWEEN_PRE and (":" in gap or "," in gap) and gap.count("\n") <= 2:
            return q, "pre-posed cue"
        if gap in ("", " "):  # 'a man yelled “Stay there!”', 'mouthing “thank you”': the words it says
            return q, "quotation after cue"
        if (
            tail.lstrip().startswith(":")
            or (set(gap) <= _BETWEEN_PRE and gap.strip() == "" and "\n" not in gap)
        ) and (
            ":" in text[last : q.start]
            and text[last : q.start].count("\n") <= 2
            and len(text[last : q.start]) < 60
        ):
            return q, "colon"
    # a short "she said." right after a quotation in the same paragraph
    if len([t for t in sent if not t.is_punct]) <= 8 and before:
        q = before[-1]
        gap = text[q.end : sent.start_char]
        if gap.strip(" .,") == "" and "\n" not in gap and sent.start_char <= first:
            return q, "following cue sentence"
    return None, ""


def find(doc, quotations: list[Quotation], lex: Lexicon) -> list[Found]:
    text = doc_text(doc)
    out: list[Found] = []
    waiting = []  # cues with no complement: matched to adjacent quotations once complements are known

    mask = bytearray(len(text) + 1)  # 1 inside a quotation, marks included
    for q in quotations:
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)

    def quoted(pos: int) -> bool:
        return bool(mask[pos])

    # the only tokens the loop below acts on: verbs, and "according" (every other word is skipped there)
    verbs = token_indexes(doc, "TAG", is_verb_tag)
    candidates = sorted({*verbs, *token_indexes(doc, "LOWER", ("according",))})
    sent_starts: list[int] = []
    for sent in doc.sents:
        sent_starts.append(sent.start_char)
        sent_quotes = [q for q in quotations if q.start < sent.end_char and q.end > sent.start_char]
        first = bisect.bisect_left(candidates, sent.start)
        for k in candidates[first : bisect.bisect_left(candidates, sent.end, first)]:
            tok = doc[k]
            if quoted(tok.idx):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                found = _according(tok, sent, sent_quotes, text)
                if found is not None:
                    out.append(found)
                continue
            if not tok.tag_.startswith("VB"):
                continue
            hit = lex.verb(tok)
            if hit is None or _idiom(tok, text, lex):
                continue
            base, category, particle = hit
            bare = _sourceless(tok, base, lex)
            if bare is not None:  # "she is expected to win", "the plan seems to work": no source given
                words, cue_start, why = bare
                content = _span(words)
                if content is not None and not any(_overlap((q.start, q.end), content) for q in sent_quotes):
                    content = _clip(content, _paragraph(text, tok.idx), text)
                if content is not None:
                    span, kind, used = _reconcile(content, sent_quotes, None, text, content)
                    cue = (cue_start, tok.idx + len(tok.text))
                    out.append(Found(span[0], span[1], kind, cue, None, None, category, why, used, base))
                continue
            head, src_words = source_of(tok, lex, quoted=quoted)
            source = _span(src_words) if src_words else None
            cue_end = tok.idx + len(tok.text)
            if particle is not None and particle.i == tok.i + 1:
                cue_end = particle.idx + len(particle.text)
            cue = (tok.idx, cue_end)
            if tok.idx > 0 and text[tok.idx - 1] in "</":
                continue  # "<tweet ...>": markup left in the text, not a verb
            words, dep = content_of(tok, base, category, lex)
            if particle is not None and particle.dep_ in ("prep", "mark") and particle.i > tok.i:
                # "called for a special prosecutor", "called on Congress to act": what the preposition takes
                taken = particle.subtree if particle.dep_ == "prep" else particle.head.subtree
                after = [t for t in taken if t.i != particle.i]
                for c in tok.children:
                    if c.dep_ in ("xcomp", "ccomp") and c.i > particle.i:
                        after += list(c.subtree)
                if after:
                    words, dep = sorted(set(after), key=lambda t: t.i), "prep"
            if base in lex.clause_only and dep not in ("ccomp", "that-clause"):
                words = []  # "continue his policies", "add a job title": no content (a quotation may follow)
            if src_words:
                skip = {t.i for t in src_words}
                words = [w for w in words if w.i not in skip]
            content = _span(words) if words else None
            if content is not None and source is not None and _overlap(content, source):
                content = None
            if content is not None and not any(_overlap((q.start, q.end), content) for q in sent_quotes):
                content = _clip(content, _paragraph(text, tok.idx), text)
            if content is None:
                waiting.append((tok, base, category, sent, sent_quotes, head, source, cue))
                continue
            verb_span = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))
            span, kind, used = _reconcile(content, sent_quotes, source, text, verb_span)
            out.append(
                Found(span[0], span[1], kind, cue, source, head, category, f"{dep} of cue", used, base)
            )
    _share_subjects(out, doc, sent_starts)
    # an indirect statement whose sentence names no source ("Tell your senator that ...", a headline's
    # "Declared: ...") is kept, with no speaker
    claimed = {id(q) for f in out for q in f.quotations}
    for tok, base, category, sent, sent_quotes, head, source, cue in waiting:
        if category == "belief":
            continue
        q, why = _adjacent_quote(tok, sent, sent_quotes, quotations, text, source, claimed)
        if q is None:
            f = _interpolated(tok, sent, sent_quotes, text, source, head, cue, category, base)
            if f is not None:
                out.append(f)
                claimed.update(id(x) for x in f.quotations)
            continue
        claimed.add(id(q))
        out.append(Found(q.inner_start, q.inner_end, "direct", cue, source, head, category, why, [q], base))
    return out


NO_SOURCE = "no source"


def _idiom(tok, text: str, lex: Lexicon) -> bool:
    """A cue verb inside a set phrase followed by a comma ("That said, ...", "Having said that, ..."):
    no one is reported."""
    lo = max(0, tok.idx - 30)
    window = text[lo : tok.idx + len(tok.text) + 15].lower()
    at = tok.idx - lo
    if "," not in window[at:]:  # every set phrase ends in a comma after the verb: most verbs stop here
        return False
    for pattern in _idiom_patterns(lex.idioms):
        for m in pattern.finditer(window):
            if m.start() <= at < m.end():
                return True
    return False


@lru_cache(maxsize=8)
def _idiom_patterns(idioms: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per set phrase, its words apart by any whitespace and a comma after it."""
    return tuple(
        re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words.split())) + r"\s*,")
        for words in sorted(idioms)
    )


def _sourceless(tok, base: str, lex: Lexicon):
    """(complement tokens, cue start, reason) of a cue that names no source on purpose: a raising verb
    ("the plan seems to work") or an agentless passive ("she is expected to win", "it was reported that
    ..."); its subject is part of what is said, not who says it. None otherwise."""
    kids = list(tok.children)
    if base in lex.raising_verbs:
        why = f"{NO_SOURCE}: raising verb"
    elif base in lex.passive_verbs and _passive(tok, kids) and not any(c.dep_ == "agent" for c in kids):
        why = f"{NO_SOURCE}: passive"
    else:
        return None
    comp = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i), None) or _question(
        tok, lex
    )
    if comp is None:
        return None
    before = [c for c in kids if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.i < tok.i]
    run = tok.i
    for c in sorted(before, key=lambda c: -c.i):
        if c.i == run - 1:
            run = c.i
    return _subtree(comp), tok.doc[run].idx, why


def _passive(tok, kids) -> bool:
    """ "she was asked ...", and a bare participle "Asked about the vote, she ...", "when asked ..."."""
    if any(c.dep_ == "auxpass" for c in kids):
        return True
    return tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "aux") for c in kids)


def _question(tok, lex: Lexicon):
    """What a question verb asks when the parse gives no complement: an "if"/"whether" clause hung as an
    adverbial ("asked if she would run"), or a topic ("asked about the vote", "questioned on the deal")."""
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.question_marks for m in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in lex.question_topics and tok.lower_ in lex.question_verbs:
            return c
    return None


_REPORTING_DEPS = frozenset(
    {"nsubj", "aux", "neg", "advmod", "npadvmod", "prep", "agent", "dative", "dobj", "prt", "mark", "auxpass"}
)


def _interpolated(tok, sent, sent_quotes, text, source, head, cue, category, base) -> Found | None:
    """ "In his state, Christie said, offenders are sent to treatment": a reporting clause set off by
    commas inside (or at the end of) the sentence it reports; the content is the longer side of it."""
    if source is None:
        return None
    if tok.dep_ == "parataxis" and tok.head.i != tok.i:
        clause = tok.head
    elif (  # "This includes a new force, the secretary told a panel": the parse joins the two as a conj
        tok.dep_ == "conj"
        and tok.head.i < tok.i
        and any(c.dep_ == "nsubj" for c in tok.children)
        and not any(c.dep_ == "cc" and tok.head.i < c.i < tok.i for c in tok.head.children)
    ):
        clause = tok.head
    elif tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        clause = tok.head  # "As the paper reported, ...", "..., as the Times reported on Tuesday"
    else:
        clause = next((c for c in tok.children if c.dep_ in ("parataxis", "dep") and c.pos_ in ("VERB", "AUX")), None)
        if clause is None:
            return None
    reporting = [tok] + [t for c in tok.children if c.dep_ in _REPORTING_DEPS for t in c.subtree]
    a = min(t.i for t in reporting)
    b = max(t.i for t in reporting)
    doc = tok.doc
    before = doc[a - 1] if a > sent.start else None
    after = doc[b + 1] if b + 1 < sent.end else None
    if (before is None or before.text != ",") and not (a == sent.start and after is not None and after.text == ","):
        return None
    if after is not None and after.text not in (",", ".", "?", "!", ";"):
        return None
    if clause.i >= a and clause.i <= b:
        return None
    left = [t for t in sent if t.i < a - 1]
    right = [t for t in sent if t.i > b + 1]
    content = _span(left if len(left) > len(right) else right)
    if content is None or len(text[content[0] : content[1]].split()) < 3:
        return None
    content = _clip(content, _paragraph(text, tok.idx), text)
    if content is None:
        return None
    span, kind, used = _reconcile(content, sent_quotes, source, text, content)
    return Found(span[0], span[1], kind, cue, source, head, category, "interpolated cue", used, base)


def _according(tok, sent, sent_quotes, text) -> Found | None:
    to = tok.doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    src_words = _source_tokens(obj)
    source = _span(src_words)
    phrase = {t.i for t in src_words} | {tok.i, to.i}
    # the clause the phrase belongs to: the longer side of the sentence, without the commas round it
    left = [t for t in sent if t.i < min(phrase)]
    right = [t for t in sent if t.i > max(phrase)]
    content = _span(left if len(left) > len(right) else right)
    if content is None or source is None:
        return None
    content = _clip(content, _paragraph(text, tok.idx), text)
    if content is None:
        return None
    span, kind, used = _reconcile(content, sent_quotes, source, text, (content[0], content[1]))
    return Found(
        span[0],
        span[1],
        kind,
        (tok.idx, to.idx + len(to.text)),
        source,
        obj,
        "speech",
        "according to",
        used,
        "according to",
    )


def _share_subjects(found: list[Found], doc, sent_starts: list[int]) -> None:
    """ "Trump tweeted ..., adding that ...": a cue with no subject of its own in a sentence whose earlier
    cue has one shares it."""
    for n, f in enumerate(found):
        if f.source is not None or f.cue is None or f.reason.startswith(NO_SOURCE):
            continue
        start = sent_starts[bisect.bisect_right(sent_starts, f.cue[0]) - 1] if sent_starts else 0
        earlier = [
            g
            for g in found[:n]
            if g.source is not None and g.cue is not None and start <= g.cue[0] < f.cue[0]
        ]
        if earlier:
            g = earlier[-1]
            f.source, f.source_token = g.source, g.source_token
            f.reason += f", subject shared with '{doc_text(doc)[g.cue[0] : g.cue[1]]}'"
