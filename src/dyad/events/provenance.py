"""Where each curated trigger comes from, and which sentences could have taught it.

The converted CAMEO dictionary (``cameo_verbs.tsv``, ``cameo_patterns.tsv``) is general
knowledge. A row of the curated ``triggers.tsv`` is one of:

* ``dictionary`` — it restates what the dictionary already codes (same PLOVER type);
* ``codebook`` — it restates what a CAMEO code's own description in CAMEO2PLOVER says
  (``codebook.tsv``: "Veto" → REJECT, "Engage in ethnic cleansing" → ASSAULT);
* ``stoplist`` — a ``-`` row: a light, reporting or motion verb, or a light verb with an
  abstract object, that names no event of its own (a named linguistic pattern);
* ``curated`` — anything else: a type the dictionary lacks or codes differently, a noun, a
  verb + particle. These are the rows that may have been grown from development misses.

:func:`evidence` says which curated rows a parsed sentence mentions; the benchmark's
cross-validation leaves out, for each held fold, the curated rows whose only evidence in the
development set lies in that fold (a rule grown from a miss cannot have been learned without
the sentence that missed).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Span

from dyad.events.lexicon import DATA_DIR, codebook_rows, curated_rows, read_rows

Row = tuple[str, str]  # (form, pos) of a triggers.tsv row


def sources(data_dir: Path = DATA_DIR) -> dict[Row, str]:
    """Each curated row's provenance: ``dictionary``, ``codebook``, ``stoplist`` or
    ``curated``."""
    verbs = {r[0]: r[2] for r in read_rows("cameo_verbs.tsv", data_dir)}
    pairs = {f"{r[0]} {r[1]}": r[3] for r in read_rows("cameo_patterns.tsv", data_dir)}
    codebook = {
        (f"{form} {obj}".strip(), "VO" if pos == "VO" else pos): spec.type
        for pos, form, obj, spec in codebook_rows(data_dir)
    }
    out: dict[Row, str] = {}
    for form, pos, type_, _, _ in curated_rows(data_dir):
        if type_ == "-":
            out[(form, pos)] = "stoplist"
        elif (verbs if pos == "V" else pairs).get(form) == type_:
            out[(form, pos)] = "dictionary"
        elif codebook.get((form, pos)) == type_:
            out[(form, pos)] = "codebook"
        else:
            out[(form, pos)] = "curated"
    return out


def _forms(sent: Span) -> set[str]:
    forms: set[str] = set()
    for token in sent:
        forms.update((token.lemma_.lower(), token.lower_))
    for token in sent:
        for child in token.children:
            for a in (token.lemma_.lower(), token.lower_):
                for b in (child.lemma_.lower(), child.lower_):
                    forms.add(f"{a} {b}" if child.i > token.i else f"{b} {a}")
                    forms.add(f"{a} {b}")
    return forms


def evidence(sent: Span, rows: Iterable[Row]) -> set[Row]:
    """The curated rows whose form occurs in the sentence (by lemma or word; two-word rows
    as a head and its dependent)."""
    forms = _forms(sent)
    return {row for row in rows if row[0] in forms}
