"""The entities stage: names, role nominals and pronouns grouped and resolved to the KB.

One session-scoped fixture loads the spaCy model; each test parses a sample or a
hand-written article and checks dyad's entities. The gold expectations for samples 000-002
are embedded here (so they run without ``../shared``) and also checked against
``../shared/samples/gold.json`` when it is present.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from conftest import SAMPLES
from dyad.actors import EntityStage
from dyad.clean import clean
from dyad.model import Article, Entity, Metadata, RawDocument
from dyad.pipeline import check_order

GOLD_ENTITIES: dict[str, list[dict[str, Any]]] = {
    "000_94e6e827dd53408d.txt": [
        {"name": "Vladimir Putin", "country": "RUS", "mention_texts": ["Putin"]},
        {
            "name": "Barack Obama",
            "country": "USA",
            "mention_texts": ["Obama", "the U.S. president"],
        },
        {"name": "Dmitry Medvedev", "country": "RUS", "mention_texts": ["Medvedev"]},
        {"name": "Michael McFaul", "country": "USA", "mention_texts": ["McFaul"]},
        {"name": "Mitt Romney", "country": "USA", "mention_texts": ["Romney"]},
    ],
    "001_e98eb8699734e123.txt": [
        {"name": "Vladimir Putin", "country": "RUS", "mention_texts": ["Putin"]},
        {"name": "Barack Obama", "country": "USA", "mention_texts": ["Obama"]},
        {"name": "Dmitry Medvedev", "country": "RUS", "mention_texts": ["Medvedev"]},
    ],
    "002_a34849246ac6736f.txt": [
        {"name": "Bashar al-Assad", "country": "SYR", "mention_texts": ["Assad"]},
        {"name": "Hillary Clinton", "country": "USA", "mention_texts": ["Hillary Rodham Clinton"]},
        {"name": "Dmitry Medvedev", "country": "RUS", "mention_texts": ["Dmitry Medvedev"]},
    ],
}


@pytest.fixture(scope="session")
def nlp() -> Language:
    from dyad.nlp import load_nlp

    try:
        return load_nlp()
    except Exception as exc:  # the model package is not installed
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def stage() -> EntityStage:
    return EntityStage()


def run(nlp: Language, stage: EntityStage, text: str, published: str | None = None) -> Article:
    article = Article(id="t", source="test", text=text, meta=Metadata(published=published))
    stage(article, nlp(text))
    return article


def sample(nlp: Language, stage: EntityStage, name: str) -> Article:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    text, meta = clean(RawDocument(str(path), "text", path.read_text(encoding="utf-8")))
    article = Article(id=name, source=str(path), text=text, meta=meta)
    stage(article, nlp(text))
    return article


def texts(article: Article, entity: Entity) -> list[str]:
    return [article.text[s:e] for s, e in entity.mentions]


def by_name(article: Article, name: str) -> Entity:
    found = [e for e in article.entities if e.name == name]
    assert len(found) == 1, f"{name}: {[(e.name, e.id) for e in article.entities]}"
    return found[0]


def by_id(article: Article, ident: str) -> Entity:
    found = [e for e in article.entities if e.id == ident]
    assert len(found) == 1, f"{ident}: {[(e.name, e.id) for e in article.entities]}"
    return found[0]


def check_gold(article: Article, expected: list[dict[str, Any]]) -> None:
    for gold in expected:
        entity = by_name(article, gold["name"])
        assert entity.country == gold["country"], gold["name"]
        for mention in gold["mention_texts"]:
            # "appears among": a mention's text contains it ("Dmitry Medvedev's" for "Medvedev")
            assert any(mention in t for t in texts(article, entity)), (gold["name"], mention)


# -- the samples -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(GOLD_ENTITIES))
def test_gold_entities_embedded(nlp: Language, stage: EntityStage, name: str) -> None:
    check_gold(sample(nlp, stage, name), GOLD_ENTITIES[name])


def test_gold_entities_from_shared_file(
    nlp: Language, stage: EntityStage, gold: dict[str, Any]
) -> None:
    for name, expected in gold.items():
        if isinstance(expected, dict) and "entities" in expected:
            check_gold(sample(nlp, stage, name), expected["entities"])


def test_sample_003_us_president_is_obama(nlp: Language, stage: EntityStage) -> None:
    article = sample(nlp, stage, "003_2991c885f5c99ec4.txt")
    obama = by_id(article, "barack-obama")
    assert "the U.S. president" in texts(article, obama)
    assert "the Russian president" in texts(article, by_id(article, "vladimir-putin"))


def test_sample_roles_on_the_article_date(nlp: Language, stage: EntityStage) -> None:
    article = sample(nlp, stage, "000_94e6e827dd53408d.txt")
    assert by_id(article, "vladimir-putin").role == "President of Russia"
    assert by_id(article, "dmitry-medvedev").role == "Prime Minister of Russia"


# -- role nominals on the date -----------------------------------------------------------------
PRESIDENT = "The talks went well. Later the Russian president said that relations were good."


def test_russian_president_in_2013_is_putin(nlp: Language, stage: EntityStage) -> None:
    article = run(nlp, stage, PRESIDENT, "2013-09-06")
    putin = by_id(article, "vladimir-putin")
    assert texts(article, putin) == ["the Russian president"]
    assert putin.role == "President of Russia"


def test_russian_president_in_2009_is_medvedev(nlp: Language, stage: EntityStage) -> None:
    article = run(nlp, stage, PRESIDENT, "2009-06-01")
    assert texts(article, by_id(article, "dmitry-medvedev")) == ["the Russian president"]
    assert not [e for e in article.entities if e.id == "vladimir-putin"]


def test_no_date_no_role_and_no_nominal_guess(nlp: Language, stage: EntityStage) -> None:
    article = run(nlp, stage, PRESIDENT, None)
    assert not [e for e in article.entities if e.type == "PERSON"]


def test_leader_nominals(nlp: Language, stage: EntityStage) -> None:
    text = (
        "Barack Obama met Vladimir Putin in Los Cabos. Obama told his Russian counterpart "
        "that the Kremlin ruler had to act."
    )
    article = run(nlp, stage, text, "2012-06-19")
    putin = texts(article, by_id(article, "vladimir-putin"))
    assert "his Russian counterpart" in putin
    assert "the Kremlin ruler" in putin


def test_then_president_keeps_the_current_role(nlp: Language, stage: EntityStage) -> None:
    text = "Obama and then-President Dmitry Medvedev met in 2010."
    medvedev = by_id(run(nlp, stage, text, "2012-06-19"), "dmitry-medvedev")
    assert medvedev.role == "Prime Minister of Russia"


# -- governments, countries, groups ------------------------------------------------------------
def test_moscow_and_the_kremlin_are_russias_government(nlp: Language, stage: EntityStage) -> None:
    text = (
        "Moscow rejected the plan. The Kremlin said Russia would not agree, Russian officials said."
    )
    article = run(nlp, stage, text, "2012-06-19")
    government = by_id(article, "government-of-russia")
    assert government.country == "RUS" and government.type == "ORG"
    assert {"Moscow", "Kremlin"} <= set(texts(article, government))
    russia = by_id(article, "russia")
    assert (russia.type, russia.country) == ("GPE", "RUS")
    norp = [e for e in article.entities if e.type == "NORP"]
    assert norp and norp[0].country == "RUS" and norp[0].id is None


# -- pronouns ----------------------------------------------------------------------------------
def test_pronoun_links_to_the_only_person(nlp: Language, stage: EntityStage) -> None:
    text = "Vladimir Putin arrived in Paris on Monday. He met the French foreign minister."
    article = run(nlp, stage, text, "2012-06-19")
    assert "He" in texts(article, by_id(article, "vladimir-putin"))


def test_pronoun_with_two_candidates_stays_unresolved(nlp: Language, stage: EntityStage) -> None:
    text = "Vladimir Putin met Barack Obama in Mexico. Reporters asked him about Syria."
    article = run(nlp, stage, text, "2012-06-19")
    for entity in article.entities:
        assert "him" not in texts(article, entity)


def test_she_needs_a_woman(nlp: Language, stage: EntityStage) -> None:
    text = "Hillary Clinton met Sergei Lavrov. She said the talks were useful."
    article = run(nlp, stage, text, "2012-06-19")
    assert "She" in texts(article, by_id(article, "hillary-clinton"))
    assert "She" not in texts(article, by_id(article, "sergei-lavrov"))


# -- ids and offsets ---------------------------------------------------------------------------
def test_unknown_person_has_the_same_id_everywhere(nlp: Language, stage: EntityStage) -> None:
    one = run(nlp, stage, "Opposition leader Marta Quistgaard criticised the government on Monday.")
    two = run(nlp, stage, "The economist Marta Quistgaard spoke in Oslo.", "2015-01-01")
    ids = {by_name(a, "Marta Quistgaard").id for a in (one, two)}
    assert ids == {"marta-quistgaard"}


def test_mention_offsets_are_the_name(nlp: Language, stage: EntityStage) -> None:
    text = "Russian President Vladimir Putin's visit ended. Putin left."
    article = run(nlp, stage, text, "2012-06-19")
    putin = by_id(article, "vladimir-putin")
    start = text.index("Vladimir")
    assert putin.mentions[0] == (start, start + len("Vladimir Putin"))
    assert putin.mentions[1] == (text.rindex("Putin"), text.rindex("Putin") + 5)
    assert putin.country == "RUS" and putin.role == "President of Russia"


def test_country_from_title_when_the_kb_does_not_know(nlp: Language, stage: EntityStage) -> None:
    text = "Serbian President Vojislav Kostunica met the envoy."
    person = by_name(run(nlp, stage, text), "Vojislav Kostunica")
    assert person.country == "SRB" and person.id == "vojislav-kostunica" and person.role is None


# -- the stage ---------------------------------------------------------------------------------
def test_stage_declares_its_needs(stage: EntityStage) -> None:
    assert (stage.name, stage.requires, stage.assigns) == ("entities", ("doc",), ("entities",))
    check_order([stage])


def test_entities_are_sorted_and_mentions_inside_the_text(
    nlp: Language, stage: EntityStage
) -> None:
    article = sample(nlp, stage, "000_94e6e827dd53408d.txt")
    firsts = [e.mentions[0] for e in article.entities]
    assert firsts == sorted(firsts)
    for entity in article.entities:
        assert entity.mentions == sorted(set(entity.mentions))
        assert all(0 <= s < e <= len(article.text) for s, e in entity.mentions)
