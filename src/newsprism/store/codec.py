"""Between records and rows: an Article becomes rows for each document table, and rows become an Article.

Pure functions, no database access. JSON is written one way everywhere (``dumps``), so a value stored on
SQLite and on PostgreSQL is the same text, and reads back equal.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from ..records import Article, Comment, Link, Provenance, Removed

ZLIB_LEVEL = 6


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> str:
    """Canonical JSON text: sorted keys, UTF-8 characters kept as they are (one encoder, made once)."""
    return _CANONICAL.encode(value)


def dumps_lenient(value: Any) -> str:
    """``dumps`` for run bookkeeping: values JSON cannot hold (paths, dates) are written as strings."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def pack_signature(signature: Sequence[int]) -> bytes:
    """A MinHash signature as uint64 values packed little-endian."""
    try:
        return struct.pack(f"<{len(signature)}Q", *signature)
    except struct.error as exc:
        raise StoreError(f"a MinHash signature must hold integers in [0, 2**64): {exc}") from None


def unpack_signature(data: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(data) // 8}Q", data))


def document_rows(
    article: Article,
    *,
    raw: bytes | None,
    raw_location: str | None,
    signature: Sequence[int] | None,
    bands: Iterable[str],
    line_hashes: Iterable[str],
) -> dict[str, list[dict[str, Any]]]:
    """Rows per table name for one document; raises StoreError for what no engine can store."""
    doc_id = article.id
    try:
        document = {
            "id": doc_id,
            "source": article.source,
            "reader": article.reader,
            "outlet": article.outlet,
            "url": article.url,
            "title": article.title,
            "authors": dumps(list(article.authors)),
            "published": article.published,
            "published_source": article.published_source,
            "published_confidence": article.published_confidence,
            "language": article.language,
            "body": article.body,
            "fields": dumps({name: prov.as_dict() for name, prov in article.fields.items()}),
            "metadata": dumps(article.metadata),
            "duplicate_of": article.duplicate_of,
            "similarity": article.similarity,
            "raw_sha256": article.raw_sha256,
            "raw_size": article.raw_size,
            "words": article.words,
            "ingested_at": now(),
        }
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"{doc_id}: metadata and field values must be JSON values (text, numbers, lists, dicts): {exc}"
        ) from None
    if raw is not None:
        raw_row = {
            "data": zlib.compress(raw, ZLIB_LEVEL),
            "location": raw_location,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "size": len(raw),
        }
    else:
        raw_row = {
            "data": None,
            "location": raw_location,
            "sha256": article.raw_sha256,
            "size": article.raw_size,
        }
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [document],
        "comments": [
            {
                "document": doc_id,
                "seq": seq,
                "position": c.position,
                "author": c.author,
                "posted": c.posted,
                "raw_posted": c.raw_posted,
                "title": c.title,
                "text": c.text,
            }
            for seq, c in enumerate(article.comments)
        ],
        "removed": [
            {"document": doc_id, "seq": seq, "text": r.text, "reason": r.reason, "detail": r.detail}
            for seq, r in enumerate(article.removed)
        ],
        "links": [
            {
                "document": doc_id,
                "seq": seq,
                "start_offset": link.start,
                "end_offset": link.end,
                "text": link.text,
                "url": link.url,
            }
            for seq, link in enumerate(article.links)
        ],
        "raw": [{"document": doc_id, **raw_row}],
        "minhash": []
        if signature is None
        else [{"document": doc_id, "signature": pack_signature(signature)}],
        "minhash_bands": [{"band_key": key, "document": doc_id} for key in dict.fromkeys(bands)],
        "outlet_lines": [
            {"outlet": article.outlet or "", "line_hash": h, "document": doc_id}
            for h in dict.fromkeys(line_hashes)
        ],
    }
    _check_text(doc_id, rows)
    return rows


def _check_text(doc_id: str, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuse NUL characters on both engines alike (PostgreSQL TEXT cannot hold them; JSON escapes them)."""
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if isinstance(value, str) and "\x00" in value:
                    raise StoreError(
                        f"{doc_id}: {table}.{column} contains a NUL character (\\x00), "
                        "which the store cannot hold; remove it before storing"
                    )


def article_from_rows(
    doc: Mapping[str, Any],
    comments: Iterable[Mapping[str, Any]] = (),
    removed: Iterable[Mapping[str, Any]] = (),
    links: Iterable[Mapping[str, Any]] = (),
) -> Article:
    """Rebuild the Article from its document row and its child rows (each already in ``seq`` order)."""
    return Article(
        id=doc["id"],
        source=doc["source"],
        reader=doc["reader"],
        body=doc["body"],
        title=doc["title"],
        authors=tuple(json.loads(doc["authors"])),
        published=doc["published"],
        published_source=doc["published_source"],
        published_confidence=doc["published_confidence"],
        outlet=doc["outlet"],
        url=doc["url"],
        language=doc["language"],
        fields={name: Provenance.from_dict(value) for name, value in json.loads(doc["fields"]).items()},
        comments=tuple(
            Comment(
                position=c["position"],
                text=c["text"],
                author=c["author"],
                posted=c["posted"],
                title=c["title"],
                raw_posted=c["raw_posted"],
            )
            for c in comments
        ),
        removed=tuple(Removed(text=r["text"], reason=r["reason"], detail=r["detail"]) for r in removed),
        links=tuple(
            Link(start=link["start_offset"], end=link["end_offset"], text=link["text"], url=link["url"])
            for link in links
        ),
        metadata=json.loads(doc["metadata"]),
        duplicate_of=doc["duplicate_of"],
        similarity=doc["similarity"],
        raw_sha256=doc["raw_sha256"],
        raw_size=doc["raw_size"],
    )


def decompress(data: bytes | memoryview | None) -> bytes | None:
    return None if data is None else zlib.decompress(bytes(data))
