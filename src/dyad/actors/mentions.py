"""Name mentions: the named entities of one spaCy parse, trimmed to the name, with title hints.

spaCy's entity spans are close to what dyad wants but not quite: a leading "the", a trailing
possessive or a title inside the span ("President Obama") is not part of the name, and the
title *before* a name ("U.S. Secretary of State Hillary Clinton", "then-President Dmitry
Medvedev", "Palestinian leader Yasser Arafat") tells who the person is: an office, a country,
and whether the office is past. :func:`name_mentions` turns ``doc.ents`` into
:class:`NameMention` records carrying that :class:`TitleHint`; entities that are only part of
a title ("State" in "Secretary of State") are dropped. No text is re-parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyad.actors.lexicon import KEPT_LABELS, SKIPPED_LABELS, nominal_modifiers, title_words

CountryOf = Callable[[str], "str | None"]
IsPlace = Callable[[str], bool]
_STRIP_LEFT = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
_GENDER.update({"king": "m", "prince": "m", "queen": "f", "princess": "f"})


@dataclass(frozen=True, slots=True)
class TitleHint:
    """What the words before a name say: ``words`` of the office, ``country``, ``past``."""

    words: tuple[str, ...] = ()
    country: str | None = None
    past: bool = False
    gender: str | None = None

    @property
    def office(self) -> str:
        """The office as written, lower case ("secretary of state", "president")."""
        return " ".join(self.words)


@dataclass(slots=True)
class NameMention:
    """One name in the text: ``[start, end)`` offsets, the spaCy label, the tokens, the title."""

    start: int
    end: int
    text: str
    label: str
    first_token: int
    last_token: int  # exclusive
    title: TitleHint | None = None


def entity_type(label: str) -> str | None:
    """dyad's entity type for a spaCy label; ``None`` for numbers, amounts, dates, times."""
    if label in SKIPPED_LABELS:
        return None
    return label if label in KEPT_LABELS else "OTHER"


def _trim(ent: Span) -> tuple[int, int]:
    """Token range of the name inside ``ent``: no leading article, title or trailing 's."""
    first, last = ent.start, ent.end
    doc = ent.doc
    while first < last - 1 and doc[first].lower_ in _STRIP_LEFT:
        first += 1
    if ent.label_ == "PERSON":
        titles = title_words()
        while first < last - 1 and doc[first].lower_ in titles and doc[first].is_title:
            first += 1
    while last > first + 1 and (doc[last - 1].text in _POSSESSIVE or doc[last - 1].is_punct):
        last -= 1
    return first, last


def _title_before(doc: Doc, first: int, country_of: CountryOf) -> tuple[TitleHint | None, int]:
    """The title written just before token ``first`` and the token where it starts."""
    titles, modifiers = title_words(), nominal_modifiers()
    words: list[str] = []
    country: str | None = None
    past = False
    i = first - 1
    while i >= 0:
        token: Token = doc[i]
        low = token.lower_
        titled = low in titles and (token.is_title or token.is_upper or token.tag_.startswith("NN"))
        linking = low == "of" and bool(words) and i > 0 and doc[i - 1].lower_ in titles
        if titled or linking:
            words.insert(0, low)
        elif low in {"-", "then", "ex"} or modifiers.get(low) == "past":
            past = past or low != "-"
        elif country is None and (token.is_title or token.is_upper) and country_of(token.text):
            country = country_of(token.text)
        else:
            break
        i -= 1
    if not words and country is None:
        return None, first
    gender = next((_GENDER[w] for w in words if w in _GENDER), None)
    hint = TitleHint(tuple(words), country, past and bool(words), gender)
    return hint, i + 1


def _missed_places(doc: Doc, is_place: IsPlace) -> list[NameMention]:
    """Country and capital names spaCy did not mark (runs of up to three proper nouns
    outside every entity that the KB knows as a country or a seat of government)."""
    found: list[NameMention] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ != "PROPN" or token.ent_type_:
            i += 1
            continue
        for size in (3, 2, 1):
            span = doc[i : i + size]
            whole = len(span) == size and all(t.pos_ == "PROPN" and not t.ent_type_ for t in span)
            if whole and is_place(span.text):
                found.append(
                    NameMention(span.start_char, span.end_char, span.text, "GPE", i, i + size)
                )
                i += size - 1
                break
        i += 1
    return found


def _pair_parts(doc: Doc, label: str, first: int, last: int) -> list[tuple[int, int]]:
    """ "the *Obama-Putin* meeting": a person name of two surnames joined by a hyphen that
    modifies a common noun names two people (one mention each); "Jean-Claude Juncker",
    "Al-Qaeda" and a name standing alone stay whole."""
    tokens = doc[first:last]
    pair = (
        label == "PERSON"
        and len(tokens) == 3
        and tokens[1].text == "-"
        and all(t.is_title and len(t) >= 3 for t in (tokens[0], tokens[2]))
        and tokens.root.dep_ in ("compound", "amod", "nmod")
        and tokens.root.head.pos_ == "NOUN"
    )
    return [(first, first + 1), (last - 1, last)] if pair else [(first, last)]


def name_mentions(
    doc: Doc, country_of: CountryOf, is_place: IsPlace | None = None
) -> list[NameMention]:
    """Every named entity worth keeping, in text order, trimmed, with its title hint; with
    ``is_place``, also the country and capital names spaCy missed."""
    found: list[NameMention] = []
    in_titles: set[int] = set()
    for ent in doc.ents:
        if entity_type(ent.label_) is None:
            continue
        first, last = _trim(ent)
        if not any(c.isupper() for c in doc[first:last].text):
            continue  # "democratic", "anti-terror": not a name
        title = None
        if ent.label_ == "PERSON":
            title, title_start = _title_before(doc, first, country_of)
            in_titles.update(range(title_start, first))
        for a, b in _pair_parts(doc, ent.label_, first, last):
            span = doc[a:b]
            found.append(
                NameMention(span.start_char, span.end_char, span.text, ent.label_, a, b, title)
            )
    if is_place is not None:
        found += [m for m in _missed_places(doc, is_place) if m.first_token not in in_titles]
        found.sort(key=lambda m: m.start)
    return [m for m in found if not in_titles.issuperset(range(m.first_token, m.last_token))]
