"""Attribution of one article's quotations: cue, speaker, kind, and the speech filter.

:class:`Attributor` maps each marked quotation (:mod:`.marks`) to its tokens, finds the cue
(:mod:`.cues`), resolves the speaker (:mod:`.speakers`), decides whether the quoted words are
speech at all and whether they are a whole statement (``direct``) or words inside the
writer's sentence (``partial``), carries a speaker over to an unattributed quotation that
continues the previous one, and adds reported speech (:mod:`.indirect`).
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc

from ..model import ActorRef, Article, Quote
from . import cues as cue_rules
from .content import content_span
from .cues import Cue
from .indirect import reported
from .marks import MARKS, Marked, find_quotations, paragraphs
from .names import Namer
from .speakers import Resolver

SHORT = 3  # quoted spans of at most this many words need a cue and a named speaker
NAME_WORDS = 6
_SMALL = frozenset({"of", "the", "and", "for", "de", "von", "van", "in", "on", "a", "&"})
# Cues that name their object: X called Y a "Z" (the article belongs to the quotation).
NAMING = frozenset({"call", "dub", "label", "term", "brand", "describe", "characterize"})
_DIRECT_BEFORE = frozenset(".!?:,;—–-(")


def _attributable(who: ActorRef | None) -> bool:
    """A speaker someone can be held to: a named actor, or a nominal that names its
    affiliation ("a spokesman for Ted Cruz", "the Florida senator")."""
    if who is None:
        return False
    return who.id is not None or any(w[:1].isupper() for w in who.name.split()[1:])


class Attributor:
    """All quotations of one article, attributed over its parse."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.text = article.text
        self.doc = doc
        self.paragraphs = paragraphs(article.text)
        self.items: list[tuple[Marked, int, int]] = []
        self.quoted: set[int] = set()
        for mark in find_quotations(self.text):
            span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.items.append((mark, span.start, span.end - 1))
            self.quoted.update(range(span.start, span.end))
        self.resolver = Resolver(doc, Namer(doc, article.entities), self.quoted)

    def run(self, *, indirect: bool = True) -> list[Quote]:
        out: list[Quote] = []
        previous: tuple[ActorRef, int] | None = None
        for mark, first, last in self.items:
            cue = self._cue(mark, first, last)
            speaker = self._speaker(cue)
            if not self._is_speech(first, last, cue, speaker):
                continue
            kind = self._kind(mark)
            if speaker is None:
                speaker = self._carried(mark, first, kind, previous)
            span = (mark.start, mark.end)
            content = span if kind == "direct" else content_span(self.doc, first, last, span, cue)
            text = self.text[mark.start : mark.end]
            cue_text = cue.text if cue else None
            out.append(Quote(text, span, kind, cue_text, speaker, content))
            if speaker is not None:
                previous = (speaker, mark.last_paragraph)
        if indirect:
            out.extend(self._indirect())
            out.sort(key=lambda q: q.span)
        return out

    def _carried(
        self, mark: Marked, first: int, kind: str, previous: tuple[ActorRef, int] | None
    ) -> ActorRef | None:
        """The speaker of an unattributed quotation: the previous quotation's speaker from
        the same paragraph (or the previous one, for a whole statement), else the main
        subject of the sentence just before it in the same or previous paragraph."""
        if previous is not None:
            if mark.paragraph == previous[1]:
                return previous[0]
            if kind == "direct" and mark.paragraph - previous[1] <= 1:
                return previous[0]
        if kind != "direct":
            return None
        floor_para = self.paragraphs[max(0, mark.paragraph - 1)][0]
        floor = self.doc.char_span(floor_para, floor_para + 1, alignment_mode="expand")
        return self.resolver.topic(first - 1, floor.start if floor is not None else first)

    def _cue(self, mark: Marked, first: int, last: int) -> Cue | None:
        doc, quoted = self.doc, self.quoted
        p_start = self.paragraphs[mark.paragraph][0]
        p_end = self.paragraphs[mark.last_paragraph][1]
        near = [
            c
            for c in cue_rules.governing(doc, first, last, quoted)
            if p_start <= c.token.idx < p_end
        ]
        named = [c for c in near if c.speaker is not None and self._speaker(c) is not None]
        found: Cue | None = named[0] if named else (near[0] if near else None)
        if found is None:
            found = cue_rules.according_to(cue_rules.sentence_tokens(doc, first, last, quoted))
        if found is None or not p_start <= found.token.idx < p_end:
            found = None
            if self.text[mark.end - 1] != ".":
                found = cue_rules.after(doc, last, quoted, len(doc))
        if found is None:  # may cross a paragraph: ``X said:\n\n"..."``
            found = cue_rules.before(doc, first, quoted, max(0, first - 40))
        return found

    def _speaker(self, cue: Cue | None) -> ActorRef | None:
        if cue is None or cue.speaker is None or cue.speaker.i in self.quoted:
            return None
        return self.resolver.resolve(cue.speaker)

    def _is_speech(self, first: int, last: int, cue: Cue | None, who: ActorRef | None) -> bool:
        words = [t.text for t in self.doc[first : last + 1] if not (t.is_punct or t.is_space)]
        if not words or self._name_like(words, last):
            return False
        if len(words) > SHORT:
            return True
        return cue is not None and _attributable(who) and not self._in_phrase(first, last, cue)

    def _name_like(self, words: list[str], last: int) -> bool:
        """A quoted title or name: every word capitalised, no sentence-final mark."""
        if len(words) > NAME_WORDS or self.doc[last].text in (".", "!", "?"):
            return False
        return all(w[:1].isupper() or not w[:1].isalpha() or w in _SMALL for w in words)

    def _in_phrase(self, first: int, last: int, cue: Cue | None) -> bool:
        """Scare quotes: the quoted words sit inside the writer's own noun phrase."""
        doc = self.doc
        before = first - 1
        while before >= 0 and (doc[before].is_punct and doc[before].text[0] in MARKS):
            before -= 1
        naming = cue is not None and cue.token.lemma_.lower() in NAMING
        if before >= 0 and doc[before].dep_ == "det" and not naming:
            return True  # the "reset" in relations (but: calling him a "nice guy")
        inside = range(first, last + 1)
        for i in inside:
            token = doc[i]
            head = token.head
            modifier = token.dep_ in ("compound", "amod", "nmod")
            if modifier and head.i not in inside and head.pos_ in ("NOUN", "PROPN"):
                return True  # the "hot mic" incident
        return False

    def _kind(self, mark: Marked) -> Literal["direct", "partial"]:
        """``direct`` for a whole statement, ``partial`` for words inside the writer's."""
        text = self.text
        if not (text[mark.start].isupper() or text[mark.start].isdigit()):
            return "partial"
        i = mark.start - 1
        while i >= 0 and (text[i] in MARKS or text[i] in " \t"):
            i -= 1
        return "direct" if i < 0 or text[i] == "\n" or text[i] in _DIRECT_BEFORE else "partial"

    def _indirect(self) -> list[Quote]:
        out: list[Quote] = []
        for verb, subject, start, end in reported(self.doc, self.quoted):
            speaker = self.resolver.resolve(subject)
            span = (start, end)
            text = self.text[start:end]
            out.append(Quote(text, span, "indirect", verb.text, speaker, span))
        return out
