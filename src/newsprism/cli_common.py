"""What every CLI module shares: the consoles, exit codes, and opening the corpus with a one-line error."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from .api import Corpus, open_corpus
from .errors import NewsprismError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_NOTHING, EXIT_STRICT, EXIT_STORE = 1, 3, 4
DB_HELP = "Store: a SQLite file (default newsprism.db, or NEWSPRISM_DB) or a postgresql:// URL."


def _open(db: str | None, **overrides: Any) -> Corpus:
    try:
        return open_corpus(db, **overrides)
    except NewsprismError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(EXIT_STORE)


def _fail(exc: Exception, code: int = EXIT_STORE) -> None:
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    sys.exit(code)
