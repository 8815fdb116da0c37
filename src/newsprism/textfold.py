"""Accent folding, shared by the stages, the linker and the views.

    strip_accents("Ciudad Juárez")   -> "Ciudad Juarez"
    search_key(" López  Obrador ")    -> "lopez obrador"   (what a user's search is compared by)
"""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` without its accents: NFKD decomposition with the combining marks dropped. ASCII text, which
    decomposition leaves as it is, comes back at once."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def search_key(text: str | None) -> str:
    """Accents dropped, case folded, runs of whitespace made one space; "" for no text."""
    return " ".join(strip_accents(text).casefold().split()) if text else ""
