"""Event recipients read further down the parse (issue 15) and participant coreference.

Each rule of :mod:`dyad.events.recipients` and :mod:`dyad.events.coref` on hand-written
sentences, through the real spaCy model, the entity stage and the events stage; and the
participant scorer of ``benchmarks/events_plover.py`` on its matching rules.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

from dyad.actors import EntityStage
from dyad.events import EventStage
from dyad.model import Article, Event, Metadata, article_id
from dyad.nlp import load_nlp
from dyad.time import find_timexes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def stages() -> tuple[EntityStage, EventStage]:
    return EntityStage(), EventStage()


def events(nlp: Language, stages: tuple[EntityStage, EventStage], text: str) -> list[Event]:
    article = Article(
        id=article_id(text), source="t", text=text, meta=Metadata(published="2014-03-05")
    )
    doc = nlp(text)
    article.timexes = find_timexes(text, "2014-03-05", doc)
    stages[0](article, doc)
    stages[1](article, doc)
    return article.events


def one(nlp: Language, stages: tuple[EntityStage, EventStage], text: str, kind: str) -> Event:
    found = [e for e in events(nlp, stages, text) if e.type == kind]
    assert found, [(e.type, e.trigger) for e in events(nlp, stages, text)]
    return found[-1]


def recipients(event: Event) -> list[str]:
    return [r.name for r in event.recipients]


def actors(event: Event) -> list[str]:
    return [a.name for a in event.actors]


@pytest.mark.parametrize(
    ("text", "kind", "want"),
    [
        # a hostile act's "on" object; not a meeting's topic (below)
        ("The United States announced new sanctions on Russia.", "SANCTION", "Russia"),
        ("Israel launched an attack on Gaza.", "ASSAULT", "Gaza"),
        # an act as object: its target when it names no doer of its own
        ("The United States threatened further action against Iran.", "THREATEN", "Iran"),
        # ... its doer when it names one other than the actor
        ("Syria rejected a fresh offer from Turkey for direct talks.", "REJECT", "Turkey"),
        ("The protesters denounced violations committed by Algerian police.", "ACCUSE",
         "Algerian"),
        # complement clause
        ("Azerbaijan threatened to break relations with Russia.", "THREATEN", "Russia"),
        # conditional threat
        ("Iran threatened to stop the talks unless Israel withdrew.", "THREATEN", "Israel"),
        # directive complement: the addressee
        ("China demanded that the United States cancel the sale.", "REQUEST", "United States"),
        # a verb's prepositional object that is an act
        ("Iraqi Kurds demonstrated in Kirkuk calling for independence from Iraq.", "PROTEST",
         "Iraq"),
    ],
)  # fmt: skip
def test_recipient_further_down(
    nlp: Language, stages: tuple[EntityStage, EventStage], text: str, kind: str, want: str
) -> None:
    event = one(nlp, stages, text, kind)
    assert any(want in name for name in recipients(event)), (actors(event), recipients(event))


def test_purpose_clause_object_is_the_target(
    nlp: Language, stages: tuple[EntityStage, EventStage]
) -> None:
    event = one(nlp, stages, "Kenyans held rallies in Nairobi to support President Moi.", "PROTEST")
    assert any("Moi" in name for name in recipients(event)), recipients(event)


def test_participial_adjunct_object_is_no_target(
    nlp: Language, stages: tuple[EntityStage, EventStage]
) -> None:
    text = "Students marched through Belgrade, joining opposition supporters in the square."
    for event in events(nlp, stages, text):
        assert not any("supporters" in name for name in recipients(event)), recipients(event)


def test_meeting_topic_is_no_recipient(
    nlp: Language, stages: tuple[EntityStage, EventStage]
) -> None:
    event = one(nlp, stages, "Obama held talks on Syria.", "CONSULT")
    assert recipients(event) == []


def test_indicative_content_subject_is_no_addressee(
    nlp: Language, stages: tuple[EntityStage, EventStage]
) -> None:
    text = "Egypt warned that police will no longer tolerate rallies by the Kifaya movement."
    for event in events(nlp, stages, text):
        assert "police" not in recipients(event)


def test_own_force_is_no_target(nlp: Language, stages: tuple[EntityStage, EventStage]) -> None:
    event = one(
        nlp, stages, "Britain mobilized army reservists for a war against Iraq.", "MOBILIZE"
    )
    assert recipients(event) == ["Iraq"]


def test_place_inside_the_complement(nlp: Language, stages: tuple[EntityStage, EventStage]) -> None:
    text = "The APEC forum agreed to set up an energy research centre in Tokyo."
    event = one(nlp, stages, text, "AGREE")
    assert recipients(event) == ["Tokyo"]  # the place, not the Government of Japan


def test_fallbacks_need_an_actor(nlp: Language, stages: tuple[EntityStage, EventStage]) -> None:
    text = "A comprehensive ban on smoking in all enclosed public places in Scotland was unveiled."
    assert all(e.actors or not e.recipients for e in events(nlp, stages, text))


def test_hyphenated_compound_names_both(
    nlp: Language, stages: tuple[EntityStage, EventStage]
) -> None:
    event = one(nlp, stages, "The Obama-Putin meeting was tense.", "CONSULT")
    assert set(actors(event)) == {"Barack Obama", "Vladimir Putin"}
    later = one(nlp, stages, "The Obama-Putin meeting was tense. Obama later met Putin.", "CONSULT")
    assert recipients(later) == ["Vladimir Putin"]  # not an "Obama-Putin" person
    event = one(nlp, stages, "Al-Qaeda leaders met in Pakistan.", "CONSULT")
    assert actors(event) == ["Al Qa'ida"]


@pytest.mark.parametrize(
    ("text", "kind", "side", "want"),
    [
        ("Russia denied the report. It accused Ukraine of shelling the border.", "ACCUSE",
         "actors", ["Russia"]),
        ("Iran held talks with France. The country also criticised Israel.", "ACCUSE",
         "actors", ["Iran"]),
        ("Germany recalled its envoy. The government condemned the annexation of Crimea.",
         "ACCUSE", "actors", ["Government of Germany"]),
        ("Obama met Putin in Los Cabos. The U.S. president criticised him.", "ACCUSE",
         "recipients", ["Vladimir Putin"]),
        # a plural whose lemma is not the government noun itself ("authority")
        ("France closed its embassy. The authorities condemned the attack on Mali.", "ACCUSE",
         "actors", ["Government of France"]),
    ],
)  # fmt: skip
def test_coreference_to_earlier_sentences(
    nlp: Language,
    stages: tuple[EntityStage, EventStage],
    text: str,
    kind: str,
    side: str,
    want: list[str],
) -> None:
    event = one(nlp, stages, text, kind)
    assert (actors(event) if side == "actors" else recipients(event)) == want


def test_ambiguous_or_object_it_stays_unresolved(
    nlp: Language, stages: tuple[EntityStage, EventStage]
) -> None:
    text = "Russia and Ukraine signed a deal. The government later rejected it."
    event = one(nlp, stages, text, "REJECT")
    assert "Russia" not in recipients(event) and "Government of Russia" not in actors(event)


def _scorer() -> ModuleType:
    path = ROOT / "benchmarks" / "events_plover.py"
    spec = importlib.util.spec_from_file_location("events_plover_scorer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_fair_scorer_rules() -> None:
    scorer = _scorer()
    assert scorer._match(["Ronald Reagan"], ["President Reagan's"])
    assert not scorer._match(["Ronald Reagan"], ["President Reagan's"], fair=False)
    assert scorer._place_name("in the capital city of Algiers") == "Algiers"
    assert scorer._place_name("Algiers") == ""
    markup = "(SRC/TAR: Israel) and (SRC/TAR: Lebanon) (EVT: renewed) talks"
    sources = [{"actorText": "Israel"}, {"actorText": "Lebanon"}]
    record = {"source": sources, "target": [], "markup": markup}
    assert scorer._gold(record, fair=True)[2] == {"Israel", "Lebanon"}
    assert scorer._gold(record, fair=False)[1] == []
