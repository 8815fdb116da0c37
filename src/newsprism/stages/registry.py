"""The stage registry: which per-document stages exist, in which order they run, and what each needs.

A stage is pure: ``run(article, doc, ctx) -> list[record]`` with no I/O and no globals. ``doc`` is the
spaCy ``Doc`` of ``article.body`` when the stage ``needs_nlp``, else None. ``ctx.results`` holds the records
the earlier stages made for the same article, by stage name, so ``places`` can read the ``entities``
mentions. Every record a stage returns carries ``stage == f"{name}@{version}"``, the ``STAGE`` tag of its module;
bumping the version there makes ``Corpus.analyse`` re-run the stage on every stored document.
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
    module: str  # the module under newsprism.stages holding ``run`` and its ``STAGE`` tag ("quotes@2")
    needs_nlp: bool
    after: tuple[str, ...] = ()  # stages whose records this one reads through ctx.results

    @property
    def tag(self) -> str:
        """The tag every record of this stage carries, read from the stage module: one place to bump."""
        mod = import_module(f"newsprism.stages.{self.module}")
        tag = getattr(mod, "STAGE", None) or mod.TAG
        if tag.split("@")[0] != self.name:
            raise ValueError(f"stage module {self.module} is tagged {tag!r}, not {self.name}@N")
        return tag

    @property
    def version(self) -> int:
        return int(self.tag.split("@")[1])

    def runner(self) -> Callable[[Article, Any, StageContext], list]:
        return import_module(f"newsprism.stages.{self.module}").run


STAGES: tuple[Stage, ...] = (
    Stage("times", "times", needs_nlp=False),
    Stage("entities", "entities", needs_nlp=True),
    Stage("places", "places", needs_nlp=False, after=("entities",)),
    Stage("quotes", "quotes", needs_nlp=True, after=("entities",)),
    Stage("figures", "figures", needs_nlp=True, after=("entities", "times", "quotes")),
    Stage("causal", "causal", needs_nlp=True, after=("quotes",)),
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
