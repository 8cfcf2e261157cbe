"""The events stage: gold expectations on the samples, and each rule on hand-written sentences.

The gold event expectations of ``../shared/samples/gold.json`` are read when present and also
embedded below (``GOLD_EVENTS``), so the tests run without the shared folder. One
session-scoped fixture loads the spaCy model; every article is parsed once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dyad.events import EventStage, plover_view
from dyad.events.lexicon import DATA_DIR, lexicon
from dyad.model import Article, Event, Metadata, RawDocument, article_id
from dyad.nlp import load_nlp
from dyad.pipeline import Options, Pipeline
from dyad.time import find_timexes

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

GOLD_EVENTS: dict[str, list[dict[str, Any]]] = {
    "000_94e6e827dd53408d.txt": [
        {"type": "CONSULT", "participants": ["Barack Obama", "Vladimir Putin"],
         "date": "2012-06-18", "location_any": ["Los Cabos", "Mexico"], "status": "occurred"},
    ],
    "001_e98eb8699734e123.txt": [
        {"type": "CONSULT", "participants": ["Barack Obama", "Vladimir Putin"],
         "date": "2012-06-18", "location_any": None, "status": "occurred"},
    ],
    "002_a34849246ac6736f.txt": [
        {"type": "CONSULT", "participants": ["Barack Obama", "Vladimir Putin"],
         "date": "2012-06-18", "location_any": ["Los Cabos", "Mexico"], "status": "occurred"},
        {"type": "ACCUSE", "participants": ["Hillary Clinton", "Russia"],
         "date": None, "location_any": None, "status": "occurred"},
    ],
}  # fmt: skip

Code = Callable[..., Article]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


def _entity_stage() -> Any:
    try:
        from dyad.actors import EntityStage

        return EntityStage()
    except (ImportError, AttributeError):
        return None


@pytest.fixture(scope="session")
def code(nlp: Language) -> Code:
    """Text (and optional publication date) → article with timexes, entities and events."""
    stage, entities = EventStage(), _entity_stage()

    def run(text: str, published: str | None = None, with_entities: bool = True) -> Article:
        article = Article(
            id=article_id(text), source="test", text=text, meta=Metadata(published=published)
        )
        doc = nlp(text)
        article.timexes = find_timexes(text, published, doc)
        if with_entities and entities is not None:
            entities(article, doc)
        stage(article, doc)
        return article

    return run


@pytest.fixture(scope="session")
def sample(nlp: Language) -> Callable[[str], Article]:
    """A sample file through the pipeline, plus the entity and event stages if not wired yet."""
    pipeline = Pipeline(Options())
    names = {s.name for s in pipeline.stages}
    stage, entities = EventStage(), _entity_stage()
    cache: dict[str, Article] = {}

    def run(name: str) -> Article:
        if name not in cache:
            path = SAMPLES / name
            article = pipeline.extract(RawDocument(str(path), "text", path.read_text("utf-8")))
            if "events" not in names:
                doc = nlp(article.text)
                if "entities" not in names and entities is not None:
                    entities(article, doc)
                stage(article, doc)
            cache[name] = article
        return cache[name]

    return run


def names(event: Event) -> set[str]:
    return {r.name for r in [*event.actors, *event.recipients]}


def matches(event: Event, want: dict[str, Any]) -> bool:
    date = (event.date or {}).get("value") or ""
    location = (event.location or {}).get("name")
    return (
        event.type == want["type"]
        and set(want["participants"]) <= names(event)
        and (want["date"] is None or date.startswith(want["date"]))
        and (not want["location_any"] or location in want["location_any"])
        and event.status == want["status"]
    )


def describe(events: list[Event]) -> str:
    return "\n".join(
        f"{e.type} {e.status} {e.trigger!r} {sorted(names(e))} {e.date} {e.location}"
        for e in events
    )


# -- gold ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "want"),
    [(n, w) for n, ws in GOLD_EVENTS.items() for w in ws],
    ids=lambda x: str(x)[:30],
)
def test_embedded_gold(sample: Callable[[str], Article], name: str, want: dict[str, Any]) -> None:
    events = sample(name).events
    assert any(matches(e, want) for e in events), describe(events)


def test_shared_gold_file(sample: Callable[[str], Article], gold: dict[str, Any]) -> None:
    for name, expected in gold.items():
        if not name.endswith(".txt"):
            continue
        events = sample(name).events
        for want in expected.get("events", []):
            assert any(matches(e, want) for e in events), (name, want, describe(events))


def between(event: Event, a: str, b: str) -> bool:
    return event.type == "CONSULT" and {a, b} <= names(event)


def test_sample_003_cancelled_or_planned_meeting(sample: Callable[[str], Article]) -> None:
    article = sample("003_2991c885f5c99ec4.txt")
    found = [
        e
        for e in article.events
        if between(e, "Barack Obama", "Vladimir Putin") and e.status in ("cancelled", "planned")
    ]
    assert found, describe(article.events)
    assert any(
        ((e.date or {}).get("value") or (e.date or {}).get("bound") or "").startswith("2013")
        for e in found
    )


def test_sample_004_planned_meeting_in_hangzhou(sample: Callable[[str], Article]) -> None:
    article = sample("004_6cc219655949d651.txt")
    found = [
        e
        for e in article.events
        if between(e, "Barack Obama", "Vladimir Putin")
        and e.status == "planned"
        and ((e.date or {}).get("value") or "").startswith("2016-09")
    ]
    assert found, describe(article.events)
    assert any(e.location == {"name": "Hangzhou", "country": "CHN"} for e in found)


def test_one_consult_per_sentence_for_meeting_and_talks(sample: Callable[[str], Article]) -> None:
    article = sample("000_94e6e827dd53408d.txt")
    first = article.text.index("Presidents Vladimir Putin and Barack Obama")
    in_first = [e for e in article.events if e.sentence[0] <= first < e.sentence[1]]
    assert [e.type for e in in_first].count("CONSULT") == 1, describe(in_first)


# -- statuses --------------------------------------------------------------------------------


def consults(article: Article) -> list[Event]:
    return [e for e in article.events if e.type == "CONSULT"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Vladimir Putin met Barack Obama in Moscow on Tuesday.", "occurred"),
        ("Vladimir Putin will meet Barack Obama in Moscow next week.", "planned"),
        ("Vladimir Putin plans to meet Barack Obama in Moscow.", "planned"),
        ("Vladimir Putin is expected to meet Barack Obama in Moscow.", "planned"),
        ("Vladimir Putin hopes to meet Barack Obama at the summit.", "planned"),
        ("Vladimir Putin heads to Beijing on Sunday to meet Barack Obama.", "planned"),
        ("The White House decided to cancel the meeting between Obama and Putin.", "cancelled"),
        ("Vladimir Putin called off his visit to Washington.", "cancelled"),
        ("Vladimir Putin did not meet Barack Obama in Moscow.", "negated"),
        ("Vladimir Putin never met Barack Obama.", "negated"),
        ("Vladimir Putin refused to meet Barack Obama.", "negated"),
        ("If the talks succeed, Vladimir Putin could meet Barack Obama.", "hypothetical"),
        ("Vladimir Putin might meet Barack Obama in Moscow.", "hypothetical"),
        ("Barack Obama might not attend the summit in Vladivostok.", "hypothetical"),
    ],
)  # fmt: skip
def test_status(code: Code, text: str, status: str) -> None:
    found = consults(code(text, "2012-06-19"))
    assert found and found[0].status == status, describe(found)


def test_reported_would_is_planned(code: Code) -> None:
    article = code("The Kremlin said Putin would meet Obama in Beijing.", "2014-11-01")
    assert [e.status for e in consults(article)] == ["planned"]


def test_date_after_publication_is_planned(code: Code) -> None:
    article = code("Putin meets Obama in Beijing on Nov. 10.", "2014-11-01")
    event = consults(article)[0]
    assert event.status == "planned" and event.date and event.date["value"] == "2014-11-10"


# -- arguments -------------------------------------------------------------------------------


def test_conjoined_subjects_are_both_actors(code: Code) -> None:
    event = consults(code("Barack Obama and Vladimir Putin met in Los Cabos."))[0]
    assert {a.name for a in event.actors} == {"Barack Obama", "Vladimir Putin"}
    assert event.recipients == []


def test_met_with_gives_recipient(code: Code) -> None:
    event = consults(code("U.S. President Barack Obama met with Vladimir Putin on Monday."))[0]
    assert [a.name for a in event.actors] == ["Barack Obama"]
    assert [r.name for r in event.recipients] == ["Vladimir Putin"]


def test_meeting_with_gives_recipient(code: Code) -> None:
    text = "Putin heads to the G20 summit for a private meeting with U.S. President Barack Obama."
    event = consults(code(text, "2016-09-02"))[0]
    assert "Vladimir Putin" in {a.name for a in event.actors}
    assert "Barack Obama" in {r.name for r in event.recipients}


def test_possessor_of_nominal_trigger_is_actor(code: Code) -> None:
    event = consults(code("Putin's visit to Beijing lasted two days."))[0]
    assert event.mode == "visit" and [a.name for a in event.actors] == ["Vladimir Putin"]


def test_the_two_leaders_are_the_last_pair(code: Code) -> None:
    text = "Barack Obama greeted Vladimir Putin warmly. Later the two leaders met for two hours."
    event = consults(code(text))[-1]
    assert names(event) == {"Barack Obama", "Vladimir Putin"}


def test_works_without_entity_stage(code: Code) -> None:
    event = consults(code("Barack Obama met Vladimir Putin in Moscow.", with_entities=False))[0]
    assert {a.id for a in event.actors} == {"barack-obama"}
    assert {r.id for r in event.recipients} == {"vladimir-putin"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hillary Clinton criticized Russia on Friday.", "ACCUSE"),
        ("Russia accused Georgia of provoking the war.", "ACCUSE"),
        ("The European Union imposed sanctions on Iran.", "SANCTION"),
        ("Israel and Jordan signed a peace treaty.", "SUPPORT"),
        ("China urged Japan to return to the talks.", "REQUEST"),
        ("Rebels attacked the town of Homs.", "ASSAULT"),
        ("Thousands of students protested in Caracas.", "PROTEST"),
        ("Iran rejected the proposal.", "REJECT"),
        ("North Korea threatened to attack South Korea.", "THREATEN"),
        ("Russia and Ukraine agreed on a ceasefire.", "AGREE"),
    ],
)  # fmt: skip
def test_types(code: Code, text: str, kind: str) -> None:
    assert kind in {e.type for e in code(text).events}, describe(code(text).events)


def test_speech_act_content_is_absorbed(code: Code) -> None:
    article = code("Iran threatened to cut off electricity to Nakhichevan.")
    assert [e.type for e in article.events] == ["THREATEN"]


def test_nominal_triggers(code: Code) -> None:
    text = "Barack Obama held talks with Vladimir Putin. The summit in Hangzhou ended on Monday."
    article = code(text, "2016-09-06")
    assert consults(article)[0].trigger == "talks"
    assert consults(article)[0].recipients[0].name == "Vladimir Putin"


# -- date and place --------------------------------------------------------------------------


def test_date_attaches_to_governing_timex(code: Code) -> None:
    text = "Obama met Putin late Monday in Los Cabos, a year after Obama's visit to Moscow in 2009."
    article = code(text, "2012-06-19")
    meet = next(e for e in article.events if e.trigger == "met")
    visit = next(e for e in article.events if e.trigger == "visit")
    assert meet.date and meet.date["value"] == "2012-06-18" and meet.date["text"] == "late Monday"
    assert visit.date and visit.date["value"] == "2009"
    assert meet.location == {"name": "Los Cabos", "country": "MEX"}


def test_no_date_is_never_the_publication_date(code: Code) -> None:
    event = consults(code("Obama met Putin in Moscow.", "2012-06-19"))[0]
    assert event.date == {"value": None, "text": None, "bound": "2012-06-19"}


def test_timex_of_another_clause_is_not_taken(code: Code) -> None:
    text = "Obama met Putin for the first time since Putin returned to the Kremlin in May."
    event = consults(code(text, "2012-06-19"))[0]
    assert event.date and event.date["value"] is None


def test_summit_dates_an_undated_meeting(code: Code) -> None:
    text = "Obama and Putin met on the sidelines of the G20 summit in Mexico."
    event = consults(code(text))[0]
    # the summit's month: which of its days is not said, so none is picked
    assert event.date and event.date["value"] == "2012-06"
    assert event.date["inferred"] == "summit" and event.date["range"] == [
        "2012-06-18",
        "2012-06-19",
    ]
    assert event.location and event.location["country"] == "MEX"


def test_country_location(code: Code) -> None:
    event = consults(code("Obama met Putin in Mexico on Monday.", "2012-06-19"))[0]
    assert event.location == {"name": "Mexico", "country": "MEX"}


# -- contract and lexicon ----------------------------------------------------------------------


def test_event_dict_follows_contract(code: Code) -> None:
    article = code("Obama met Putin in Los Cabos late Monday.", "2012-06-19")
    data = consults(article)[0].to_dict()
    assert set(data) >= {"type", "mode", "cameo", "actors", "recipients", "date", "location",
                         "status", "trigger", "sentence"}  # fmt: skip
    start, end = data["sentence"]
    assert article.text[start:end].startswith("Obama met Putin")
    assert data["cameo"] == "040"


def test_plover_view() -> None:
    event = Event(type="SUPPORT", trigger="support", sentence=(0, 1), status="planned")
    assert plover_view(event) == "AGREE"
    event.status = "hypothetical"
    assert plover_view(event) is None


def test_lexicon_data_files_name_their_source() -> None:
    for path in DATA_DIR.iterdir():
        assert path.read_text("utf-8").startswith("#"), path
        assert "ource" in path.read_text("utf-8")[:1200], path
    assert lexicon().verbs["meet"] is not None and lexicon().nouns["talks"] is not None


# -- noise: who is not acting, what is not an event, where it is not ---------------------------


def test_possessor_of_abstract_subject_is_no_actor(code: Code) -> None:
    text = (
        "Barack Obama and Vladimir Putin's commitment to peace will not give them this "
        "opportunity. Barack Obama's policy supports Israel."
    )
    assert code(text).events == [], describe(code(text).events)
    assert [e.type for e in code("Barack Obama supports Israel.").events] == ["SUPPORT"]


def test_light_verb_with_abstract_object_is_no_aid(code: Code) -> None:
    assert code("The United States gave Russia a chance to respond.").events == []
    assert [e.type for e in code("The United States gave Russia weapons.").events] == ["AID"]


def test_quotation_takes_only_named_actors(code: Code) -> None:
    text = (
        "Barack Obama met Vladimir Putin in Moscow. "
        '"But we decided not to make a deal out of it," Putin said.'
    )
    assert [e.type for e in code(text).events] == ["CONSULT"], describe(code(text).events)
    named = code('"Barack Obama agreed to meet Vladimir Putin," Lavrov said.')
    assert between(consults(named)[0], "Barack Obama", "Vladimir Putin")


def test_hoped_talk_and_cancelled_meeting_of_its_participants(code: Code) -> None:
    text = (
        "Vladimir Putin hopes that he would still be able to talk to Barack Obama on the "
        "sidelines of the G20 summit, although earlier the White House had decided to cancel "
        "the bilateral meeting."
    )
    talk, meeting = consults(code(text, "2013-09-06"))
    assert talk.status == "planned" and talk.date and talk.date["inferred"] == "summit"
    assert meeting.status == "cancelled" and names(meeting) == {"Barack Obama", "Vladimir Putin"}
    assert meeting.date and meeting.date["value"] is None  # no summit date: not tied to it


def test_location_is_not_a_place_inside_the_object(code: Code) -> None:
    text = (
        "Barack Obama will warn Vladimir Putin of the U.S. response to Russian cyber "
        "operations in the United States."
    )
    threat = code(text).events[0]
    assert threat.type == "THREATEN" and threat.location is None
    warned = code("Barack Obama warned Vladimir Putin in Beijing.").events[0]
    assert warned.location == {"name": "Beijing", "country": "CHN"}


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("The United States is providing weapons to Macedonia, which is preparing a major "
         "offensive against the rebels.", ["AID"]),
        ("General Prosper Avril resigned on Friday to allow elections in Haiti.", ["RETREAT"]),
        ("U.N. helicopters evacuated the wounded from Gorazde on Friday.", ["AID"]),
        ("Serbia eased emergency measures on Wednesday as authorities in Croatia cracked down "
         "on protesters.", ["CONCEDE"]),
        ("Syrian officers ended mediation efforts between rival militias in Tripoli.",
         ["SANCTION"]),
        ("Barack Obama praised all their previous meetings with Vladimir Putin.", ["SUPPORT"]),
    ],
)  # fmt: skip
def test_background_and_series_are_not_events(code: Code, text: str, kinds: list[str]) -> None:
    assert [e.type for e in code(text, "2013-09-06").events] == kinds, describe(code(text).events)


def test_relative_clause_on_event_noun_is_that_event(code: Code) -> None:
    article = code("Putin snubbed Obama by skipping the G8 meeting that Obama hosted in May.")
    meeting = consults(article)[0]
    assert meeting.status == "cancelled" and "Barack Obama" in names(meeting)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. president said that his talks with Putin were mostly very productive.", []),
        ("Obama often meets Putin.", []),
        ("The meeting between Obama and Putin was mostly about Syria.", [("CONSULT", "occurred")]),
        ("Obama met Putin in Los Cabos on June 18.", [("CONSULT", "occurred")]),
    ],
)
def test_habitual_clauses_are_not_one_event(
    code: Code, text: str, expected: list[tuple[str, str]]
) -> None:
    article = code(text, "2013-09-06")
    assert [(e.type, e.status) for e in article.events] == expected


def test_passive_without_agent_and_far_or_first_person_plurals_name_no_doer(code: Code) -> None:
    # the reporter of a passive clause is not its doer ("they" were Lavrov and Assad)
    text = (
        "Sergei Lavrov met Bashar al-Assad in Damascus. Activists reported shelling in Homs. "
        "At least 15 were killed on Tuesday, they said."
    )
    killed = [e for e in code(text, "2012-02-07").events if e.trigger == "killed"]
    assert all(not e.actors for e in killed), describe(killed)
    # "they" reaches back two sentences for its pair, not further
    near = "Barack Obama met Vladimir Putin in Los Cabos. They agreed to cooperate on Syria."
    agreed = [e for e in code(near).events if e.type == "AGREE"]
    assert agreed and names(agreed[0]) == {"Barack Obama", "Vladimir Putin"}, describe(agreed)
    far = (
        "Barack Obama met Vladimir Putin in Los Cabos. The summit opened on Monday. Rain fell "
        "in the afternoon. Traffic was slow. They attacked the convoy."
    )
    assert not [e for e in code(far).events if e.type == "ASSAULT"], describe(code(far).events)
    # "we" is the speaker's side, not the two people last named
    ours = 'Paul Wood met Maj Yaya in Homs. "We killed them," he told me.'
    assert not [e for e in code(ours).events if e.type == "ASSAULT"], describe(code(ours).events)


def test_a_byline_is_not_one_of_the_pair_they_stand_for(code: Code) -> None:
    text = (
        "Beijing believes that Syrian leader Bashar al-Assad should be allowed to carry out "
        "reforms, says the BBC's Martin Patience in Beijing. But observers say the power to end "
        "the violence lies with Beijing and Moscow. On 4 February they blocked a resolution in "
        "the UN Security Council."
    )
    for event in code(text, "2012-02-27").events:
        assert "Martin Patience" not in " ".join(names(event)), describe([event])
    # the pair itself still works when no byline is involved
    text = "Barack Obama met Vladimir Putin. They agreed to cooperate."
    agreed = [e for e in code(text).events if e.type == "AGREE"]
    assert agreed and names(agreed[0]) == {"Barack Obama", "Vladimir Putin"}
