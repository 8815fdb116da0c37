"""The grammar of time expressions, built once from ``lexicons/times.yaml``.

Each table under ``words`` becomes a regular-expression alternation named after it in capitals
(``seasons`` -> ``{SEASONS}``), longest phrase first, with the spaces and hyphens inside a phrase matching
any run of spaces or hyphens. ``macros`` add further named pieces, and each entry of ``rules`` becomes a
:class:`Rule` with its own compiled pattern. :data:`GRAMMAR` also holds one combined pattern (every rule,
its named groups made plain) with which the finder asks, at a candidate word, whether any rule matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newsprism import lexicons

_NAME = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_GROUP = re.compile(r"\(\?P<[a-z0-9_]+>")
# Start and end guards wrapped round every rule: not inside a word, a number or an amount of money.
_START = r"(?<![\w$£€#@/])(?<![0-9][.,])"
_END = r"(?![\w%])(?![.,][0-9])"


def norm(phrase: str) -> str:
    """A phrase as the lexicon tables key it: lower case, curly quotes straight, hyphens and runs of
    spaces made one space."""
    return " ".join(phrase.lower().replace("’", "'").replace("-", " ").split())


def phrase_regex(phrase: str) -> str:
    """A lexicon phrase as a verbose-mode regex: words escaped, spaces/hyphens between them flexible, an
    apostrophe matching a curly one, a trailing full stop optional."""
    words = re.split(r"[\s-]+", phrase.strip())
    parts = []
    for word in words:
        escaped = re.escape(word).replace("'", "['’]").replace(r"\'", "['’]")
        parts.append(escaped)
    return r"[\s-]+".join(parts) if len(parts) > 1 else parts[0]


def flat_alternation(phrases) -> str:
    """The phrases as one flat alternation, longest first: what :func:`alternation` matches, spelt out so
    that every word of every phrase can be read off the pattern (the finder's trigger words)."""
    unique = sorted({str(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_regex(p) for p in unique) + ")"


def alternation(phrases) -> str:
    """One pattern matching any of ``phrases`` (each as :func:`phrase_regex` reads it), longest first.

    The phrases are merged into a prefix tree ("march", "may", "monday" -> ``m(?:arch|ay|onday)``): the
    regex engine tries the branches of an alternation one by one, so a flat list of a hundred words costs a
    hundred tries wherever the first letter is already wrong. The matches are the same, in the same order of
    preference: two phrases can both match at one place only when one is a prefix of the other, and the tree
    tries the longer first, as the longest-first list did."""
    unique = sorted({str(p) for p in phrases}, key=lambda p: (-len(p), p))
    root: dict = {}
    for phrase in unique:
        node = root
        for piece in _pieces(phrase):
            node = node.setdefault(piece, {})
        node[_LEAF] = {}
    return "(?:" + _tree_regex(root) + ")"


_LEAF = ""  # the key marking where a phrase ends (no piece is empty)
_SEPARATOR = r"[\s-]+"


def _pieces(phrase: str) -> list[str]:
    """The phrase as regex pieces, one per character, with the flexible separator between its words. The
    patterns are matched ignoring case, so an ASCII letter is one piece whatever its case ("May" and "may"
    share a branch, as they match the same text)."""
    pieces: list[str] = []
    for n, word in enumerate(re.split(r"[\s-]+", phrase.strip())):
        if n:
            pieces.append(_SEPARATOR)
        pieces.extend("['’]" if ch == "'" else re.escape(ch.lower() if ch.isascii() else ch) for ch in word)
    return pieces


def _tree_regex(node: dict) -> str:
    branches = [piece + _tree_regex(child) for piece, child in node.items() if piece != _LEAF]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _LEAF in node:  # a phrase may end here: the longer ones are tried first, as the list had them
        return "(?:" + body + ")?"
    return body


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    resolve: str
    confidence: float
    source: str  # the verbose pattern with every {NAME} expanded and the guards added

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE | re.VERBOSE)


class Grammar:
    """The lexicon's tables, its rules and the combined finder pattern."""

    def __init__(self, data: dict[str, Any]):
        self.words: dict[str, Any] = data["words"]
        self.calendar: dict[str, Any] = lexicons.load("calendar")
        self.macros = self._macros(data.get("macros", {}))
        bodies = ["(?:" + self.expand(r["pattern"]) + ")" for r in data["rules"]]
        flat = self._macros(data.get("macros", {}), alternation=flat_alternation)
        # the rules spelt with flat word lists: the finder reads its trigger words from these
        self.spelt: tuple[str, ...] = tuple(self.expand(r["pattern"], flat) for r in data["rules"])
        self.rules: tuple[Rule, ...] = tuple(
            Rule(
                name=r["name"],
                type=r["type"],
                resolve=r["resolve"],
                confidence=float(r.get("confidence", 0.8)),
                source=_START + body + _END,
            )
            for r, body in zip(data["rules"], bodies, strict=True)
        )
        for rule in self.rules:  # compile now: a bad pattern fails at import
            try:
                _ = rule.regex
            except re.error as error:
                raise ValueError(f"times.yaml: rule {rule.name!r} does not compile: {error}") from error
        # the guards are the same for every rule, so they are tested once, not once per rule (A|B)C = AC|BC
        combined = "|".join("(?:" + _GROUP.sub("(?:", body) + ")" for body in bodies)
        self.combined = re.compile(_START + "(?:" + combined + ")" + _END, re.IGNORECASE | re.VERBOSE)
        self.tables = {key: _normalised(value) for key, value in self.words.items()}

    def _macros(self, defined: dict[str, str], alternation=alternation) -> dict[str, str]:
        macros: dict[str, str] = {}
        for key, table in self.words.items():
            phrases = list(table) if isinstance(table, (dict, list)) else []
            if key == "units":
                for unit, spec in table.items():
                    phrases += [spec.get("plural", unit + "s")]
            macros[key.upper()] = alternation(phrases)
        self._raw = defined
        for name in defined:
            macros[name] = self._expand_macro(name, macros, set())
        return macros

    def _expand_macro(self, name: str, macros: dict[str, str], seen: set[str]) -> str:
        if name in macros:
            return macros[name]
        if name in seen or name not in self._raw:
            raise KeyError(f"times.yaml: unknown or circular macro {{{name}}}")
        seen.add(name)
        body = _NAME.sub(lambda m: self._expand_macro(m.group(1), macros, seen), self._raw[name])
        macros[name] = "(?:" + body + ")"
        return macros[name]

    def expand(self, pattern: str, macros: dict[str, str] | None = None) -> str:
        macros = self.macros if macros is None else macros

        def one(match: re.Match[str]) -> str:
            if match.group(1) not in macros:
                raise KeyError(f"times.yaml: unknown macro {{{match.group(1)}}}")
            return macros[match.group(1)]

        return _NAME.sub(one, pattern)


def _normalised(table: Any) -> Any:
    if isinstance(table, dict):
        return {norm(str(k)): v for k, v in table.items()}
    if isinstance(table, list):
        return [norm(str(v)) for v in table]
    return table


GRAMMAR = Grammar(lexicons.load("times"))
