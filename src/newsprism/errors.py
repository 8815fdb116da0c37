"""Errors newsprism raises. Libraries raise; only the CLI turns these into exit codes.

    NewsprismError                 base of everything below; ``str()`` is a one-line message that says how to fix
    ├── ConfigError                a bad setting (file, environment variable or option)
    ├── StoreError                 the store cannot be opened, migrated or written
    │   └── SchemaError            the store was written by a newer newsprism
    ├── NotFound                   no document (or record) with that id
    └── InputError                 one input cannot be ingested; the batch goes on without it
        (``reason`` is a stable short code used in summaries and the skipped-by-reason counts)

Every ``InputError`` names the input (``source``) and the problem; ``InputError.line`` is set when one line
of a container (JSON Lines, CSV) is at fault.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base class for every error newsprism raises on purpose."""


class ConfigError(NewsprismError):
    """A setting has a bad value."""


class StoreError(NewsprismError):
    """The store cannot be opened, migrated or written."""


class SchemaError(StoreError):
    """The store's schema is newer than this newsprism understands."""


class NotFound(NewsprismError):
    """No record with the requested id."""


# reason code -> what to do about it (shown after the message)
INPUT_REASONS: dict[str, str] = {
    "empty": "the input has no content",
    "binary": "newsprism reads text, markdown, HTML, JSON/JSON Lines, CSV, WARC and RSS/Atom; convert it to one of these",
    "undecodable": "the bytes are not text in any encoding we could detect; re-save it as UTF-8",
    "malformed": "fix or remove the malformed record; the rest of the file was read",
    "no-text": "no article text was left after cleaning; check that the input is an article",
    "too-large": "split the input, or raise NEWSPRISM_MAX_INPUT_MB",
    "truncated": "the archive ends early; records before the cut were read",
    "empty-feed": "the feed has no entries",
    "unreachable": "the URL could not be fetched; check the address and the network",
    "not-found": "no such file or directory",
    "unsupported": "this kind of input is not supported",
}


class InputError(NewsprismError):
    """One input (file, URL, line or record) cannot be ingested."""

    def __init__(self, source: str, reason: str, message: str, line: int | None = None):
        self.source = source
        self.reason = reason if reason in INPUT_REASONS else "unsupported"
        self.message = message
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


__all__ = [
    "INPUT_REASONS",
    "ConfigError",
    "InputError",
    "NewsprismError",
    "NotFound",
    "SchemaError",
    "StoreError",
]
