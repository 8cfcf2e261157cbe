"""The event coder's word lists, read once from ``dyad/data/events/`` into lookup tables.

Triggers come from two layers: ``cameo_verbs.tsv`` and ``cameo_patterns.tsv``, converted from
the MIT-licensed PETRARCH CAMEO dictionary by :mod:`dyad.events.convert`, and dyad's curated
``triggers.tsv``, which overrides them (and removes noisy entries with type ``-``). Status
cues, a gazetteer of summit cities and a table of dated summits complete the data. Everything
is keyed by lowercase lemma so matching is a dictionary lookup per token: the coder stays cheap
next to the spaCy parse.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"


@dataclass(frozen=True, slots=True)
class Spec:
    """What a trigger codes: PLOVER type, mode (or None) and CAMEO code (or None)."""

    type: str
    mode: str | None
    cameo: str | None


@dataclass(frozen=True, slots=True)
class Summit:
    series: str
    start: str
    end: str
    city: str
    country: str


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, Spec | None] = field(default_factory=dict)
    nouns: dict[str, Spec | None] = field(default_factory=dict)
    phrasal: dict[tuple[str, str], Spec] = field(default_factory=dict)
    verb_object: dict[tuple[str, str], Spec] = field(default_factory=dict)
    blocked: set[tuple[str, str]] = field(default_factory=set)  # "give opportunity": no event
    curated: set[str] = field(default_factory=set)
    status: dict[tuple[str, str], str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    summits: list[Summit] = field(default_factory=list)
    agents: frozenset[str] = frozenset()
    derived: set[str] = field(default_factory=set)  # nouns from cameo_nouns.tsv
    converted: set[tuple[str, str]] = field(default_factory=set)  # two-word verbs from CAMEO
    # verb + object patterns of the codebook's descriptions ("withdraw inspectors"): they apply
    # to curated verbs too, and to verbs with no default of their own ("ease curfew")
    codebook_pairs: dict[tuple[str, str], Spec] = field(default_factory=dict)
    codebook_verbs: dict[str, Spec] = field(default_factory=dict)  # even where stoplisted
    _senses: dict[str, frozenset[str]] | None = None

    def senses(self, lemma: str) -> frozenset[str]:
        """Every type the lexicon gives a word: as a verb (its default and each object or
        preposition pattern) or as a noun."""
        if self._senses is None:
            table: dict[str, set[str]] = {}
            for (verb, _obj), spec in self.verb_object.items():
                table.setdefault(verb, set()).add(spec.type)
            for word, found in (*self.verbs.items(), *self.nouns.items()):
                if found is not None:
                    table.setdefault(word, set()).add(found.type)
            self._senses = {w: frozenset(t - {"-"}) for w, t in table.items()}
        return self._senses.get(lemma, frozenset())

    def cue(self, kind: str, form: str) -> str | None:
        """The status a cue word signals (``"planned"``, ``"cancelled"``, ...), or None."""
        return self.status.get((kind, form))


def word_forms(lemma: str, lower: str) -> tuple[str, ...]:
    """The lemma, then crude stems of the word itself, for the model's lemma slips
    ("hopes" → "hop")."""
    stems = [lower]
    for suffix in ("s", "es", "d", "ed", "ing"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stems.append(lower[: -len(suffix)])
    if lower.endswith("ing"):
        stems.append(lower[:-3] + "e")
    return (lemma, *stems)


def read_rows(name: str, data_dir: Path = DATA_DIR) -> list[list[str]]:
    """Tab-separated rows of a data file, without comments and blank lines."""
    rows = []
    for line in (data_dir / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _spec(type_: str, mode: str, cameo: str) -> Spec | None:
    return None if type_ == "-" else Spec(type_, mode or None, cameo or None)


def _converted(lex: Lexicon, data_dir: Path, off: frozenset[str]) -> None:
    if "verbs" not in off:
        for lemma, cameo, type_, *rest in read_rows("cameo_verbs.tsv", data_dir):
            spec = Spec(type_, (rest[0] if rest else "") or None, cameo)
            first, _, second = lemma.partition(" ")
            if second:  # a two-word verb: "pull back", "crack down"
                lex.phrasal[(first, second)] = spec
                lex.converted.add((first, second))
            else:
                lex.verbs[lemma] = spec
    if "patterns" not in off:
        for verb, obj, cameo, type_, *rest in read_rows("cameo_patterns.tsv", data_dir):
            # type "-": the pattern is a statement (CAMEO 01x), not an event
            lex.verb_object[(verb, obj)] = Spec(type_, (rest[0] if rest else "") or None, cameo)


def _derived(lex: Lexicon, data_dir: Path, off: frozenset[str]) -> None:
    """Nouns derived from dictionary verbs (``cameo_nouns.tsv``), except those of verbs the
    curated stoplist says name no event ("heading" from *head*, "holding" from *hold*)."""
    if "nominals" in off or not (data_dir / "cameo_nouns.tsv").exists():
        return
    stop = {r[0] for r in curated_rows(data_dir) if r[1] == "V" and r[2] == "-"}
    for noun, verb, cameo, type_, *rest in read_rows("cameo_nouns.tsv", data_dir):
        if type_ == "CONSULT" or (verb in stop and "stoplist" not in off):
            continue  # meetings are the curated nouns' job: they have rules of their own
        lex.nouns[noun] = Spec(type_, (rest[0] if rest else "") or None, cameo)
        lex.derived.add(noun)


def codebook_rows(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str, Spec]]:
    """The rows of ``codebook.tsv``: (pos, form, object, spec)."""
    if not (data_dir / "codebook.tsv").exists():
        return []
    out = []
    for pos, form, obj, cameo, type_, *rest in read_rows("codebook.tsv", data_dir):
        out.append((pos, form, obj, Spec(type_, (rest[0] if rest else "") or None, cameo)))
    return out


def _codebook(lex: Lexicon, data_dir: Path, off: frozenset[str]) -> None:
    """The CAMEO codebook's own descriptions (:mod:`dyad.events.codebook`): a code's
    definition outranks where the dictionary files a verb ("Veto" is 129 REJECT, the
    dictionary files *veto* under 172); curated rows still override them."""
    if "codebook" in off:
        return
    for pos, form, obj, spec in codebook_rows(data_dir):
        if pos == "V":
            lex.verbs[form] = spec
            lex.codebook_verbs[form] = spec
        elif pos == "VO":
            lex.verb_object[(form, obj)] = spec
            lex.codebook_pairs[(form, obj)] = spec
        else:  # a light-verb noun: one word is read as an event only where used as one
            lex.nouns[form] = spec
            if " " in form:
                lex.derived.discard(form)
            else:
                lex.derived.add(form)


def curated_rows(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str, str, str]]:
    """The rows of ``triggers.tsv``: (form, pos, type, mode, cameo)."""
    rows = []
    for row in read_rows("triggers.tsv", data_dir):
        form, pos, type_, mode, cameo = ([*row, "", "", ""])[:5]
        rows.append((form, pos, type_, mode, cameo))
    return rows


def _curated(
    lex: Lexicon, data_dir: Path, off: frozenset[str], drop: frozenset[tuple[str, str]]
) -> None:
    for form, pos, type_, mode, cameo in curated_rows(data_dir):
        if pos == "N" and (form, pos) not in drop:
            lex.derived.discard(form)
        if (form, pos) in drop or ("stoplist" if type_ == "-" else "curated") in off:
            continue
        spec = _spec(type_, mode, cameo)
        if pos == "V":
            lex.verbs[form] = spec
            lex.curated.add(form)
        elif pos == "N":
            lex.nouns[form] = spec
        else:
            first, _, second = form.partition(" ")
            lex.converted.discard((first, second))
            if spec is not None:
                lex.phrasal[(first, second)] = spec
            else:
                lex.blocked.add((first, second))


@functools.cache
def lexicon(
    data_dir: Path = DATA_DIR,
    off: frozenset[str] = frozenset(),
    drop: frozenset[tuple[str, str]] = frozenset(),
) -> Lexicon:
    """The shipped lexicon (cached). ``off`` switches whole sources off for the rules audit
    (``verbs``, ``patterns``: the converted CAMEO dictionary; ``nominals``: nouns derived
    from it; ``codebook``: the codebook's descriptions; ``curated``: the typed rows of
    ``triggers.tsv``; ``stoplist``: its ``-`` rows); ``drop`` leaves out single curated rows
    ``(form, pos)`` (cross-validation drops rows whose only evidence is the held fold)."""
    lex = Lexicon()
    _converted(lex, data_dir, off)
    _derived(lex, data_dir, off)
    _codebook(lex, data_dir, off)
    _curated(lex, data_dir, off, drop)
    for status, kind, form in read_rows("status.tsv", data_dir):
        lex.status[(kind, form)] = status
    # a motion verb + particle ("went to", "go away", "leave behind") is a movement, as the
    # motion verb alone is: its purpose or destination names the event, not the verb
    for first, second in [k for k in lex.phrasal if k in lex.converted]:
        if lex.cue("V", first) == "motion":
            del lex.phrasal[(first, second)]
    lex.places = {name.lower(): code for name, code in read_rows("places.tsv", data_dir)}
    lex.summits = [Summit(*row[:5]) for row in read_rows("summits.tsv", data_dir)]
    lex.agents = frozenset(row[0] for row in read_rows("agents.txt", data_dir))
    return lex
