"""The entities lexicon (lexicons/entities.yaml) compiled into lookup tables, once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ... import lexicons
from .text import fold, key


def _keys(values: Any) -> frozenset[str]:
    return frozenset(key(str(v)) for v in values or ())


def _folds(values: Any) -> frozenset[str]:
    return frozenset(fold(str(v)) for v in values or ())


def _phrases(values: Any) -> tuple[tuple[str, ...], ...]:
    """Word tuples, longest first."""
    out = {tuple(fold(str(v)).split()) for v in values or ()}
    return tuple(sorted(out, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    label_types: dict[str, str]
    model_weights: dict[str, float]
    single_token_discount: float
    weights: dict[str, float]
    titles: dict[str, str]  # folded title text -> canonical head
    title_words: int  # longest title in words
    # every prefix and every suffix of a folded title: a span whose first (last) token's folded text is not
    # one cannot start (end) a title, which spares building the span's text
    title_prefixes: frozenset[str]
    title_suffixes: frozenset[str]
    capital_only: frozenset[str]
    occupations: frozenset[str]
    journalist_titles: frozenset[str]
    kinship: frozenset[str]
    inverted_speech_verbs: frozenset[str]
    title_links: frozenset[str]
    portfolios: tuple[tuple[str, ...], ...]
    portfolio_first: dict[str, tuple[tuple[str, ...], ...]]  # first word -> portfolios, longest first
    org_cues: frozenset[str]
    place_name_cues: frozenset[str]
    facility_cues: frozenset[str]
    org_when_complemented: frozenset[str]
    institute_before: frozenset[str]
    org_joiners: frozenset[str]
    place_suffixes: tuple[str, ...]
    place_before: tuple[tuple[str, ...], ...]
    place_after: frozenset[str]
    product_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    place_prepositions_strong: frozenset[str]
    seats: dict[str, str]  # key -> country
    capitals: dict[str, str]  # key -> country
    countries: dict[str, str]  # key of name or alias -> country name
    demonyms: dict[str, str]  # key -> country name
    demonym_forms: dict[str, str]  # key -> demonym as normally written (singular adjective)
    country_demonyms: dict[str, str]  # country name -> its first demonym, singular ("Mexico" -> "Mexican")
    regions: dict[str, str]  # key -> region name
    region_demonyms: dict[str, str]  # key -> region name
    us_states: frozenset[str]
    groups: dict[str, str]  # key -> normalised group name
    metonymy_deps: frozenset[str]
    never: frozenset[str]
    edge_chars: str
    edge_prefixes: tuple[str, ...]
    keep_final_period: frozenset[str]
    with_the: frozenset[str]  # keys of names (without "the") that keep a capital "The"
    name_links: frozenset[str]
    not_names: frozenset[str]
    reflexives: frozenset[str]

    def is_place_name(self, k: str) -> bool:
        return k in self.countries or k in self.capitals or k in self.us_states or k in self.regions

    def demonym(self, k: str) -> tuple[str, str] | None:
        """(country or region, demonym as normally written) for a demonym key; plurals not listed are
        found through their singular ("Botswanans")."""
        for cand in (k, k[:-1] if k.endswith("s") else None):
            if cand and (cand in self.demonyms or cand in self.region_demonyms):
                where = self.demonyms.get(cand) or self.region_demonyms[cand]
                return where, self.demonym_forms.get(cand, cand)
        return None

    def country_of(self, k: str) -> str | None:
        """The country a place key names (a country, its alias or its capital), if any."""
        return self.countries.get(k) or self.capitals.get(k)


def _singular_demonym(forms: list[str]) -> dict[str, str]:
    """Each demonym form -> its singular as written: "Mexicans" -> "Mexican", "Chinese" -> "Chinese"."""
    out: dict[str, str] = {}
    for f in forms:
        out[key(f)] = f[:-1] if f.endswith("s") and f[:-1] in forms else f
    return out


def _index_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def get() -> Lexicon:
    data = lexicons.load("entities")
    countries: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    demonym_forms: dict[str, str] = {}
    country_demonyms: dict[str, str] = {}
    for c in data["countries"]:
        name = c["name"]
        for alias in [name, *(c.get("aliases") or [])]:
            countries.setdefault(key(alias), name)
            if alias.lower().startswith("the "):
                countries.setdefault(key(alias[4:]), name)
        if c.get("capital"):
            capitals.setdefault(key(c["capital"]), name)
        forms = [str(d) for d in c.get("demonyms") or []]
        for d in forms:
            demonyms.setdefault(key(d), name)
        for k, v in _singular_demonym(forms).items():
            demonym_forms.setdefault(k, v)
        if forms:
            country_demonyms.setdefault(name, _singular_demonym(forms)[key(forms[0])])
    for alias, capital in (data.get("capital_aliases") or {}).items():
        capitals.setdefault(key(alias), capitals.get(key(capital), ""))
    regions: dict[str, str] = {}
    region_demonyms: dict[str, str] = {}
    for region, forms in (data.get("regions") or {}).items():
        bare = region[4:] if region.lower().startswith("the ") else region
        regions.setdefault(key(region), bare)
        regions.setdefault(key(bare), bare)
        forms = [str(f) for f in forms or []]
        for f in forms:
            region_demonyms.setdefault(key(f), bare)
        for k, v in _singular_demonym(forms).items():
            demonym_forms.setdefault(k, v)
    titles = {fold(str(k)): str(v) for k, v in data["titles"].items()}
    return Lexicon(
        label_types=dict(data["label_types"]),
        model_weights={k: float(v) for k, v in data["model_weights"].items()},
        single_token_discount=float(data["single_token_discount"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        titles=titles,
        title_words=max(len(t.split()) for t in titles),
        title_prefixes=frozenset(t[:n] for t in titles for n in range(1, len(t) + 1)),
        title_suffixes=frozenset(t[-n:] for t in titles for n in range(1, len(t) + 1)),
        capital_only=_folds(data.get("capital_only_titles")),
        occupations=_folds(data.get("occupations")),
        journalist_titles=_folds(data.get("journalist_titles")),
        kinship=_folds(data.get("kinship")),
        inverted_speech_verbs=_folds(data.get("inverted_speech_verbs")),
        title_links=_folds(data.get("title_links")),
        portfolios=_phrases(data.get("portfolios")),
        portfolio_first=_index_first(_phrases(data.get("portfolios"))),
        org_cues=_folds(data.get("org_cues")),
        place_name_cues=_folds(data.get("place_name_cues")),
        facility_cues=_folds(data.get("facility_cues")),
        org_when_complemented=_folds(data.get("org_when_complemented")),
        institute_before=_folds(data.get("institute_before")),
        org_joiners=_folds(data.get("org_joiners")),
        place_suffixes=tuple(fold(x) for x in data.get("place_suffixes") or ()),
        place_before=_phrases(data.get("place_before")),
        place_after=_folds(data.get("place_after")),
        product_nouns=_folds(data.get("product_nouns")),
        place_prepositions=_folds(data.get("place_prepositions")),
        place_prepositions_strong=_folds(data.get("place_prepositions_strong")),
        seats={key(k): str(v) for k, v in (data.get("seats") or {}).items()},
        capitals=capitals,
        countries=countries,
        demonyms=demonyms,
        demonym_forms=demonym_forms,
        country_demonyms=country_demonyms,
        regions=regions,
        region_demonyms=region_demonyms,
        us_states=_keys(data.get("us_states")),
        groups={key(k): str(v) for k, v in (data.get("groups") or {}).items()},
        metonymy_deps=frozenset(data.get("metonymy_deps") or ()),
        never=_keys(data.get("never")),
        edge_chars=str(data.get("edge_chars") or ""),
        edge_prefixes=tuple(fold(p) for p in data.get("edge_prefixes") or ()),
        keep_final_period=_folds(data.get("keep_final_period")),
        with_the=frozenset(key(n[4:]) for n in data.get("with_the") or () if n.lower().startswith("the ")),
        name_links=_folds(data.get("name_links")),
        not_names=_keys(data.get("not_names")),
        reflexives=_folds(data.get("reflexives")),
    )
