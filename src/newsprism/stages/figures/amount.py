"""One amount found in text (:mod:`.scan`), before it becomes a figure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    num_start: int  # where the number itself starts (after qualifier and currency)
    kind: str  # digits, word, weak, fraction, vague, a_scale
    high: float | None = None
    unit: str | None = None
    family: str | None = None
    qualifier: str | None = None
    bound: str = "exact"
    scaled: bool = False
    currency: bool = False
    reason: str = ""
