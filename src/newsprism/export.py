"""Exports: records out of newsprism in open formats that other tools read.

Two separate steps, so that new record kinds can be exported without touching the writers:

    rows   ``document_row(article)`` turns one record into a flat-ish dict with a fixed key order
    write  ``write_rows(rows, fmt, out)`` streams any dicts to JSON Lines, CSV or Parquet

The ``documents`` row is a stable format (docs/export-format.md): its keys, their order and their meaning
only ever grow, never change. Later record kinds (entities, mentions, places, times, quotes, figures,
claims) get their own ``*_row`` function; ``write_rows`` needs nothing new for them.

``write_rows`` never holds the corpus in memory: JSON Lines and CSV are written row by row, Parquet in row
groups of ``PARQUET_ROW_GROUP`` rows.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import secrets
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from .records import Article

FORMATS = ("jsonl", "csv", "parquet")

# The keys of a documents row, in order. Append only: tools read these by name.
DOCUMENT_KEYS = (
    "id",
    "source",
    "outlet",
    "url",
    "title",
    "authors",
    "published",
    "published_source",
    "published_confidence",
    "language",
    "body",
    "comments",
    "removed",
    "duplicate_of",
    "similarity",
    "metadata",
)

# Keys newsprism itself adds to a row's "metadata" object. An input field with one of these names is kept
# under "input:<name>" instead, so nothing the user gave is lost.
METADATA_RESERVED = ("fields", "links", "reader")

# Parquet column types for names whose type cannot be guessed from a first chunk that happens to hold only
# nulls (a corpus without duplicates has no similarity values). Types: string, int, float, bool,
# list<string>, json. Later row kinds add their own names here.
COLUMN_TYPES: dict[str, str] = {
    "published_confidence": "float",
    "similarity": "float",
    "confidence": "float",
    "start": "int",
    "end": "int",
    "position": "int",
    "authors": "list<string>",
    "comments": "json",
    "removed": "json",
    "metadata": "json",
    "cue": "json",
    "counted": "json",
    "scope": "json",
    "source": "json",
    "cause": "json",
    "effect": "json",
    "signal": "json",
    "about": "list<string>",
    "outlets": "json",
}

PARQUET_ROW_GROUP = 1000


def document_row(article: Article) -> dict[str, Any]:
    """One article as a ``documents`` export row (keys in ``DOCUMENT_KEYS`` order)."""
    metadata: dict[str, Any] = {}
    for key, value in article.metadata.items():
        metadata[f"input:{key}" if key in METADATA_RESERVED else key] = value
    metadata["fields"] = {
        name: {
            "value": _plain(prov.value),
            "source": prov.source,
            "confidence": prov.confidence,
            "evidence": prov.evidence,
        }
        for name, prov in article.fields.items()
    }
    metadata["links"] = [
        {"start": link.start, "end": link.end, "text": link.text, "url": link.url} for link in article.links
    ]
    metadata["reader"] = article.reader
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "published_source": article.published_source,
        "published_confidence": article.published_confidence,
        "language": article.language,
        "body": article.body,
        "comments": [
            {
                "author": c.author,
                "posted": c.posted,
                "text": c.text,
                "title": c.title,
                "position": c.position,
            }
            for c in article.comments
        ],
        "removed": [{"text": r.text, "reason": r.reason, "detail": r.detail} for r in article.removed],
        "duplicate_of": article.duplicate_of,
        "similarity": article.similarity,
        "metadata": metadata,
    }


def write_rows(
    rows: Iterable[Mapping[str, Any]],
    fmt: str,
    out: str | Path | BinaryIO | TextIO | None,
    *,
    columns: Sequence[str] | None = None,
) -> int:
    """Write ``rows`` as ``fmt`` (one of ``FORMATS``) to ``out`` and return how many rows were written.

    ``out`` is a path, an open text or binary stream (left open), or ``None``/``"-"`` for standard output.
    ``columns`` fixes the CSV header and Parquet columns (otherwise: the first row's keys); it also lets an
    empty export still carry its header. A row with a key outside the columns, or a value the format
    cannot hold (a float that is not finite in JSON), raises ``ValueError`` naming the row. A path is
    written through a temporary file beside it and renamed into place only when every row is written, so a
    failed export leaves no half file and an earlier file at that path untouched.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    if not isinstance(out, (str, Path)) or out == "-" or not _replaceable(Path(out)):
        return writer(iter(rows), out, columns)
    target = Path(out)
    # created by the writer itself, so it gets the usual permissions (mkstemp's would be private)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        count = writer(iter(rows), partial, columns)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return count


def _replaceable(target: Path) -> bool:
    """Whether ``target`` can be written by renaming a finished file onto it: a regular file or a new
    name in an existing folder; not a device, a pipe ("/dev/stdout") or a symbolic link (the link stays)."""
    if target.is_symlink():
        return False
    return target.is_file() if target.exists() else target.parent.is_dir()


# --- values -------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a provenance value (tuples become lists)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# Characters JSON leaves raw that str.splitlines() and some tools treat as line breaks.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json(value: Any, number: int | None = None) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:  # inf or nan: JSON has no such number
        where = f"row {number}: " if number is not None else ""
        raise ValueError(
            f"{where}a value is not a finite number, which JSON cannot hold: {value!r:.200}"
        ) from None
    for char, escape in _LINE_BREAKS.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def _columns_for(first: Mapping[str, Any] | None, columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(first.keys()) if first is not None else []


def _check_keys(row: Mapping[str, Any], columns: Sequence[str], number: int) -> None:
    extra = [k for k in row if k not in columns]
    if extra:
        raise ValueError(
            f"row {number} has keys not in the columns {list(columns)}: {extra}; "
            "every row of one export must have the same keys"
        )


# --- streams ------------------------------------------------------------------------------------------


def _is_binary(stream: IO[Any]) -> bool:
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in getattr(stream, "mode", "")


@contextlib.contextmanager
def _text_out(out: str | Path | IO[Any] | None, newline: str | None = None) -> Iterator[TextIO]:
    """A text stream for ``out``: opens (and closes) paths, wraps binary streams, leaves given ones open."""
    if out is None or out == "-":
        yield sys.stdout
        sys.stdout.flush()
    elif isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
    elif _is_binary(out):
        wrapper = io.TextIOWrapper(
            out,  # type: ignore[arg-type]
            encoding="utf-8",
            newline=newline,
            write_through=True,
        )
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()  # leave the caller's stream open
    else:
        yield out  # type: ignore[misc]
        out.flush()


class _Tell:
    """A write-only binary stream that counts bytes, for pipes that cannot ``tell()``."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.raw.write(data)
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        self.raw.flush()

    def close(self) -> None:  # the caller's stream stays open
        self.flush()
        self.closed = True


def _binary_out(out: str | Path | IO[Any] | None) -> str | _Tell:
    if isinstance(out, (str, Path)) and out != "-":
        return str(out)
    if out is None or out == "-":
        return _Tell(sys.stdout.buffer)
    if _is_binary(out):
        return _Tell(out)  # type: ignore[arg-type]
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        raise ValueError("parquet is a binary format: give a path or a binary stream, not a text stream")
    out.flush()
    return _Tell(buffer)


# --- writers ------------------------------------------------------------------------------------------


def _write_jsonl(rows: Iterator[Mapping[str, Any]], out: Any, columns: Sequence[str] | None) -> int:
    count = 0
    with _text_out(out) as stream:
        for count, row in enumerate(rows, 1):
            if columns is not None:
                _check_keys(row, columns, count)
                row = {key: row.get(key) for key in columns}
            stream.write(_json(row, count))
            stream.write("\n")
    return count


def _csv_cell(value: Any, number: int) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return _json(_plain(value), number)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(rows: Iterator[Mapping[str, Any]], out: Any, columns: Sequence[str] | None) -> int:
    first = next(rows, None)
    names = _columns_for(first, columns)
    count = 0
    with _text_out(out, newline="") as stream:
        if not names:
            return 0
        writer = csv.writer(stream)
        writer.writerow(names)
        for count, row in enumerate(itertools.chain([first] if first is not None else [], rows), 1):
            _check_keys(row, names, count)
            writer.writerow([_csv_cell(row.get(name), count) for name in names])
    return count


def _guess_type(name: str, values: list[Any]) -> str:
    if name in COLUMN_TYPES:
        return COLUMN_TYPES[name]
    present = [v for v in values if v is not None]
    if not present:
        return "string"
    if all(isinstance(v, bool) for v in present):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float"
    if all(isinstance(v, str) for v in present):
        return "string"
    if all(isinstance(v, (list, tuple)) and all(isinstance(i, str) for i in v) for v in present):
        return "list<string>"
    return "json"


def _parquet_value(value: Any, kind: str, name: str, number: int) -> Any:
    if value is None:
        return None
    if kind == "json":
        return _json(_plain(value), number)
    if kind == "string":
        return value if isinstance(value, str) else _json(_plain(value), number)
    if kind == "list<string>":
        if isinstance(value, (list, tuple)) and all(isinstance(i, str) for i in value):
            return list(value)
    elif kind == "bool":
        if isinstance(value, bool):
            return value
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    raise ValueError(
        f"row {number}: column {name!r} was typed {kind} from the first rows, but holds {value!r}; "
        "export to jsonl, or give the column a type in newsprism.export.COLUMN_TYPES"
    )


def _write_parquet(rows: Iterator[Mapping[str, Any]], out: Any, columns: Sequence[str] | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {
        "string": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
    }
    chunk = list(itertools.islice(rows, PARQUET_ROW_GROUP))
    names = _columns_for(chunk[0] if chunk else None, columns)
    for number, row in enumerate(chunk, 1):
        _check_keys(row, names, number)
    kinds = {name: _guess_type(name, [row.get(name) for row in chunk]) for name in names}
    schema = pa.schema([pa.field(name, arrow[kinds[name]]) for name in names])
    sink = _binary_out(out)
    count = 0
    writer = pq.ParquetWriter(sink, schema)
    try:
        while chunk:
            data = {name: [] for name in names}  # type: dict[str, list[Any]]
            for row in chunk:
                count += 1
                _check_keys(row, names, count)
                for name in names:
                    data[name].append(_parquet_value(row.get(name), kinds[name], name, count))
            writer.write_table(pa.Table.from_pydict(data, schema=schema), row_group_size=PARQUET_ROW_GROUP)
            chunk = list(itertools.islice(rows, PARQUET_ROW_GROUP))
    finally:
        writer.close()
        if isinstance(sink, _Tell):
            sink.flush()
    return count


__all__ = [
    "COLUMN_TYPES",
    "DOCUMENT_KEYS",
    "FORMATS",
    "METADATA_RESERVED",
    "PARQUET_ROW_GROUP",
    "document_row",
    "write_rows",
]
