"""User corrections to entity linking: JSON-ready dicts keyed by names, never by entity ids.

    {"op": "merge", "names": ["AMLO", "Andrés Manuel López Obrador"]}        one entity
    {"op": "split", "entity_name": "Joaquín Guzmán", "names": ["Guzmán"]}   these names leave that entity
    {"op": "rename", "entity_name": "AMLO", "name": "Andrés Manuel López Obrador"}
        (a rename may add "names": more names of the entity, used when no form matches entity_name)

Each may carry ``"type"`` (person, org, place, group, other) to match names of that type only, and
``"source": "aliases"`` when it was made from an aliases file. Names are matched by their folded forms
("Lopez" matches "López"), and may name forms no document has yet: they apply when those arrive. The
linker applies corrections after automatic linking, every time it resolves, so they survive re-runs:
merges first, then splits (in list order), then renames (the last one wins).

An aliases file is YAML, ``{canonical name: [alias, ...]}`` or ``{canonical name: {type: org, aliases:
[...]}}``; each entry becomes a merge of all its names and a rename to the canonical name.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError
from newsprism.link.names import TYPES


def _correction(op: str, **fields: Any) -> dict[str, Any]:
    return {"op": op, **{k: v for k, v in fields.items() if v is not None}}


def merge(*names: str, type: str | None = None) -> dict[str, Any]:
    """A correction: the entities carrying these names are one."""
    return _correction("merge", names=list(names), type=type)


def split(entity_name: str, *names: str, type: str | None = None) -> dict[str, Any]:
    """A correction: these names leave the entity that carries ``entity_name``."""
    return _correction("split", entity_name=entity_name, names=list(names), type=type)


def rename(entity_name: str, name: str, type: str | None = None) -> dict[str, Any]:
    """A correction: the entity carrying ``entity_name`` is called ``name``."""
    return _correction("rename", entity_name=entity_name, name=name, type=type)


def aliases_corrections(mapping: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Corrections from an aliases mapping ``{canonical: [alias, ...] | {type:, aliases: [...]}}``."""
    out = []
    for canonical, value in (mapping or {}).items():
        type_ = None
        if isinstance(value, Mapping):
            type_, value = value.get("type"), value.get("aliases") or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or (type_ is not None and type_ not in TYPES):
            raise ConfigError(
                f"aliases: {canonical!r} should map to a list of aliases or to {{type: person|org|place|"
                f"group|other, aliases: [...]}}"
            )
        names = [str(canonical)] + [str(v) for v in value]
        out.append({**merge(*names, type=type_), "source": "aliases"})
        renamed = rename(str(canonical), str(canonical), type=type_)
        out.append({**renamed, "names": names[1:], "source": "aliases"})
    return out


def load_aliases(path: str | Path) -> list[dict[str, Any]]:
    """Corrections from an aliases YAML file (see ``aliases_corrections``)."""
    import yaml

    from newsprism import lexicons

    try:
        data = lexicons.yaml_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).split())  # YAML's messages run over several lines: one line
        raise ConfigError(f"cannot read the aliases file {path}: {detail}; fix the file or its path") from exc
    if not isinstance(data, Mapping):
        raise ConfigError(f"the aliases file {path} should be a mapping: canonical name -> [alias, ...]")
    return aliases_corrections(data)


def check_correction(c: Mapping[str, Any]) -> dict[str, Any]:
    op = c.get("op")
    needs = {"merge": ("names",), "split": ("entity_name", "names"), "rename": ("entity_name", "name")}
    if op not in needs or any(not c.get(k) for k in needs[op]):
        raise ConfigError(f"bad correction {dict(c)!r}: expected one of {needs} with those keys filled")
    if c.get("type") is not None and c["type"] not in TYPES:
        raise ConfigError(f"bad correction {dict(c)!r}: type must be one of {', '.join(TYPES)}")
    return dict(c)
