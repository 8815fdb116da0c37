"""Metadata with provenance: title, authors, date, outlet, URL and language, each with where it came from.

Readers and the header parser offer candidates to the Draft; this module adds what can be read from the
cleaned text (outlet signatures, footer links, URL patterns, the language) and, when no date is stated,
infers one with a lower confidence and says how. It never invents a value without saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlparse

from .. import lexicons
from ..records import Provenance
from .clean import Cleaned
from .dates import dates_in_text, dates_in_url
from .draft import Draft

@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, dict], list[tuple[re.Pattern[str], dict]]]:
    by_domain: dict[str, dict] = {}
    signatures: list[tuple[re.Pattern[str], dict]] = []
    for outlet in lexicons.load("outlets")["outlets"]:
        for domain in outlet.get("domains", []):
            by_domain[domain.lower()] = outlet
        for sig in outlet.get("signatures", []):
            signatures.append((re.compile(sig, re.IGNORECASE | re.MULTILINE), outlet))
    return by_domain, signatures


@lru_cache(maxsize=1)
def _self_references() -> tuple[re.Pattern[str], ...]:
    """Case-sensitive on purpose: the outlet's name must be capitalised (see outlets.yaml)."""
    return tuple(re.compile(p) for p in lexicons.load("outlets")["self_reference_patterns"])


def domain_of(url: str) -> str | None:
    try:
        host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else host or None


def outlet_for_domain(domain: str) -> dict | None:
    by_domain, _ = _outlets()
    parts = domain.split(".")
    for k in range(len(parts) - 1):
        hit = by_domain.get(".".join(parts[k:]))
        if hit:
            return hit
    return None


def outlet_for_name(name: str) -> dict | None:
    """A lexicon outlet whose name or domain stem matches a free-text outlet name ("Sputniknews")."""
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    for outlet in lexicons.load("outlets")["outlets"]:
        names = [outlet["name"]] + [d.split(".")[0] for d in outlet.get("domains", [])]
        if any(re.sub(r"[^a-z0-9]", "", n.lower()) == key for n in names):
            return outlet
    return None


def resolve(draft: Draft, cleaned: Cleaned, body: str) -> dict[str, Provenance]:
    """Final fields with provenance. Adds inferred values to ``draft.fields`` and extra notes to metadata."""
    _resolve_outlet(draft, cleaned, body)
    _url_date(draft)
    if "published" not in draft.fields:
        _infer_published(draft, cleaned, body)
    _language(draft, body)
    _via(draft, body)
    fields = {k: v for k, v in draft.fields.items() if k != "outlet_hint"}
    return fields


def _resolve_outlet(draft: Draft, cleaned: Cleaned, body: str) -> None:
    hint = draft.fields.get("outlet_hint")
    url = draft.fields.get("url")
    if hint is not None:
        known = outlet_for_domain(domain_of(url.value) or "") if url else None
        known = known or outlet_for_name(hint.value)
        value = known["name"] if known else hint.value
        draft.offer("outlet", value, hint.source, hint.confidence, hint.evidence)
    if url is not None:
        domain = domain_of(url.value)
        if domain:
            known = outlet_for_domain(domain)
            if known:
                draft.offer("outlet", known["name"], "url pattern", 0.8, f"domain {domain}")
            else:
                draft.offer("outlet", domain, "url pattern", 0.5, f"domain {domain} (not in the outlet list)")
    _, signatures = _outlets()
    texts = [body] + [r.text for r in cleaned.removed]
    folded = [lexicons.fold_for_search(t) for t in texts]  # most signatures' words are in no text: skip those
    for rx, outlet in signatures:
        need = lexicons.required_text(rx)
        for text, low in zip(texts, folded):
            m = rx.search(text) if need is None or need in low else None
            if m:
                draft.offer("outlet", outlet["name"], "signature", 0.8, m.group(0))
                break
    for link in cleaned.footer_links:
        domain = domain_of(link)
        known = outlet_for_domain(domain) if domain else None
        if known:
            draft.offer("outlet", known["name"], "footer link", 0.75, link)
        elif domain:
            draft.offer("outlet", domain, "footer link", 0.45, f"{link} (domain not in the outlet list)")
    self_refs = _self_references()
    for removed in cleaned.removed:
        if removed.reason not in {"subscription", "contact-footer", "site-chrome", "sponsor"}:
            continue
        for rx in self_refs:
            m = rx.search(removed.text.lstrip("•·*- "))
            if m:
                name = m.group("v").strip()
                known = outlet_for_name(name)
                draft.offer("outlet", known["name"] if known else name, "signature", 0.55, removed.text)
                break
    outlet = draft.fields.get("outlet")
    if outlet is not None:
        known = outlet_for_name(str(outlet.value))
        if known and known.get("country"):
            draft.metadata.setdefault("outlet_country", known["country"])


def _url_date(draft: Draft) -> None:
    url = draft.fields.get("url")
    found = dates_in_url(str(url.value)) if url is not None else []
    if found:
        text, iso = found[0]
        draft.offer("published", iso, "url pattern", 0.7, f"date in the URL path: {text}")


def _infer_published(draft: Draft, cleaned: Cleaned, body: str) -> None:
    """No stated date: reason from reader comments and dated photo captions, and say how."""
    posted = sorted(c.posted for c in cleaned.comments if c.posted)
    if posted:
        first = posted[0]
        draft.offer(
            "published",
            first[:10],
            "inferred",
            0.5,
            f"no stated date; the earliest reader comment was posted {first}, so the article is at most that old",
        )
        draft.metadata["published_bound"] = "on or before"
        return
    for caption in cleaned.captions:
        found = dates_in_text(caption)
        if not found:
            continue
        written, day = found[0]
        lowered = body.lower()
        if re.search(r"\byesterday\b", lowered):
            inferred = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
            why = (
                f"no stated date; a photo caption is dated {written} and the text speaks of 'yesterday', "
                "so the article is taken to be from the day after the photo"
            )
            draft.offer("published", inferred, "inferred", 0.35, why)
            draft.metadata["published_bound"] = "estimate"
        else:
            why = f"no stated date; a photo caption is dated {written}, so the article is from that day or later"
            draft.offer("published", day, "inferred", 0.25, why)
            draft.metadata["published_bound"] = "on or after"
        return


def _language(draft: Draft, body: str) -> None:
    if "language" in draft.fields:
        return
    tokens = re.findall(r"[^\W\d_]+", body.lower())[:3000]
    if len(tokens) < 20:
        return
    counts = Counter(tokens)
    scores = {lang: sum(counts[w] for w in words) for lang, words in _function_words().items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    share = top / len(tokens)
    if share < 0.15:
        return
    margin = (top - second) / max(top, 1)
    confidence = round(min(0.95, 0.5 + margin), 2)
    draft.offer("language", best, "detected", confidence, f"function words cover {share:.0%} of the tokens")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in lexicons.load("languages").items()}


def _via(draft: Draft, body: str) -> None:
    first = body.split("\n\n", 1)[0]
    for rx in lexicons.compiled(tuple(lexicons.load("outlets")["via_patterns"])):
        m = rx.match(first)
        if m:
            draft.metadata.setdefault("via", m.group("v").strip())
            return
