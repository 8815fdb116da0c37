"""Accent folding shared by the stages, the linker and the views (newsprism.textfold)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsprism.textfold import search_key, strip_accents


def test_accents_are_dropped_and_ascii_comes_back_unchanged():
    assert strip_accents("Ciudad Juárez, São Paulo, Zürich") == "Ciudad Juarez, Sao Paulo, Zurich"
    assert strip_accents("plain ASCII, with 'quotes'") == "plain ASCII, with 'quotes'"
    assert strip_accents("") == ""


@given(st.text(max_size=30))
def test_strip_accents_is_decomposition_without_combining_marks(text):
    decomposed = unicodedata.normalize("NFKD", text)
    assert strip_accents(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


def test_search_key_folds_case_accents_and_spacing():
    assert search_key("  López\n Obrador ") == "lopez obrador"
    assert search_key(None) == search_key("") == ""
