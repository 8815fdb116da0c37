"""Records: the frozen dataclasses that flow from ingest to the store and out to every view.

Every record is plain data. ``as_dict()`` gives JSON-ready values (tuples become lists, nested records
become dicts) and ``from_dict()`` rebuilds the record, so a record survives a round trip through any store
or export unchanged.

The ingest records:

    Provenance   where one metadata value came from: (value, source, confidence, evidence)
    Comment      a reader comment kept apart from the article body
    Removed      a block cut from the input, with the reason it was cut
    Link         a hyperlink whose text stays in the body; the URL is kept here
    Article      one cleaned document: body, metadata with provenance, comments, removed blocks

The stage records (one list per document and stage; ``body[start:end] == text`` always):

    Span         a piece of the body: (start, end, text)
    TimeRef      a time expression normalised to a TIMEX3 value (stage ``times``)
    Mention      a name, title or description of a person, organisation, place or group (stage ``entities``)
    Place        a place mention resolved to a GeoNames entry (stage ``places``)
    Quote        a statement with its content, cue and Speaker (stage ``quotes``); a quote inside a reader
                 comment carries the comment's position and offsets into the comment's text instead
    Figure       a numeric claim: value, unit, qualifier, what is counted, time scope, source (``figures``)
    Claim        a causal claim: cause, effect and signal spans (stage ``causal``)

The cross-document records (made by ``link``):

    Entity       one actor or place across the corpus: canonical name, aliases, roles, counts per outlet
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar

# Where a metadata value came from. Kept as plain strings so that stores and exports stay simple;
# these are the ones the readers use, in rough order of trust.
FIELD_SOURCES = (
    "input",  # given explicitly by the user (a JSON/CSV field, a feed entry)
    "metadata line",  # a labelled line in a text export: "Published at:", "Author:", "Original:"
    "html meta",  # HTML <meta>/JSON-LD, via trafilatura/htmldate
    "feed",  # RSS/Atom entry field
    "byline",  # a byline line: "**Name**", "By Name"
    "dateline",  # a bare date line under the title
    "title line",  # the first line or "# Title" of a text export
    "url pattern",  # the URL's domain or a date in its path
    "signature",  # an outlet signature in the text or footer
    "footer link",  # a link in a removed footer pointing at the outlet's own site
    "inferred",  # reasoned from indirect evidence (comment times, captions); always lower confidence
    "detected",  # computed from the text (language)
)


_SCALARS = (str, int, float, bool, type(None))


def _to_json(value: Any) -> Any:
    if isinstance(value, _SCALARS):  # most values: skip the dataclass test
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.as_dict()  # type: ignore[union-attr]
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin giving as_dict()/from_dict() to the frozen dataclasses below."""

    # fields holding nested records, by name -> record class (filled in per subclass): a tuple of records
    # or a {key: record} dict in ``_nested``, a single record (or None) in ``_single``
    _nested: ClassVar[dict[str, type]] = {}
    _single: ClassVar[dict[str, type]] = {}

    def as_dict(self) -> dict[str, Any]:
        return {name: _to_json(getattr(self, name)) for name, _ in _field_kinds(type(self))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Rebuild a record from ``as_dict()`` output; unknown keys are ignored."""
        kwargs: dict[str, Any] = {}
        for name, is_tuple in _field_kinds(cls):
            if name not in data:
                continue
            value = data[name]
            nested = cls._nested.get(name)
            single = cls._single.get(name)
            if single is not None and isinstance(value, dict):
                value = single.from_dict(value)
            elif nested is not None and value is not None:
                if isinstance(value, dict):
                    value = {k: nested.from_dict(v) for k, v in value.items()}
                else:
                    value = tuple(nested.from_dict(v) for v in value)
            elif is_tuple and isinstance(value, list):
                value = tuple(value)
            kwargs[name] = value
        return cls(**kwargs)


@functools.cache
def _field_kinds(cls: type) -> tuple[tuple[str, bool], ...]:
    """Each field's name and whether its type is a tuple (resolving the hints once per class)."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, str(hints.get(f.name, "")).startswith("tuple"))
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Provenance(_Record):
    """One metadata value and where it came from."""

    value: Any
    source: str
    confidence: float
    evidence: str = ""  # the line, tag or reasoning it was read from


@dataclass(frozen=True)
class Comment(_Record):
    """A reader comment appended to an article, kept out of the body."""

    position: int  # 1-based order in the thread
    text: str
    author: str | None = None
    posted: str | None = None  # ISO 8601 when it could be read
    title: str | None = None
    raw_posted: str | None = None  # the timestamp exactly as written


@dataclass(frozen=True)
class Removed(_Record):
    """A block cut from the input. ``reason`` is a short code; ``detail`` says which rule fired."""

    text: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Link(_Record):
    """A hyperlink in the input: its text stays in the body at [start, end), the URL lives here."""

    start: int
    end: int
    text: str
    url: str


@dataclass(frozen=True)
class Article(_Record):
    """One cleaned document, with everything needed to audit how it was made."""

    id: str  # stable content hash of the raw input
    source: str  # the path or URL it was read from (with #line=N / #record=N inside a container)
    reader: str  # text, html, jsonl, csv, warc, feed
    body: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date or datetime
    published_source: str | None = None
    published_confidence: float | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    fields: dict[str, Provenance] = field(default_factory=dict)  # provenance per metadata field
    comments: tuple[Comment, ...] = ()
    removed: tuple[Removed, ...] = ()
    links: tuple[Link, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)  # extra fields given with the input
    duplicate_of: str | None = None
    similarity: float | None = None  # MinHash similarity to duplicate_of
    raw_sha256: str = ""
    raw_size: int = 0

    _nested: ClassVar[dict[str, type]] = {
        "fields": Provenance,
        "comments": Comment,
        "removed": Removed,
        "links": Link,
    }

    @property
    def words(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class Span(_Record):
    """A piece of an article body: ``body[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimeRef(_Record):
    """A time expression and its TimeML TIMEX3 normalisation.

    ``value`` follows TIMEX3: ``2011-02-07``, ``2010-09``, ``2019-W45``, ``199X``, ``P30Y``, ``PXY``,
    ``PRESENT_REF``, ``XXXX-XX-XX`` when unknown. ``anchor`` is ``document_date`` when the value was
    computed from the article's date, the id of an earlier TimeRef when computed from that one, and
    ``none`` when the expression is absolute ("December 2009"). ``confidence`` is the tagger's confidence
    times that of the date it rests on.
    """

    document: str
    id: str  # "t1", "t2", ... in body order
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None  # START, END, MID, APPROX, BEFORE, AFTER, ON_OR_AFTER, ON_OR_BEFORE, LESS_THAN, ...
    granularity: str | None = None  # century, decade, year, quarter, season, month, week, day, time
    anchor: str = "none"
    confidence: float = 1.0
    reason: str = ""  # which rule found and resolved it
    stage: str = "times@3"


@dataclass(frozen=True)
class Mention(_Record):
    """A mention of an actor or place inside one article.

    ``type`` is one of person, org, place, group (nationalities, religious and political groups), other.
    ``name`` is the fullest form of the name this mention stands for in the article (a surname resolved to
    the full name given earlier); ``head`` is the id of the mention it was resolved to, if any.
    """

    document: str
    id: str  # "m1", "m2", ... in body order
    start: int
    end: int
    text: str
    type: str
    name: str
    label: str = ""  # the NER label it came from, or the rule's label
    role: str | None = None  # title or role at this mention: "US Undersecretary of the Army"
    head: str | None = None
    nickname: str | None = None
    metonymy: bool = False  # a capital or building standing for a government ("Washington said")
    in_comment: bool = False
    confidence: float = 1.0
    reason: str = ""
    stage: str = "entities@7"


@dataclass(frozen=True)
class Place(_Record):
    """A place mention resolved to a gazetteer entry (GeoNames, CC BY 4.0)."""

    document: str
    # the Mention id; None for a place with no mention of its own (written inside an organisation's name, a
    # capital standing for its government): it links to no entity
    mention: str | None
    start: int
    end: int
    text: str
    name: str  # the gazetteer's name
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # first-level region name
    feature: str = ""  # country, admin1, city, continent, region
    population: int | None = None
    notes: tuple[str, ...] = ()  # contradictions seen in the text: "written as in Sonora; Culiacán is in Sinaloa"
    confidence: float = 1.0
    reason: str = ""
    stage: str = "places@6"


@dataclass(frozen=True)
class Entity(_Record):
    """One actor or place across the corpus."""

    id: str  # "e-" + a stable hash of the first key it was created under
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: int = 0
    outlets: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    evidence: tuple[str, ...] = ()  # why mentions were merged: "accent folding", "fuzzy 0.94", "user alias"
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None


@dataclass(frozen=True)
class Speaker(_Record):
    """Who a statement is attributed to, as written at the quote, and what it was resolved to.

    ``start``/``end``/``text`` are the words naming the source where the quote is ("he", "the
    undersecretary", "a senior U.S. official who spoke on the condition of anonymity"); they are ``None``
    when the source is not written near the quote (a quote continuing an earlier speaker's turn).
    ``mention`` is the id of the ``entities`` Mention the source resolves to (the cross-document entity
    is that mention's entity); ``resolution`` says how ("pronoun 'he' -> m12: nearest person before").
    """

    start: int | None = None
    end: int | None = None
    text: str | None = None
    mention: str | None = None
    name: str | None = None  # the mention's name in the article
    type: str | None = None  # person, org, group, ... (of the mention, or guessed for unnamed sources)
    role: str | None = None  # the speaker's title or role at this quote: "Secretary of State"
    anonymous: bool = False
    description: str | None = None  # for anonymous and vague sources, the description as written
    resolution: str = ""


@dataclass(frozen=True)
class Quote(_Record):
    """A statement attributed to a source: a direct quote, reported speech, a mix, or a quoted post.

    ``start``/``end``/``text`` are the content. When ``comment`` is set, the quote is inside that reader
    comment (its 1-based ``position``) and every offset, the cue's and the speaker's included, is into the
    comment's text, not the body; such quotes are never the outlet's.
    """

    document: str
    id: str  # "q1", "q2", ... in order
    start: int
    end: int
    text: str
    kind: str  # direct, indirect, mixed, post
    cue: Span | None = None
    speaker: Speaker | None = None
    comment: int | None = None
    confidence: float = 1.0
    reason: str = ""
    stage: str = "quotes@5"

    _single: ClassVar[dict[str, type]] = {"cue": Span, "speaker": Speaker}

    @property
    def in_comment(self) -> bool:
        return self.comment is not None


@dataclass(frozen=True)
class Figure(_Record):
    """A numeric claim: "some 35,000 Mexicans killed", "$1.4 billion in US aid", "60 percent".

    ``value`` is the number as a float (scales applied: "$1.4 billion" -> 1.4e9, "half" -> 0.5, "a quarter-
    billion" -> 2.5e8); ``high`` is the upper end of a range ("between 20 and 30 troops"). ``unit`` is
    normalised: an ISO 4217 code for money (``USD``, ``MXN``), ``percent``, or a counted noun's lemma-like
    singular (``person``, ``troop``, ``death``, ``homicide``, ``weapon``, ``ton``); ``unit_family`` groups
    units that can be compared (``currency``, ``percent``, ``people``, ``deaths``, ``mass``, ``count``, ...).
    ``qualifier`` is the hedge as written ("more than", "some", "up to") and ``bound`` its meaning: ``exact``,
    ``approx``, ``lower`` (at least, more than, over) or ``upper`` (up to, nearly, less than).
    ``counted`` is the noun phrase saying what is counted, with its modifiers ("Mexicans killed since the end
    of 2006"). ``about`` holds the ids of the entities-stage mentions the figure is about; ``scope`` the ids of
    the times-stage expressions giving its time scope ("since 2007", "in 2010 alone"). ``quote`` is the id of
    the quotes-stage record whose content holds the figure (so its speaker is the figure's), ``source`` a
    span naming the source outside a quote ("according to WOLA") and ``source_mention`` its mention id.
    """

    document: str
    id: str  # "f1", "f2", ... in body order
    start: int
    end: int
    text: str  # the figure as written, with its qualifier and unit: "over $1.4 billion"
    value: float | None
    unit: str | None = None
    unit_family: str | None = None
    high: float | None = None
    qualifier: str | None = None
    bound: str = "exact"
    counted: Span | None = None
    about: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    quote: str | None = None
    source: Span | None = None
    source_mention: str | None = None
    sentence: Span | None = None
    confidence: float = 1.0
    reason: str = ""
    stage: str = "figures@8"

    _single: ClassVar[dict[str, type]] = {"counted": Span, "source": Span, "sentence": Span}


@dataclass(frozen=True)
class Claim(_Record):
    """A causal claim: a sentence saying that something causes, fuels, leads to, prevents or results from
    something else. ``start``/``end``/``text`` are the sentence (or clause) holding it; ``cause``, ``effect``
    and ``signal`` ("fuels", "because of", "led to") are spans inside it. ``quote`` is the id of the quote
    holding the claim, whose speaker is the claim's."""

    document: str
    id: str  # "c1", "c2", ...
    start: int
    end: int
    text: str
    kind: str = "causal"
    cause: Span | None = None
    effect: Span | None = None
    signal: Span | None = None
    polarity: str = "cause"  # cause, prevent (the signal says the cause stops the effect)
    quote: str | None = None
    confidence: float = 1.0
    reason: str = ""
    stage: str = "causal@7"

    _single: ClassVar[dict[str, type]] = {"cause": Span, "effect": Span, "signal": Span}


STAGE_RECORDS: dict[str, type] = {
    "times": TimeRef,
    "entities": Mention,
    "places": Place,
    "quotes": Quote,
    "figures": Figure,
    "causal": Claim,
}

__all__ = [
    "FIELD_SOURCES",
    "STAGE_RECORDS",
    "Article",
    "Claim",
    "Comment",
    "Entity",
    "Figure",
    "Link",
    "Mention",
    "Place",
    "Provenance",
    "Quote",
    "Removed",
    "Span",
    "Speaker",
    "TimeRef",
]
