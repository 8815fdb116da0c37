"""The stage registry: which per-document stages exist, in which order they run, and what each needs.

A stage is pure: ``run(article, doc, ctx) -> list[record]`` with no I/O and no globals. ``doc`` is the
spaCy ``Doc`` of ``article.body`` when the stage ``needs_nlp``, else None. ``ctx.results`` holds the records
the earlier stages made for the same article, by stage name, so ``places`` can read the ``entities``
mentions. Every record a stage returns carries ``stage == f"{name}@{version}"``; bumping ``version`` makes
``Corpus.analyse`` re-run the stage on every stored document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from ..records import Article


@dataclass(frozen=True)
class StageContext:
    """What a stage may read besides the article and its Doc."""

    settings: Mapping[str, Any] = field(default_factory=dict)
    results: Mapping[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class Stage:
    name: str
    version: int
    module: str  # the module under newsprism.stages holding ``run``
    needs_nlp: bool
    after: tuple[str, ...] = ()  # stages whose records this one reads through ctx.results

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"

    def runner(self) -> Callable[[Article, Any, StageContext], list]:
        return import_module(f"newsprism.stages.{self.module}").run


STAGES: tuple[Stage, ...] = (
    Stage("times", 1, "times", needs_nlp=False),
    Stage("entities", 1, "entities", needs_nlp=True),
    Stage("places", 1, "places", needs_nlp=False, after=("entities",)),
    Stage("quotes", 1, "quotes", needs_nlp=True, after=("entities",)),
    Stage("figures", 1, "figures", needs_nlp=True, after=("entities", "times", "quotes")),
    Stage("causal", 1, "causal", needs_nlp=True, after=("quotes",)),
)


def stage(name: str) -> Stage:
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(f"no stage named {name!r}; stages: {', '.join(s.name for s in STAGES)}")


def select(names: list[str] | tuple[str, ...] | None = None) -> tuple[Stage, ...]:
    """The stages to run, in registry order, with the stages they read added."""
    if not names:
        return STAGES
    wanted = {stage(n).name for n in names}
    grew = True
    while grew:
        grew = False
        for s in STAGES:
            if s.name in wanted:
                for dep in s.after:
                    if dep not in wanted:
                        wanted.add(dep)
                        grew = True
    return tuple(s for s in STAGES if s.name in wanted)
