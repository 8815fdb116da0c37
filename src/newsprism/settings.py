"""Settings: one declarative table, layered defaults < file < environment (NEWSPRISM_*) < explicit values.

The file is ``newsprism.toml`` in the working directory (or the path in ``NEWSPRISM_CONFIG``), with the
settings at top level or under ``[newsprism]``. The CLI passes its options as explicit values.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "NEWSPRISM_" + self.name.upper()


TABLE: tuple[Setting, ...] = (
    Setting("db", "newsprism.db", "Store: a SQLite file path or a postgresql:// URL."),
    Setting("max_input_mb", 200.0, "Largest input read (MB); a larger file is skipped with a message saying so."),
    Setting("raw_store_mb", 20.0, "Raw inputs up to this size (MB) are stored compressed; larger ones by hash and location."),
    Setting("near_duplicate_threshold", 0.8, "MinHash Jaccard similarity at which a document is a near-duplicate."),
    Setting("minhash_permutations", 128, "MinHash permutations (signature length)."),
    Setting("shingle_words", 5, "Words per shingle for near-duplicate detection."),
    Setting("repeat_line_documents", 3, "A short line in this many documents of one outlet is boilerplate."),
    Setting("batch_size", 200, "Documents parsed before repeated lines are counted and the batch is written."),
    Setting("analyse", True, "Run the analysis stages (times, entities, places) and the entity linker after ingest."),
    Setting("model", "sm", "spaCy model: sm (en_core_web_sm) or md (en_core_web_md, with vectors), or a package name."),
    Setting("processes", 1, "Worker processes for spaCy parsing (each loads the model once)."),
    Setting("nlp_batch_size", 32, "Documents per spaCy batch."),
    Setting("aliases", "", "A YAML file of entity aliases ({canonical name: [alias, ...]}) applied when linking."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL."),
    Setting("user_agent", "newsprism/0.1 (+https://github.com/newsprism)", "User-Agent sent when fetching URLs."),
)

_BY_NAME = {s.name: s for s in TABLE}


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{origin}: {setting.name} must be {kind.__name__}, got {value!r} ({setting.help})"
        ) from None


def _file_values(path: Path | None) -> tuple[dict[str, Any], str]:
    if path is None:
        env_path = os.environ.get("NEWSPRISM_CONFIG")
        path = Path(env_path) if env_path else Path("newsprism.toml")
        if not env_path and not path.exists():
            return {}, ""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return dict(data.get("newsprism", data)), str(path)


def load(overrides: dict[str, Any] | None = None, config_file: Path | None = None) -> dict[str, Any]:
    """Resolve every setting. ``overrides`` (e.g. CLI options) win; None values are ignored."""
    values = {s.name: s.default for s in TABLE}
    file_values, origin = _file_values(config_file)
    for name, value in file_values.items():
        if name not in _BY_NAME:
            raise ConfigError(f"{origin}: unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
        values[name] = _coerce(_BY_NAME[name], value, origin)
    for s in TABLE:
        if s.env in os.environ:
            values[s.name] = _coerce(s, os.environ[s.env], s.env)
    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
        values[name] = _coerce(_BY_NAME[name], value, name)
    return values


def describe() -> list[tuple[str, Any, str, str]]:
    """(name, default, environment variable, help) for docs and ``newsprism config``."""
    return [(s.name, s.default, s.env, s.help) for s in TABLE]
