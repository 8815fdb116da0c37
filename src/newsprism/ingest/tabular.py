"""Structured inputs: JSON Lines, JSON and CSV, one article per object or row.

    read_jsonl  one JSON object a line          Draft.source "dump.jsonl#line=N" (N: the line, from 1)
    read_json   an object, a list of objects,  "dump.json" for a lone object,
                or {"articles": [...]}          "dump.json#item=N" for the Nth object of a list (from 1)
    read_csv    a header row, then one row     "dump.csv#line=N" (N: the line the row starts on; the
                an article (, ; or tab)         header is line 1, as a spreadsheet numbers its rows)

Field names are matched through the alias table in lexicons/input_fields.yaml (``text``/``body``/``content``,
``published``/``date``, ...). The text becomes the body as it is (markup "body"); an ``html`` field goes
through the HTML reader instead. Every field given is offered with source "input" and confidence 1.0, and
everything else in the record is kept in ``Draft.metadata`` as given.

A bad line or row is yielded as an InputError (reason "malformed", or "no-text" when it has no text) and the
rest of the file is read; a file that cannot be read at all raises.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .. import lexicons
from ..errors import InputError
from .dates import iso_from_any
from .decode import decode
from .draft import Draft, RawInput
from .html import draft_from_html, split_authors

CONFIDENCE = 1.0
_SPACE = re.compile(r"\s+")
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CSV_DELIMITERS = ",;\t"
_CSV_FIELD_LIMIT = 2**31 - 1
_JSON_CONTAINERS = ("articles", "items", "documents", "data", "results")


@lru_cache(maxsize=1)
def field_aliases() -> dict[str, tuple[str, ...]]:
    """Canonical field name -> its accepted input keys (normalised), in order of preference."""
    table = lexicons.load("input_fields")["aliases"]
    return {name: tuple(_key(k) for k in keys) for name, keys in table.items()}


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Normalised input key -> canonical field name (text, html, title, url, published, ...)."""
    return {key: name for name, keys in reversed(field_aliases().items()) for key in reversed(keys)}


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


# ---------------------------------------------------------------------------------------------- JSON Lines


def read_jsonl(raw: RawInput) -> Iterator[Draft | InputError]:
    """One Draft per JSON object line; blank lines are skipped, bad lines yielded as InputErrors."""
    first = True
    for number, line_bytes, text in _jsonl_lines(raw):
        if not text.strip():
            continue
        source = f"{raw.source}#line={number}"
        try:
            record = json.loads(text)
        except ValueError as exc:
            if first and _whole_json(raw):  # a JSON document given as JSON Lines
                yield from read_json(raw)
                return
            yield InputError(
                raw.source,
                "malformed",
                f"line {number} is not valid JSON ({_json_problem(exc)})",
                line=number,
            )
            first = False
            continue
        first = False
        if not isinstance(record, dict):
            yield InputError(
                raw.source,
                "malformed",
                f"line {number} is a JSON {type(record).__name__}, not an object",
                line=number,
            )
            continue
        yield _from_record(
            record, source=source, raw=line_bytes, reader="jsonl", error_source=raw.source, line=number
        )
    if first:  # not one non-blank line
        raise InputError(raw.source, "empty", "the file has no records")


def _jsonl_lines(raw: RawInput) -> Iterator[tuple[int, bytes, str]]:
    """(line number, exact bytes without the line ending, text) for each line."""
    data = raw.data
    if data.startswith(_UTF16_32_BOMS):  # rare: a wide encoding cannot be split on b"\n"; re-encode as UTF-8
        for number, text in enumerate(decode(data, raw.source).split("\n"), 1):
            text = text.rstrip("\r")
            yield number, text.encode("utf-8"), text
        return
    for number, line in enumerate(io.BytesIO(data), 1):  # streams: one line in memory besides the input
        line = line.removesuffix(b"\n").removesuffix(b"\r")
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            text = decode(line, f"{raw.source}#line={number}") if line.strip() else ""
        yield number, line, text


def _whole_json(raw: RawInput) -> bool:
    try:
        json.loads(decode(raw.data, raw.source))
        return True
    except (ValueError, InputError):
        return False


def _json_problem(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)


# ---------------------------------------------------------------------------------------------- JSON


def read_json(raw: RawInput) -> Iterator[Draft | InputError]:
    """One Draft per article object: a lone object, a list of objects, or {"articles": [...]}."""
    text = decode(raw.data, raw.source)
    if not text.strip():
        raise InputError(raw.source, "empty", "the file is empty")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            raw.source, "malformed", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    items = _json_articles(document)
    if items is None:
        if isinstance(document, dict):
            yield _from_record(
                document, source=raw.source, raw=_canonical(document), reader="json", error_source=raw.source
            )
            return
        raise InputError(
            raw.source,
            "malformed",
            f"expected an article object or a list of them, found a JSON {type(document).__name__}",
        )
    if not items:
        raise InputError(raw.source, "empty", "the file holds an empty list of articles")
    for number, item in enumerate(items, 1):
        source = f"{raw.source}#item={number}"
        if not isinstance(item, dict):
            yield InputError(
                source, "malformed", f"item {number} is a JSON {type(item).__name__}, not an object"
            )
            continue
        yield _from_record(item, source=source, raw=_canonical(item), reader="json", error_source=source)


def _json_articles(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and not any(aliases().get(_key(k)) in ("text", "html") for k in document):
        for key in _JSON_CONTAINERS:
            if isinstance(document.get(key), list):
                return document[key]
    return None


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode(
        "utf-8"
    )


# ---------------------------------------------------------------------------------------------- CSV


def read_csv(raw: RawInput) -> Iterator[Draft | InputError]:
    """One Draft per data row under a header row; the delimiter is sniffed among comma, semicolon and tab."""
    text = decode(raw.data, raw.source).lstrip("\ufeff")
    if not text.strip():
        raise InputError(raw.source, "empty", "the file is empty")
    previous_limit = csv.field_size_limit(_CSV_FIELD_LIMIT)  # article bodies exceed the 128 KB default
    try:
        yield from _csv_rows(raw, text)
    finally:
        csv.field_size_limit(previous_limit)


def _csv_rows(raw: RawInput, text: str) -> Iterator[Draft | InputError]:
    lines = _LineTap(text)
    reader = csv.reader(lines, delimiter=_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(raw.source, "empty", "the file is empty") from None
    except csv.Error as exc:
        raise InputError(raw.source, "malformed", f"cannot read the header row ({exc})") from None
    header = [h.strip() for h in header]
    if not any(aliases().get(_key(h)) in ("text", "html") for h in header):
        wanted = ", ".join(k for k, v in aliases().items() if v in ("text", "html"))
        raise InputError(raw.source, "no-text", f"no text column in the header (expected one of: {wanted})")
    lines.take()
    while True:
        number = lines.count + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lines.take()
            yield InputError(
                raw.source, "malformed", f"row at line {number} cannot be read ({exc})", line=number
            )
            continue
        row_text = lines.take().rstrip("\r\n")
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            yield InputError(
                raw.source,
                "malformed",
                f"row at line {number} has {len(row)} fields, the header has {len(header)}",
                line=number,
            )
            continue
        record = {name: value for name, value in zip(header, row) if name or value}
        yield _from_record(
            record,
            source=f"{raw.source}#line={number}",
            raw=row_text.encode("utf-8"),
            reader="csv",
            error_source=raw.source,
            line=number,
        )


class _LineTap:
    """Feeds csv.reader line by line and remembers the lines of the current row (for Draft.raw)."""

    def __init__(self, text: str):
        self._lines = iter(io.StringIO(text, newline=""))
        self._taken: list[str] = []
        self.count = 0

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._taken.append(line)
        self.count += 1
        return line

    def take(self) -> str:
        text = "".join(self._taken)
        self._taken.clear()
        return text


def _delimiter(text: str) -> str:
    """The delimiter among comma, semicolon and tab that splits the header row into the most columns.

    The header decides because column names seldom hold a delimiter while article text often holds all
    three. A one-column file gets the candidate that occurs least, so its text is never split."""
    header = text.split("\n", 1)[0].rstrip("\r")
    widths = {d: len(next(csv.reader([header], delimiter=d), [])) for d in _CSV_DELIMITERS}
    best = max(_CSV_DELIMITERS, key=lambda d: widths[d])  # ties: the first in , ; tab order
    if widths[best] > 1:
        return best
    sample = text[:65536]
    return min(_CSV_DELIMITERS, key=sample.count)


# ---------------------------------------------------------------------------------------------- records


def _from_record(
    record: dict[str, Any],
    *,
    source: str,
    raw: bytes,
    reader: str,
    error_source: str,
    line: int | None = None,
) -> Draft | InputError:
    """A Draft from one article record, or an InputError for a record without text."""
    by_key: dict[str, str] = {}
    for key in record:
        by_key.setdefault(_key(key), key)
    given: dict[str, tuple[str, Any]] = {}
    for name, keys in field_aliases().items():
        for normalised in keys:
            key = by_key.get(normalised)
            if key is not None and not _blank(record[key]):
                given[name] = (key, record[key])
                break
    chosen = {key for key, _ in given.values()}
    metadata = {key: value for key, value in record.items() if key not in chosen}
    where = f"line {line}" if line is not None else "the record"
    text = _text(given.get("text", (None, None))[1])
    url = _string(given.get("url", (None, None))[1])

    if text:
        draft = Draft(source=source, reader=reader, raw=raw, text=text, markup="body")
    elif isinstance(given.get("html", (None, None))[1], str):
        try:
            draft = draft_from_html(given["html"][1], source=source, raw=raw, url=url, reader=reader)
        except InputError as exc:
            return InputError(error_source, exc.reason, f"{where}: {exc.message}", line=line)
    else:
        names = ", ".join(k for k, v in aliases().items() if v in ("text", "html"))
        return InputError(error_source, "no-text", f"{where} has no text (looked for: {names})", line=line)

    if text and "html" in given:  # the text is the body; the page it came from is kept as given
        metadata[given["html"][0]] = given["html"][1]
    if not text and "text" in given:
        metadata[given["text"][0]] = given["text"][1]
    _offer_given(draft, given, metadata)
    draft.metadata.update(metadata)
    return draft


def _offer_given(draft: Draft, given: dict[str, tuple[str, Any]], metadata: dict[str, Any]) -> None:
    for name in ("title", "url", "outlet", "language"):
        if name not in given:
            continue
        key, value = given[name]
        text = _string(value)
        if text is None:
            metadata[key] = value
            continue
        if name == "language":
            text = text.lower().replace("_", "-")
        draft.offer(name, text, "input", CONFIDENCE, f"{key}: {text}")
    if "authors" in given:
        key, value = given["authors"]
        names = split_authors(value)
        if names:
            draft.offer("authors", names, "input", CONFIDENCE, f"{key}: {value}")
        else:
            metadata[key] = value
    if "published" in given:
        key, value = given["published"]
        try:
            iso = iso_from_any(value)
        except (ValueError, OverflowError, OSError, TypeError):
            iso = None
        if iso:
            draft.offer("published", iso, "input", CONFIDENCE, f"{key}: {value}")
        else:
            metadata["published_raw"] = value


def _blank(value: Any) -> bool:
    return value is None or (
        isinstance(value, (str, list, dict)) and not (value.strip() if isinstance(value, str) else value)
    )


def _string(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def _text(value: Any) -> str | None:
    """A text field as the body: a string, or a list of paragraph strings joined by blank lines."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value if v.strip())
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip("\n")


__all__ = ["aliases", "field_aliases", "read_csv", "read_json", "read_jsonl"]
