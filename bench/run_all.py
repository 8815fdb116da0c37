#!/usr/bin/env python3
"""Run every benchmark with --check against the floors in bench/baseline.json; exit non-zero if any fails."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["article_extraction", "geo", "timeml", "entity_links", "entities", "polnear", "causal_news", "newsquant"]


def main() -> int:
    worst = 0
    for name in BENCHES:
        spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {name}", flush=True)
        worst = max(worst, module.main(["--check"]) or 0)
    return worst


if __name__ == "__main__":
    sys.exit(main())
