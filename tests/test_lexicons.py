"""The lexicon files as data: how YAML reads them."""

from __future__ import annotations

from importlib import resources

from newsprism import lexicons


def test_yes_no_on_off_are_words_and_only_true_false_are_booleans():
    data = lexicons.yaml_load("words: [on, off, no, yes, On, NO]\nflag: true\nother: False\nn: 3")
    assert data == {"words": ["on", "off", "no", "yes", "On", "NO"], "flag": True, "other": False, "n": 3}


def _booleans_in_lists(value, path=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _booleans_in_lists(inner, f"{path}/{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            if isinstance(inner, bool):
                yield f"{path}[{i}]"
            yield from _booleans_in_lists(inner, f"{path}[{i}]")


def test_no_lexicon_list_holds_a_boolean():
    names = [f.name[:-5] for f in resources.files("newsprism.lexicons").iterdir() if f.name.endswith(".yaml")]
    assert len(names) > 10
    found = [f"{name}.yaml{where}" for name in names for where in _booleans_in_lists(lexicons.load(name))]
    assert found == []


def test_a_patterns_required_text_is_in_every_text_it_matches():
    import re

    rx = re.compile(r"\bcopyright \d{4} the Associated Press", re.IGNORECASE)
    assert lexicons.required_text(rx) == " the associated press"
    for text in ("COPYRIGHT 2024 THE ASSOCIATED PRESS", "Copyright 2019 The Aſſociated Preſs"):
        assert rx.search(text) and lexicons.required_text(rx) in lexicons.fold_for_search(text)
    assert "(ap) " in lexicons.fold_for_search("İSTANBUL (AP) —")
    assert lexicons.required_text(re.compile(r"(?:a|b)c", re.IGNORECASE)) is None  # no run of three
    assert lexicons.required_text(re.compile("case sensitive")) is None
