"""Event knowledge from general sources and the learned trigger model: the converted CAMEO
pattern dictionary (synonym sets, prepositions), nominals derived from its verbs, rule
provenance, recipients from complements/objects/places, and the model's abstain. Real spaCy
model, real shipped data files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dyad.events import EventStage
from dyad.events.convert import parse_pattern
from dyad.events.learned import NEVER, TriggerModel, trigger_model
from dyad.events.lexicon import lexicon
from dyad.events.provenance import sources
from dyad.events.train import event_spans
from dyad.model import Article, Metadata
from dyad.nlp import load_nlp
from dyad.time import find_timexes


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


def _code(nlp: Language, text: str, model: Any = None) -> Article:
    article = Article(id="t", source="test", text=text, meta=Metadata())
    doc = nlp(text)
    article.timexes = find_timexes(text, None, doc)
    EventStage(model=model)(article, doc)
    return article


def test_pattern_parser_reads_synsets_phrases_and_prepositions() -> None:
    sets = {"&CEASEFIRE": ["truce", "cease-fire"]}
    assert parse_pattern("- * (TO &CEASEFIRE)   [0356]  # AGREE", sets) == (
        "to",
        ["truce", "cease-fire"],
        "0356",
    )
    assert parse_pattern("- * {ARMS SHIPMENT}  [072]", sets) == ("", ["arms shipment"], "072")
    assert parse_pattern("- * STATEMENT (FOR)  [101]", sets) is None  # more than we match
    assert parse_pattern("- * (WITH)  [030]", sets) == ("with", [""], "030")
    assert parse_pattern("- * NOT EXTEND DEADLINE  [030]", sets) is None
    assert parse_pattern("- &MILITARY * [154]", sets) is None  # words before the verb


def test_shipped_tables_hold_prepositions_and_derived_nouns() -> None:
    lex = lexicon()
    assert lex.verb_object[("agree", "to:ceasefire")].type == "AGREE"
    assert lex.nouns["bombing"] is not None and lex.nouns["bombing"].type == "ASSAULT"
    assert "bombardment" in lex.derived and "bombing" not in lex.derived  # curated wins
    assert "administration" not in lex.nouns  # a Phoenix agent, not an act


def test_every_curated_row_has_a_provenance() -> None:
    found = sources()
    assert set(found.values()) <= {"dictionary", "codebook", "stoplist", "curated"}
    assert found[("say", "V")] == "stoplist" and found[("attack", "V")] == "dictionary"


def test_derived_nominal_needs_event_use(nlp: Language) -> None:
    used = _code(nlp, "Rebels began a bombardment of the Iraqi capital Baghdad.")
    assert [(e.type, e.trigger) for e in used.events] == [("ASSAULT", "bombardment")], used.events
    bare = _code(nlp, "The bombardment was loud, Iraq said.")
    assert all(e.trigger != "bombardment" for e in bare.events), bare.events


def test_recipient_from_complement_clause_and_place(nlp: Language) -> None:
    threat = _code(nlp, "Iran threatened to cut off electricity to Azerbaijan.").events
    assert [r.name for r in threat[0].recipients] == ["Azerbaijan"], threat
    protest = _code(nlp, "Thousands of Kurds demonstrated in Turkey on Sunday.").events
    assert protest and [r.name for r in protest[0].recipients] == ["Turkey"], protest
    met = _code(nlp, "Barack Obama and Vladimir Putin met in Los Cabos.").events
    assert met and met[0].recipients == []  # a meeting happens at a place: no target


def test_markup_spans_reproduce_the_text() -> None:
    record = {
        "text": "Leaders of the Azadliq (Freedom) coalition agreed to postpone it.",
        "markup": "Leaders of the (SRC: Azadliq (Freedom) coalition) (EVT: agreed) to "
        "(EVT: postpone) it.",
    }
    spans = event_spans(record)
    assert [record["text"][a:b] for a, b in spans] == ["agreed", "postpone"]


def test_model_abstains_below_its_thresholds(nlp: Language) -> None:
    model = trigger_model()
    assert model is not None and set(model.thresholds) == {"drop", "retype", "add"}
    silent = TriggerModel(
        model.classes,
        model.index,
        model.coef,
        model.intercept,
        dict.fromkeys(model.thresholds, NEVER),
    )
    text = "Israeli troops shelled the town of Jericho on Sunday."
    rules = [(e.type, e.trigger) for e in _code(nlp, text, None).events]
    assert [(e.type, e.trigger) for e in _code(nlp, text, silent).events] == rules
    assert rules == [("ASSAULT", "shelled")]


def test_model_never_drops_every_trigger_of_a_sentence(nlp: Language) -> None:
    model = trigger_model()
    assert model is not None
    eager = TriggerModel(
        model.classes,
        model.index,
        model.coef,
        model.intercept,
        {"drop": 0.0, "retype": NEVER, "add": NEVER},  # P(NONE) >= 0: every trigger may go
    )
    text = "Russia attacked Ukraine and threatened Poland."
    rules = [(e.type, e.trigger) for e in _code(nlp, text, None).events]
    assert len(rules) >= 2
    kept = [(e.type, e.trigger) for e in _code(nlp, text, eager).events]
    assert len(kept) == 1 and kept[0] in rules


def _typed(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.type, e.status, e.trigger) for e in _code(nlp, text).events]


def test_intention_to_act_with_hostility_is_a_threat(nlp: Language) -> None:
    assert _typed(nlp, "Russia vowed to retaliate against any new sanctions.") == [
        ("THREATEN", "occurred", "vowed")
    ]
    # a hostile act further down the offer is not its content: still an offer of help
    offer = _typed(nlp, "Syria offered its troops to help Hrawi oust General Aoun.")
    assert offer and offer[0][0] == "AGREE", offer


def test_two_word_dictionary_verbs_but_not_motion(nlp: Language) -> None:
    lex = lexicon()
    assert lex.phrasal[("pull", "back")].type == "CONCEDE"  # CAMEO.2.0 +PULL_BACK
    assert ("killed", "and") not in lex.phrasal and ("go", "to") not in lex.phrasal
    assert _typed(nlp, "The rebels pulled back from the front line.") == [
        ("CONCEDE", "occurred", "pulled back")
    ]
    went = _typed(nlp, "The president went to Moscow to meet Putin last week.")
    assert [t for _, _, t in went] == ["meet"], went


def test_going_to_is_planned_but_went_on_strike_occurred(nlp: Language) -> None:
    assert _typed(nlp, "Putin is going to meet Obama in Hangzhou.")[0][1] == "planned"
    assert _typed(nlp, "Teachers went on strike over pay on Monday.") == [
        ("PROTEST", "occurred", "strike")
    ]


def test_weak_corpus_cache_is_reparsed_for_a_larger_limit(tmp_path: Path) -> None:
    from dyad.events.weak import parse_corpus

    folder = tmp_path / "shared" / "bbc" / "politics"
    folder.mkdir(parents=True)
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"Minister number {i} met the union leaders in London.")
    cache = tmp_path / "docs.spacy"
    assert len(parse_corpus(2, out=cache, shared=tmp_path / "shared")) == 2
    assert len(parse_corpus(4, out=cache, shared=tmp_path / "shared")) == 4
    assert len(parse_corpus(3, out=cache, shared=tmp_path / "shared")) == 3
