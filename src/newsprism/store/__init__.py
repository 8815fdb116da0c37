"""The store: documents, near-duplicate keys and the run log, on SQLite (default) or PostgreSQL.

schema.py       the tables, as the queries see them (the latest schema)
migrations.py   ordered migrations and the runner; refuses stores written by a newer newsprism
engine.py       file path / URL -> engine; SQLite pragmas (WAL, foreign keys, busy timeout); transactions
codec.py        Article <-> rows, canonical JSON, MinHash signature packing
base.py         Store and open_store: the interface everything else uses
"""

from .base import Store, open_store

__all__ = ["Store", "open_store"]
