"""The HTML reader: one web page becomes one Draft.

    bytes ──decode_html──► str ──trafilatura──► body, comments, metadata ──► Draft(markup="body")
                                └─lxml walk──► visible blocks outside body/comments ──► Draft.removed

trafilatura finds the main text and the page metadata (``<meta>``, JSON-LD, ``<title>``); its date comes from
htmldate (original publication date, extensive search). Reader comments come back apart from the body and
become ``Comment`` records in page order; their authors and times stay unknown here.

For the audit, every visible text block of the page that is in neither the body nor the comments is kept as
``Removed(text, "html-outside-main", detail=<tag>)``, at most ``MAX_REMOVED_BLOCKS`` of them. Scripts,
styles and other elements that never show text are dropped without a trace: they are not text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .. import lexicons
from ..errors import InputError
from ..records import Comment, Removed
from .dates import dates_in_url
from .decode import decode
from .html_meta import published_datetime, structured_comments
from .draft import Draft, RawInput

MAX_REMOVED_BLOCKS = 300
REMOVED_REASON = "html-outside-main"

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------------------------------------- reading


def read(raw: RawInput) -> Iterator[Draft]:
    """The one Draft of an HTML page (raises InputError when nothing can be extracted)."""
    text = decode_html(raw.data, raw.source, charset_from_content_type(raw.content_type))
    yield draft_from_html(text, source=raw.source, raw=raw.data, url=raw.url)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return match.group(1) if match else None


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode a page: a BOM first, then UTF-8 when the bytes are valid UTF-8, then the declared charset
    (HTTP header, else ``<meta charset>``), then detection.

    Valid UTF-8 wins over a declared legacy charset because pages re-saved or re-encoded by crawlers often
    keep a stale declaration, while text in a legacy encoding almost never happens to be valid UTF-8.
    """
    if not data.strip():
        raise InputError(source, "empty", "the page is empty")
    declared = declared or _meta_charset(data)
    if declared:
        declared = _lexicon()["charset_aliases"].get(declared.lower(), declared)
        try:
            data.decode("utf-8")
            declared = None  # valid UTF-8: decode() takes it as such
        except UnicodeDecodeError:
            pass
    return decode(data, source, declared)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def draft_from_html(
    html: bytes | str, *, source: str, raw: bytes, url: str | None = None, reader: str = "html"
) -> Draft:
    """Extract the article of one page. ``raw`` is kept as the Draft's raw bytes (the page, or the record that
    held it); ``url`` is where the page came from, if known. Raises InputError("no-text") when the page has
    no article text."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    text = html if isinstance(html, str) else decode_html(html, source)
    tree = load_html(text) if text.strip() else None
    if tree is None:
        raise InputError(source, "no-text", "the page holds no HTML that could be parsed")
    document = bare_extraction(
        tree,  # trafilatura works on its own copy; the tree stays intact for the removed-block walk
        url=url,
        with_metadata=True,
        include_comments=True,
        date_extraction_params={
            "original_date": True,
            "extensive_search": True,
            "max_date": dt.date.today().isoformat(),
        },
    )
    body = paragraphs(document.text) if document is not None else ""
    if not body:
        raise InputError(source, "no-text", "no article text found in the page")
    if _only_a_fragment(body):
        raise InputError(source, "no-text", f"no article text found in the page, only {' '.join(body.split())[:60]!r}")

    comments = structured_comments(tree) or _comments(document)
    draft = Draft(source=source, reader=reader, raw=raw, text=body, markup="body", comments=comments)
    _offer_fields(draft, document, tree, url)
    for key in ("description", "categories", "tags"):
        value = getattr(document, key, None)
        if value:
            draft.metadata[key] = value
    kept = [body, *(c.text for c in comments)]
    draft.removed = removed_blocks(tree, kept)
    return draft


def _only_a_fragment(body: str) -> bool:
    """A page whose extracted text is a few words and no sentence ("Home", "Sign in | Register") is a
    navigation or error page, not an article (``html_fragment_max_words`` in lexicons/input_fields.yaml).
    Only pages are judged so: a body a user gives as text is kept whatever its length."""
    limit = int(lexicons.load("input_fields").get("html_fragment_max_words", 0))
    return len(body.split()) <= limit and not re.search(r"[.!?…][\"'”’)]*\s*$", body.strip())


def paragraphs(text: str | None) -> str:
    """trafilatura's one-block-per-line text as paragraphs separated by blank lines."""
    if not text:
        return ""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _comments(document: Any) -> list[Comment]:
    from trafilatura.xml import xmltotxt

    body = getattr(document, "commentsbody", None)
    if body is None:
        return []
    texts = (_SPACE.sub(" ", xmltotxt(element, False)).strip() for element in body)
    return [Comment(position=i, text=t) for i, t in enumerate(filter(None, texts), 1)]


# ---------------------------------------------------------------------------------------------- fields


def _offer_fields(draft: Draft, document: Any, tree: Any, url: str | None) -> None:
    draft.offer(
        "title", _clean(document.title), "html meta", 0.9, "trafilatura: meta tags, JSON-LD or <title>"
    )
    authors = split_authors(document.author)
    draft.offer("authors", authors, "html meta", 0.8, f"trafilatura: {document.author}")

    if document.date:
        in_url = bool(url) and _date_in_url(url, document.date)
        full = published_datetime(tree, document.date)
        if in_url and not full:
            draft.offer("published", document.date, "url pattern", 0.6, f"htmldate: date in {url}")
        elif full:
            draft.offer("published", full, "html meta", 0.85, "htmldate's date, with the time from a date meta tag")
        else:
            draft.offer(
                "published", document.date, "html meta", 0.8, "htmldate: original date, extensive search"
            )

    sitename = _clean(document.sitename)
    if sitename:
        host = (urlsplit(document.url or url or "").hostname or "").lower()
        if "." in sitename and host.endswith(sitename.lower().removeprefix("www.")):
            draft.offer("outlet", sitename, "url pattern", 0.5, f"the page's domain: {host}")
        else:
            draft.offer("outlet", sitename, "html meta", 0.8, "trafilatura: og:site_name, JSON-LD or title")

    canonical = document.url if document.url and document.url != url else None
    if canonical and not (_is_homepage(canonical) and url and not _is_homepage(url)):
        draft.offer("url", canonical, "html meta", 0.95, "canonical link or og:url")
        if url:
            draft.metadata["given_url"] = url
    draft.offer("url", url, "input", 0.9, "the address the page was read from")

    lang = _html_lang(tree)
    if lang:
        draft.offer("language", lang[0], "html meta", 0.8, f"<html {lang[1]}>")
    elif getattr(document, "language", None):
        draft.offer("language", document.language, "html meta", 0.6, "trafilatura")


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


def split_authors(value: Any) -> list[str]:
    """Names from an author field: a list (of names or {"name": ...} objects) or a string such as
    "A and B", "A; B", "By A, B"; separators and conjunctions come from lexicons/input_fields.yaml."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("name") or value.get("@name") or ""
    if isinstance(value, (list, tuple)):
        names: list[str] = []
        for item in value:
            names.extend(n for n in split_authors(item) if n not in names)
        return names
    text = _SPACE.sub(" ", str(value)).strip()
    # RSS writes "email (Name)"; mail headers write "Name <email>": keep the name
    mailbox = re.fullmatch(r"\S+@\S+\s*\((?P<n>[^()]+)\)|(?P<m>[^<>]+?)\s*<\S+@\S+>", text)
    if mailbox:
        text = (mailbox.group("n") or mailbox.group("m")).strip()
    elif re.fullmatch(r"\S+@\S+", text):
        return []
    prefix, separators, conjunctions = _author_patterns()
    text = prefix.sub("", text)
    parts = [p.strip() for p in separators.split(text)]
    parts = [q.strip() for p in parts for q in conjunctions.split(p)]
    names = []
    for part in parts:
        pieces = [c.strip() for c in part.split(",")]
        if len(pieces) > 1 and all(len(c.split()) >= 2 for c in pieces if c):
            names.extend(c for c in pieces if c)
        elif part:
            names.append(part.strip(" ,"))
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen


@lru_cache(maxsize=1)
def _author_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicons.load("input_fields")
    prefix = re.compile(r"^(?:" + "|".join(map(re.escape, lex["byline_prefixes"])) + r")\s+", re.IGNORECASE)
    separators = re.compile("|".join(map(re.escape, lex["author_separators"])))
    conjunctions = re.compile(
        r"\s+(?:" + "|".join(map(re.escape, lex["author_conjunctions"])) + r")\s+", re.IGNORECASE
    )
    return prefix, separators, conjunctions


def _date_in_url(url: str, iso: str) -> bool:
    return any(iso.startswith(day) for _, day in dates_in_url(url))


def _is_homepage(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


def _html_lang(tree: Any) -> tuple[str, str] | None:
    """(primary language subtag, the attribute as written) from the root element's lang or xml:lang."""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for name in ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang"):
        value = (root.get(name) or "").strip()
        match = _LANG.match(value)
        if match:
            return match.group(1).lower(), f'{"xml:lang" if "}" in name else name}="{value}"'
    return None


# ---------------------------------------------------------------------------------------------- audit


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    return lexicons.load("html_reader")


@lru_cache(maxsize=1)
def _tag_sets() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    lex = _lexicon()
    hidden = re.compile("|".join(lex["hidden_styles"]), re.IGNORECASE)
    return frozenset(lex["silent_tags"]), frozenset(lex["block_tags"]), hidden


def _norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_blocks(tree: Any) -> Iterator[tuple[str, str]]:
    """(tag, text) for each visible text block under ``<body>``, in document order.

    A block is the text of a block element outside its nested blocks, so ``<div>a<p>b</p>c</div>`` gives
    ("div", "a"), ("p", "b"), ("div", "c"). Silent and hidden elements are skipped with their content."""
    silent, blocks, hidden_style = _tag_sets()
    body = tree.find(".//body") if tree.tag != "body" else tree
    if body is None:
        body = tree
    stack: list[tuple[str, list[str]]] = [("body", [])]
    walker = etree.iterwalk(body, events=("start", "end"))
    skipped: set[int] = set()

    def flush() -> Iterator[tuple[str, str]]:
        tag, pieces = stack[-1]
        text = _norm("".join(pieces))
        pieces.clear()
        if text:
            yield tag, text

    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if element is body:
                stack[-1][1].append(element.text or "")
                continue
            if tag is None:  # an HTML comment or processing instruction: no text of its own
                continue
            local = tag.rsplit("}", 1)[-1].lower()
            if (
                local in silent
                or element.get("hidden") is not None
                or element.get("aria-hidden") == "true"
                or (element.get("style") and hidden_style.search(element.get("style")))
            ):
                walker.skip_subtree()
                skipped.add(id(element))
                continue
            if local in blocks:
                yield from flush()
                stack.append((local, [element.text or ""]))
            else:
                stack[-1][1].append(" " if local == "br" else element.text or "")
        else:
            if element is body:
                continue
            if tag is not None and id(element) not in skipped:
                local = tag.rsplit("}", 1)[-1].lower()
                if local in blocks:
                    yield from flush()
                    stack.pop()
            stack[-1][1].append(element.tail or "")
    yield from flush()


def removed_blocks(tree: Any, kept: list[str], limit: int = MAX_REMOVED_BLOCKS) -> list[Removed]:
    """The visible blocks of the page whose text is in none of ``kept`` (the body and the comments)."""
    kept_norm = "\n".join(_norm(k) for k in kept)
    kept_lines = {_norm(line) for k in kept for line in k.splitlines()}
    removed: list[Removed] = []
    seen: set[str] = set()
    for tag, text in text_blocks(tree):
        if text in kept_lines or text in seen or _contains_words(kept_norm, text):
            continue
        seen.add(text)
        removed.append(Removed(text=text, reason=REMOVED_REASON, detail=tag))
        if len(removed) >= limit:
            break
    return removed


def _contains_words(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` not glued to a word character on either side."""
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() and needle[0].isalnum()) and not (after.isalnum() and needle[-1].isalnum()):
            return True
        start = haystack.find(needle, start + 1)
    return False


__all__ = [
    "MAX_REMOVED_BLOCKS",
    "REMOVED_REASON",
    "charset_from_content_type",
    "decode_html",
    "draft_from_html",
    "paragraphs",
    "read",
    "removed_blocks",
    "split_authors",
    "text_blocks",
]
