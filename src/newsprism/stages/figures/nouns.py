"""What a figure counts: the noun phrase after the number ("35,000 Mexicans killed", "$310 million for the
Mexican navy"), its head noun as a singular unit ("homicides" -> "homicide") and the unit's family."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ...nlp import doc_text, token_starts
from .lexicon import Lexicon
from .scan import PER_TIME_WORDS, unit_at

_NOUNISH = {"NOUN", "PROPN"}
_MODIFIER = {"ADJ", "NOUN", "PROPN", "NUM", "VERB"}  # "armed forces", "wounded civilians"
_DETS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "all"}
_MONEY_PREPS = {"in", "for", "to", "of", "on", "into"}
_PERIODS = {*PER_TIME_WORDS, "quarter", "period", "half", "season", "term"}
_RELATIVES = {"which", "who", "whom", "whose", "that", "where"}
_OPEN_QUOTES = {'"', "“", "‘", "'"}


@dataclass(frozen=True)
class Counted:
    start: int
    end: int
    head: str  # the head noun as written ("Mexicans")
    unit: str  # singular, lower case ("person" for demonyms)
    family: str


def token_at(doc, offset: int) -> int:
    """The index of the first token starting at or after ``offset``."""
    return bisect_left(token_starts(doc), offset)


def singular(word: str, lex: Lexicon) -> str:
    if re.fullmatch(r"[A-Z]{2,}['’]?s", word):
        return word.rstrip("s").rstrip("'’").lower()  # "MPs", "NGOs", "IEDs", "CEO's": an acronym's plural
    w = word.lower()
    if w in lex.irregular:
        return lex.irregular[w]
    if w.endswith("men") and len(w) > 4 and w not in lex.men_singulars:
        return w[:-3] + "man"  # "policemen", "gunmen", "policewomen"
    if w in lex.singular_s or not w.endswith("s") or w.endswith("ss") or len(w) < 4 \
            or w.endswith(lex.singular_s_endings):  # fmt: skip
        return w  # also compounds: "coronavirus", "miniseries"
    if w.endswith("es") and w[:-2] in lex.singular_s:
        return w[:-2]
    if w.endswith("ies"):
        return w[:-3] + "y"
    if re.search(r"(?<![eo])aches$|[aeiouy]zes$", w):
        return w[:-1]  # "headaches", "blazes", "prizes" (but "beaches", "coaches", "waltzes")
    if re.search(r"(?:ches|shes|sses|xes|zes|oes)$", w):
        return w[:-2]
    return w[:-1]


def family_of(unit: str, lex: Lexicon) -> str:
    """The family of a counted noun's singular; a unit of time counts a duration ("15 extra minutes")."""
    if unit in lex.family_of:
        return lex.family_of[unit]
    written = lex.units.get(unit)
    return "duration" if written is not None and written[1] == "duration" else "count"


def is_demonym(token, lex: Lexicon) -> bool:
    """A plural of a people, faith or party: "Mexicans" tagged as such, or one the lexicon names ("eight
    Uyghurs" that the tagger reads as a place)."""
    text = token.text
    if text[:1].isupper() and text.lower() in lex.group_plurals:
        return True
    return bool(
        text[:1].isupper() and (token.tag_ == "NNPS" or token.ent_type_ == "NORP")
        and text.lower().endswith(lex.demonym_endings)
    )  # fmt: skip


def _extend(doc, head, end_i: int, sent_end: int, lex: Lexicon) -> int:
    """The end (token index, exclusive) of the counted phrase: the head, a participle after it ("killed"),
    and one prepositional phrase ("on the US-Mexico border")."""
    i = end_i
    if i < sent_end and doc[i].tag_ == "VBN" and doc[i].text.lower() not in lex.counted_stop:
        i += 1
    stops = lex.counted_stop | {"since", "in"}
    if (
        i < sent_end
        and doc[i].dep_ == "prep"
        and doc[i].text.lower() not in stops
        and doc[i].head.i in (head.i, i - 1)
    ):
        right = max((t.i for t in doc[i].subtree), default=i)
        cut = next(
            (
                k for k in range(i + 1, right + 1)
                if doc[k].text in ',;:.()[]"“”' or doc[k].pos_ == "VERB" and not (k == i + 1 and doc[k].dep_ == "amod")
                or k > i + 1 and doc[k].lower_ in _RELATIVES  # "seats for the lower house for which ..."
            ),
            None,
        )  # fmt: skip
        # (a participle right after the preposition stays: "people for suspected links"; a bare preposition
        # is dropped)
        i = right + 1 if cut is None else cut if cut > i + 1 else i
    while i > end_i and (doc[i - 1].is_punct or doc[i - 1].lower_ in lex.counted_stop or doc[i - 1].pos_ == "ADP"):
        i -= 1  # (nor a preposition left hanging at the end)
    return i


def _inner_hyphen(doc, j: int, sent_end: int) -> bool:
    """A hyphen inside a word at ``j`` after a lower-case part ("al-Qaeda fighters", "anti-war
    protesters", "high-risk") or before one ("Sanders-linked accounts", "Iran-backed militias"): the phrase
    goes on. Names joined by a hyphen ("US-Canada") still end it."""
    return (
        j + 1 < sent_end and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
        and (doc[j - 1].text.islower() or doc[j + 1].text.isalpha() and doc[j + 1].text.islower())
        and doc[j + 1].text[:1].isalpha()
    )  # fmt: skip


def _glued_hyphen(doc, j: int) -> bool:
    """A hyphen at ``j`` glued on both sides: the word after it ends a compound modifier ("military-led
    nations", "intelligence-based operations"), so the phrase goes on to the noun."""
    return 0 < j < len(doc) - 1 and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_


def conjoined_names(doc, j: int, sent_end: int) -> bool:
    """ "and"/"&" at ``j`` between proper names, with a plural common noun within three tokens after."""
    return (
        j + 1 < sent_end and doc[j].lower_ in ("and", "&", "or") and doc[j + 1].pos_ == "PROPN"
        and any(doc[k].tag_ == "NNS" and doc[k].pos_ == "NOUN" for k in range(j + 2, min(j + 5, sent_end)))
    )  # fmt: skip


def _coordinated_modifier(doc, j: int, head, sent_end: int) -> bool:
    """ "and"/"or" at ``j`` after a singular common noun or an adjective, with only nouns and adjectives and
    then a plural noun after it: the two are modifiers of that noun ("oil and gas wells", "three central and
    eastern European countries"), not two things counted."""
    if j >= sent_end or j < 1:
        return False
    noun_before = head is not None and head.tag_ == "NN" and head.i == j - 1
    if not noun_before and doc[j - 1].pos_ != "ADJ":
        return False
    if doc[j].lower_ not in ("and", "or"):
        return False
    k = j + 1
    while k < min(j + 5, sent_end) and (doc[k].pos_ == "NOUN" or doc[k].pos_ == "ADJ"):
        k += 1
    return k > j + 2 and doc[k - 1].tag_ == "NNS" and doc[k - 1].pos_ == "NOUN"


def _adverb_of_modifier(doc, j: int, sent_end: int) -> bool:
    """An -ly adverb qualifying the modifier after it ("20 million fully diluted shares", "heavily armed
    men", "newly built homes"), or one hyphened to it ("two well-respected elders")."""
    if j + 2 < sent_end and doc[j].pos_ == "ADV" and _glued_hyphen(doc, j + 1):
        return True  # "two well-respected elders", "a long-awaited report"
    return j + 2 < sent_end and doc[j].pos_ == "ADV" and doc[j].lower_.endswith("ly") \
        and doc[j + 1].tag_ in ("JJ", "VBN", "VBG") \
        and doc[j + 2].pos_ in _NOUNISH | {"ADJ", "VERB"}  # fmt: skip


_AFTER_PLURAL = {"that", "which", "who", "whose", "in", "of", "on", "at", "across", "around", ",", ".", ";",
                 ")"}  # fmt: skip


_ONE = {"a", "an", "one", "each", "every", "this", "that", "per"}
_AFTER_VERB = {"ADP", "ADV", "DET", "PRON", "CCONJ", "SCONJ"}
_CLAUSE_MARKS = {".", ",", ";", ":", "!", "?"}


def misread_plural(doc, i: int, j: int, sent_end: int) -> bool:
    """A plural noun the tagger reads as a verb ("-s", VBZ) after a modifier of the phrase, and followed by a
    noun, a relative pronoun, a preposition or punctuation: "three northern U.S. states that border Canada",
    "12 Grand Slam singles titles"."""
    if j <= i or j >= sent_end:
        return False
    t = doc[j]
    if t.tag_ != "VBZ" or not t.lower_.endswith("s") or not t.text.islower():
        return False
    if doc[j - 1].pos_ not in ("ADJ", "PROPN"):
        return False  # after a singular noun it is the verb: "One proposal asks", "the population lives"
    return j + 1 >= sent_end or doc[j + 1].pos_ in _NOUNISH or doc[j + 1].lower_ in _AFTER_PLURAL


def _name_number(doc, j: int, sent_end: int) -> bool:
    """A number at ``j`` that is part of the name before it, with a noun after ("7 Formula 1 titles")."""
    return 0 < j < sent_end - 1 and doc[j].like_num and doc[j - 1].pos_ == "PROPN" \
        and doc[j + 1].pos_ in _NOUNISH  # fmt: skip


def past_modifiers(doc, j: int, end: int, most: int) -> int:
    """The index after the adjectives and singular nouns from ``j`` (at most ``most`` of them, before
    ``end``) that qualify a noun after them ("common" in "common shares", "main battle" in "main battle
    tanks")."""
    k = j
    while k < min(j + most, end) and (doc[k].pos_ == "ADJ" or doc[k].tag_ == "NN"):
        k += 1
    return k


def _noun_follows(doc, j: int, sent_end: int) -> bool:
    """Adjectives at ``j`` and then a plural common noun ("common shares", "main battle tanks")."""
    if j >= sent_end or doc[j].pos_ != "ADJ":
        return False
    k = past_modifiers(doc, j, sent_end, 3)
    return k < sent_end and doc[k].tag_ == "NNS" and doc[k].pos_ == "NOUN"


def _after_hyphen(doc, i: int, lex: Lexicon) -> Counted | None:
    """ "the 30-nation alliance", "a 12-member panel": a noun glued by a hyphen to the number is what it counts
    (not a number, "the 3-0 win"; nor "one-off", "three-fold", "30-odd")."""
    hyphen = doc[i]
    if i + 1 >= len(doc) or hyphen.text != "-" or hyphen.whitespace_:
        return None
    noun = doc[i + 1]
    if noun.pos_ != "NOUN" or not noun.text.isalpha() or not noun.text.islower() or noun.lower_ in lex.hyphen_not_counted:
        return None
    if i + 2 < len(doc) and doc[i + 2].text == "-" and not doc[i + 2].whitespace_:
        return None  # "a 5-foot-10 guard", "a two-for-one deal"
    unit = singular(noun.text, lex)
    return Counted(noun.idx, noun.idx + len(noun.text), noun.text, unit, family_of(unit, lex))


def bare_singular(token) -> bool:
    """A lower-case word the tagger calls a singular common noun, not ending in "s" (a plural it calls
    singular is still a plural: "80 kms")."""
    return token.tag_ == "NN" and token.text.isalpha() and token.text.islower() and not token.lower_.endswith("s")


def misread_verb(doc, head, lex: Lexicon) -> bool:
    """A lower-case singular noun right after a count above one, with nothing of the phrase after it: a verb
    the tagger misread ("About 10,000 march on Sunday", "the 235,000 forecast by economists"); not a noun
    that takes a count as written ("30 staff", "200 crew")."""
    if not bare_singular(head):
        return False
    if head.i > 1 and doc[head.i - 2].lower_ in _ONE:
        return False  # "an 80486 machine": one thing, named by a number
    if head.lower_ in lex.plural_as_singular:
        return False
    k = head.i + 1
    if k >= head.sent.end:
        return True
    nxt = doc[k]
    if nxt.is_punct:
        return nxt.text in _CLAUSE_MARKS  # (not a hyphen or a quotation mark: "two delegate-rich primaries")
    return nxt.pos_ in _AFTER_VERB


def counted(doc, amount_end: int, sent_end_char: int, money: bool, lex: Lexicon, hyphen: bool = True,
            many: bool = False) -> Counted | None:
    """The counted noun phrase starting right after an amount ending at ``amount_end``, or None; with
    ``hyphen`` (the caller's choice for a number in digits: "a three-judge bench" names a kind of bench, as
    "a two-month contract" does), also a noun glued to the amount by a hyphen ("the 30-nation alliance");
    ``many``: the amount is more than one, so a bare singular noun after it is a misread verb."""
    i = token_at(doc, amount_end)
    n = len(doc)
    if i >= n or doc[i].idx >= sent_end_char:
        return None
    if hyphen and not money and doc[i].idx == amount_end and doc[i].text == "-":
        return _after_hyphen(doc, i, lex)
    sent_end = doc[i].sent.end
    first = i
    if doc[i].lower_ == "out" and i + 2 < sent_end and doc[i + 1].lower_ == "of" and doc[i + 2].pos_ == "NUM":
        i += 1  # "21 out of 29 Indian states", "nine out of 10 Indians": a selection, as "eight of nine"
    if doc[i].text.lower() == "of":  # "tens of thousands of people", "a third of the population"
        i += 1
        while i < sent_end and doc[i].text.lower() in _DETS:
            i += 1
        if i + 2 < sent_end and doc[i].lower_ in lex.selection_words and doc[i + 1].pos_ == "NUM" \
                and doc[i - 1].lower_ in _DETS:  # fmt: skip
            i += 1  # "five of its last six games"
        of_number = doc[i - 1].lower_ == "of" and not money and doc[i + 1].pos_ in _NOUNISH | {"ADJ"} \
            if i + 1 < sent_end else False  # "in eight of nine states" (not "$150 million of 6.5% bonds")
        if i + 1 < sent_end and doc[i].pos_ == "NUM" \
                and (doc[i - 1].lower_ in _DETS | lex.selection_words or of_number):  # fmt: skip
            i += 1  # "three of the five directors": directors; "in eight of nine states": states
        first = i
    elif money and doc[i].text.lower() == "worth" and i + 2 < sent_end and doc[i + 1].text.lower() == "of":
        first = i + 2
        while first < sent_end and doc[first].text.lower() in _DETS:
            first += 1
        i = first
    elif money and doc[i].text.lower() in _MONEY_PREPS and i + 1 < sent_end:
        first = i + 1
        while first < sent_end and doc[first].text.lower() in _DETS:
            first += 1
        i = first
    if doc[i].text in ("-", "–"):
        return None  # "the 3-0 win": a score, the noun is not what 3 counts
    if doc[i].text in _OPEN_QUOTES and i + 1 < sent_end and not doc[i].whitespace_:
        i += 1  # 45 “foreign nationals”: the counted phrase inside quotation marks
        first = i if first == i - 1 else first
    head = None
    j = i
    if doc[i].lower_ in lex.multiplier_nouns:
        head, j = doc[i], sent_end  # "12 times earnings": the multiple is what is counted
    while j < sent_end and j - i < 6:
        coordinated = _coordinated_modifier(doc, j, head, sent_end)
        if not (doc[j].pos_ in _MODIFIER or doc[j].text == "-" or doc[j].tag_ == "POS" or coordinated
                or _glued_hyphen(doc, j - 1) or _adverb_of_modifier(doc, j, sent_end)):  # "laid-off"
            break
        if coordinated:
            j += 1  # "nine press freedom and rights groups", "1,000 oil and gas wells": both qualify the noun
            continue
        misread = misread_plural(doc, i, j, sent_end)
        verb = doc[j].tag_ in ("VBD", "VBZ", "VBP", "VB", "MD")
        if not misread and (doc[j].text.lower() in lex.counted_stop or verb):
            break
        if doc[j].pos_ in _NOUNISH or misread:
            head = doc[j]
        elif doc[j].pos_ == "VERB" and doc[j].tag_ != "VBN" and doc[j].tag_ != "VBG":
            break
        if doc[j].pos_ == "NUM" and j == i and not (
            any(c.isalpha() for c in doc[j].text) and any(c.isdigit() for c in doc[j].text)
        ):
            break  # (a model name the tagger calls a number qualifies the noun: "14 AK-47 rifles")
        j += 1
        if head is not None and head.pos_ == "PROPN" and conjoined_names(doc, j, sent_end):
            j += 1  # "dozens of Ford and Toyota vans": names joined before the noun they qualify
            continue
        if head is not None and ((head.tag_ == "NNS" and head.pos_ == "NOUN") or is_demonym(head, lex)) \
                and j < sent_end and (doc[j].tag_ == "POS" or doc[j].pos_ == "PROPN"
                                      or (doc[j].pos_ == "NOUN" and doc[j].text[:1].isupper())):  # fmt: skip
            break  # "the two countries' cooperation": the possessor is counted (not after a name: "Mexico's");
            # "144 deaths Sunday", "the eight Uyghurs Thailand holds": a plural ends the phrase before a name,
            # or before a capitalised noun, a heading run into the text ("kill 50 militants Hours after")
        if head is not None and head.pos_ == "PROPN" and _noun_follows(doc, j, sent_end):
            continue  # "525,546 Phoenix Technologies common shares": the name qualifies the noun after it
        ends = head is not None and (j >= sent_end or doc[j].pos_ not in _NOUNISH | {"PART"}) \
            and not _name_number(doc, j, sent_end) and not misread_plural(doc, i, j, sent_end) \
            and not _inner_hyphen(doc, j, sent_end) and not _glued_hyphen(doc, j - 1) \
            and not _coordinated_modifier(doc, j, head, sent_end) \
            and not (head.pos_ == "PROPN" and _glued_hyphen(doc, j)) \
            and not (j < sent_end and doc[j].pos_ == "ADJ" and _inner_hyphen(doc, head.i - 1, sent_end))  # fmt: skip
        # ("high-risk foreign nationals": a hyphenated modifier and an adjective before the noun; "12
        # US-Canada crossings": names joined by a hyphen before it)
        if ends and not (doc[j - 1].tag_ == "POS" or (j < sent_end and doc[j].tag_ == "POS")):
            break
    if head is None or head.i < i:
        return None
    if many and not money and head.i == i and misread_verb(doc, head, lex):
        return None
    if money and first > token_at(doc, amount_end) and (head.ent_type_ in ("DATE", "TIME")
                                                        or singular(head.text, lex) in _PERIODS):  # fmt: skip
        return None  # "$6.6 million in the quarter": when, not what the money is for
    if head.pos_ == "PROPN" and head.tag_ != "NNPS" and not is_demonym(head, lex) and not money:
        return None  # "Plan Colombia 2 Merida", "737 Max": a name, not a count
    end_i = _extend(doc, head, head.i + 1, sent_end, lex) if not money else head.i + 1
    if money and end_i < sent_end and doc[end_i].dep_ == "prep" and doc[end_i].text.lower() == "to":
        right = max(t.i for t in doc[end_i].subtree)
        end_i = right + 1 if right - end_i < 10 else end_i
        while end_i > head.i + 1 and doc[end_i - 1].is_punct:
            end_i -= 1
    if money and end_i + 1 < sent_end and doc[end_i].text.lower() == "and" and doc[end_i + 1].dep_ == "conj" \
            and doc[end_i + 1].head.i == head.i:  # fmt: skip
        end_i += 2
    start = doc[first].idx
    end = doc[end_i - 1].idx + len(doc[end_i - 1].text)
    if is_demonym(head, lex):
        unit = "person"
    else:
        unit = singular(head.text, lex)
    family = family_of(unit, lex)
    k = head.i + 1
    if k + 1 < sent_end and doc[k].lower_ in ("per", "a", "an", "each") and doc[k + 1].lower_ in PER_TIME_WORDS:
        unit = f"{unit} per {doc[k + 1].lower_}"  # "3,000 tests per day", "two meals a day"
    elif k + 1 < sent_end and doc[k].lower_ == "per" and unit_at(doc_text(doc), doc[k + 1].idx, lex):
        unit = f"{unit} per {unit_at(doc_text(doc), doc[k + 1].idx, lex)[0]}"  # "250 people per square kilometre"
    elif k + 1 < sent_end and doc[k].lower_ in ("per", "a", "an", "each") and doc[k + 1].pos_ == "NOUN" \
            and (doc[k].lower_ == "per" or doc[k + 1].lower_ in lex.per_nouns) \
            and doc[k + 1].lower_ not in lex.not_per:  # fmt: skip
        unit = f"{unit} per {singular(doc[k + 1].text, lex)}"  # "10 rebounds per game", "80 people per flight"
    return Counted(start, end, head.text, unit, family)
