"""The actor knowledge base: roles over time, lookups, places, user files, the converter.

Uses only the data shipped in ``src/dyad/data/actors`` (no ``shared/`` needed); the converter
is exercised on a small dictionary written here.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dyad.actors import (
    Actor,
    ActorFileError,
    ActorKB,
    default_kb,
    describe_actor,
    format_actor_text,
    unknown_person_id,
)
from dyad.actors.kb import DATA_DIR
from dyad.actors.names import nice_case
from dyad.actors.phoenix import parse_phoenix_date, read_entries
from dyad.actors.phoenix_records import assign_ids, entry_record, learn_first_names
from dyad.errors import DyadError


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return default_kb()


def ids(actors: list[Actor]) -> list[str]:
    return [a.id for a in actors]


# -- roles over time ---------------------------------------------------------------------------
def test_president_of_russia_depends_on_the_date(kb: ActorKB) -> None:
    assert ids(kb.holder("President", "RUS", date(2013, 9, 6))) == ["vladimir-putin"]
    assert ids(kb.holder("President", "RUS", date(2009, 6, 1))) == ["dmitry-medvedev"]
    assert ids(kb.holder("President", "Russia", date(2005, 1, 1))) == ["vladimir-putin"]


def test_prime_minister_of_russia(kb: ActorKB) -> None:
    assert ids(kb.holder("Prime Minister", "RUS", date(2013, 6, 1))) == ["dmitry-medvedev"]
    assert ids(kb.holder("Prime Minister", "RUS", date(2010, 6, 1))) == ["vladimir-putin"]
    assert ids(kb.holder("Prime Minister of Russia", None, date(2021, 1, 1))) == [
        "mikhail-mishustin"
    ]


def test_on_handover_day_only_the_successor_holds_the_role(kb: ActorKB) -> None:
    assert ids(kb.holder("President", "RUS", date(2008, 5, 7))) == ["dmitry-medvedev"]
    assert ids(kb.holder("President", "RUS", date(2008, 5, 6))) == ["vladimir-putin"]


def test_obama_president_in_2012_not_in_2018(kb: ActorKB) -> None:
    assert ids(kb.holder("President", "USA", date(2012, 6, 18))) == ["barack-obama"]
    in_2018 = ids(kb.holder("President", "USA", date(2018, 1, 1)))
    assert "barack-obama" not in in_2018
    assert in_2018 == ["donald-trump"]
    obama = kb.get("barack-obama")
    assert obama is not None
    assert kb.role_on(obama, date(2012, 6, 18)).title == "President of the United States"
    assert kb.role_on(obama, date(2018, 1, 1)) is None or (
        kb.role_on(obama, date(2018, 1, 1)).title != "President of the United States"
    )


def test_vice_president_does_not_answer_president(kb: ActorKB) -> None:
    assert "joe-biden" not in ids(kb.holder("President", "USA", date(2012, 6, 18)))
    assert ids(kb.holder("Vice President", "USA", date(2012, 6, 18))) == ["joe-biden"]


def test_role_on_picks_the_most_important_role(kb: ActorKB) -> None:
    assert kb.role_on("vladimir-putin", date(2009, 6, 1)).title == "Prime Minister of Russia"
    assert kb.role_on("vladimir-putin", date(2013, 9, 6)).title == "President of Russia"
    # Acting president and prime minister at once: the presidency is reported.
    assert kb.role_on("vladimir-putin", date(2000, 2, 1)).title == "Acting President of Russia"
    assert kb.role_on("hillary-clinton", date(2012, 6, 18)).title == "U.S. Secretary of State"
    assert kb.role_on("michael-mcfaul", date(2013, 1, 1)).title == "U.S. Ambassador to Russia"
    assert kb.role_on("no-such-actor", date(2013, 1, 1)) is None


def test_secretaries(kb: ActorKB) -> None:
    assert ids(kb.holder("Secretary of State", "USA", date(2014, 1, 1))) == ["john-kerry"]
    assert ids(kb.holder("Secretary-General of the United Nations", None, date(2003, 3, 1))) == [
        "kofi-annan"
    ]
    assert "ban-ki-moon" in ids(kb.holder("Secretary-General", None, date(2012, 6, 18)))


def test_holder_by_cameo_code(kb: ActorKB) -> None:
    assert "vladimir-putin" in ids(kb.holder("RUSGOV", "RUS", date(2013, 9, 6)))
    assert kb.holder("President", "Atlantis", date(2013, 9, 6)) == []


def test_bashar_al_assad_term(kb: ActorKB) -> None:
    assert ids(kb.holder("President", "SYR", date(2013, 9, 6))) == ["bashar-al-assad"]
    assert kb.holder("President", "SYR", date(2025, 1, 1)) == []


# -- lookups -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["Putin", "Vladimir Putin", "vladimir-putin", "PUTIN", "V. Putin", "Vladímir Putin"]
)
def test_lookup_variants_give_the_same_actor(kb: ActorKB, name: str) -> None:
    found = kb.lookup(name)
    assert found and found[0].id == "vladimir-putin"
    assert found[0].country == "RUS" and found[0].type == "PERSON"


def test_surname_lookup_returns_every_candidate(kb: ActorKB) -> None:
    clintons = ids(kb.lookup("Clinton"))
    assert {"bill-clinton", "hillary-clinton"} <= set(clintons)
    assert ids(kb.lookup("al-Assad"))[0] == "bashar-al-assad"
    assert ids(kb.lookup("Xi"))[0] == "xi-jinping"


def test_sample_people_are_known(kb: ActorKB) -> None:
    expected = {
        "Michael McFaul": ("USA", "michael-mcfaul"),
        "Mitt Romney": ("USA", "mitt-romney"),
        "Garry Kasparov": ("RUS", "garry-kasparov"),
        "Nikolai Zlobin": ("RUS", "nikolai-zlobin"),
        "Yury Ushakov": ("RUS", "yury-ushakov"),
        "Alexander Lukashenko": ("BLR", "alexander-lukashenko"),
        "Kofi Annan": ("GHA", "kofi-annan"),
        "Winston Churchill": ("GBR", "winston-churchill"),
        "Sergei Lavrov": ("RUS", "sergei-lavrov"),
    }
    for name, (country, ident) in expected.items():
        found = kb.lookup(name)
        assert found and found[0].id == ident, name
        assert found[0].country == country, name
    assert kb.get("garry-kasparov").sector == "opposition"


def test_merged_phoenix_ids_redirect(kb: ActorKB) -> None:
    # Phoenix's "Kremlin" record merged into Russia's government.
    assert kb.get("kremlin").id == "government-of-russia"
    assert kb.lookup("nobody at all, really") == []
    assert kb.lookup("") == []


def test_unknown_person_id_is_stable() -> None:
    assert unknown_person_id("Nikolai Zlobin") == "nikolai-zlobin"
    assert unknown_person_id("  NIKOLAI  ZLOBIN, ") == "nikolai-zlobin"
    assert unknown_person_id("Nikolaï Zlobin") == "nikolai-zlobin"
    assert unknown_person_id("Jean-Marc O'Neill") == "jean-marc-oneill"


# -- places --------------------------------------------------------------------------------------
@pytest.mark.parametrize("place", ["the Kremlin", "Kremlin", "Moscow", "Russia", "Russian"])
def test_kremlin_and_moscow_stand_for_the_russian_government(kb: ActorKB, place: str) -> None:
    government = kb.government_of(place)
    assert government is not None
    assert government.id == "government-of-russia"
    assert government.country == "RUS" and government.sector == "government"


def test_other_seats_of_government(kb: ActorKB) -> None:
    assert kb.government_of("the White House").country == "USA"
    assert kb.government_of("Downing Street").country == "GBR"
    assert kb.government_of("Kyiv").country == "UKR"
    assert kb.government_of("Brussels").id == "european-union"
    assert kb.government_of("Gotham City") is None


def test_adjectives_and_country_names(kb: ActorKB) -> None:
    assert kb.country_of_adjective("Russian") == "RUS"
    assert kb.country_of_adjective("U.S.") == "USA"
    assert kb.country_of_adjective("American") == "USA"
    assert kb.country_of_adjective("Americans") == "USA"
    assert kb.country_of_adjective("Chinese") == "CHN"
    assert kb.country_of_adjective("Martian") is None
    assert kb.country_code("Russia's") == "RUS"
    assert kb.country_code("Britain") == "GBR"
    assert kb.country_code("DEU") == "DEU"
    assert kb.lookup("Russia")[0].type == "GPE"


def test_agents(kb: ActorKB) -> None:
    assert kb.agent_sector("minister") == "government"
    assert kb.agent_sector("soldiers") == "military"
    assert kb.agent_sector("xylophone") is None


# -- user files ----------------------------------------------------------------------------------
def _write(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_user_file_overrides_by_id_and_adds(tmp_path: Path) -> None:
    user = _write(
        tmp_path / "mine.jsonl",
        [
            {
                "id": "vladimir-putin",
                "name": "Vladimir Putin",
                "type": "PERSON",
                "country": "RUS",
                "aliases": ["VVP"],
                "roles": [
                    {"code": "RUSGOV", "title": "President of Russia", "start": "2000-05-07"}
                ],
            },
            {
                "id": "ivan-testov",
                "name": "Ivan Testov",
                "country": "RUS",
                "roles": [{"code": "RUSOPP", "title": "Opposition leader", "start": "2020-01-01"}],
            },
        ],
    )
    kb = ActorKB.load(extra_files=[user])
    putin = kb.get("vladimir-putin")
    assert putin is not None and putin.aliases == ("VVP",) and putin.source == str(user)
    assert kb.lookup("VVP")[0].id == "vladimir-putin"
    # The shipped record's roles are gone: he is president throughout.
    assert kb.role_on(putin, date(2009, 6, 1)).title == "President of Russia"
    testov = kb.lookup("Testov")[0]
    assert testov.id == "ivan-testov" and testov.sector == "opposition"
    assert testov.type == "PERSON"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"name": "No Id"}', "'id'"),
        ('{"id": "x", "name": "X", "type": "ALIEN"}', "'type'"),
        ('{"id": "x", "name": "X", "roles": [{"code": "RUSGOV", "start": "13/09/2013"}]}', "ISO"),
        ('{"id": "x", "name": "X", "aliases": "not a list"}', "'aliases'"),
    ],
)
def test_bad_user_file_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('# a comment\n{"id": "ok", "name": "Fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ActorFileError) as info:
        ActorKB.load(extra_files=[path])
    assert isinstance(info.value, DyadError)
    assert f"{path}:3" in str(info.value)
    assert message in str(info.value)


def test_missing_user_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ActorFileError, match="cannot be read"):
        ActorKB.load(extra_files=[tmp_path / "nope.jsonl"])


# -- loading -------------------------------------------------------------------------------------
def test_load_time_and_size() -> None:
    # CPU time of this process, not wall time: on a loaded CI machine the wall clock also
    # counts the time other processes hold the cores, which made this check flaky.
    start = time.process_time()
    kb = ActorKB.load()
    elapsed = time.process_time() - start
    assert elapsed < 1.0, f"loading the actor KB took {elapsed:.2f} s of CPU"
    assert len(kb) > 20000


def test_shipped_data_keeps_the_licence() -> None:
    assert "MIT License" in (DATA_DIR / "LICENSE.phoenix").read_text(encoding="utf-8")
    with gzip.open(DATA_DIR / "phoenix.tsv.gz", "rt", encoding="utf-8") as fh:
        header = fh.read(1000)
    assert "Open Event Data Alliance" in header and "MIT" in header


def test_describe_actor(kb: ActorKB) -> None:
    info = describe_actor(kb, "Medvedev", on=date(2013, 1, 1))
    assert info is not None
    assert info["id"] == "dmitry-medvedev" and info["country"] == "RUS"
    starts = [r["start"] for r in info["roles"] if r["start"]]
    assert starts == sorted(starts)
    assert info["current_role"]["title"] == "Prime Minister of Russia"
    text = format_actor_text(info)
    assert "Dmitry Medvedev" in text and "President of Russia" in text
    assert describe_actor(kb, "Zzyzx Qwerty") is None


# -- the converter -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "status"),
    [
        ("090120", date(2009, 1, 20), "century"),
        ("991231", date(1999, 12, 31), "century"),
        ("300101", date(2030, 1, 1), "century"),
        ("310101", date(1931, 1, 1), "century"),
        ("19270101", date(1927, 1, 1), "ok"),
        ("20041207", date(2004, 12, 7), "ok"),
        ("9008223", date(1990, 8, 23), "repaired"),
        ("1920030320", date(1920, 3, 3), "repaired"),
        ("201005011", date(2010, 5, 1), "repaired"),
        ("990231", date(1999, 2, 28), "repaired"),
        ("050100", date(2005, 1, 1), "repaired"),
        ("2004017", None, "dropped"),
        ("12AB34", None, "dropped"),
        ("991345", None, "dropped"),
        ("", None, "dropped"),
    ],
)
def test_phoenix_date_repair(text: str, expected: date | None, status: str) -> None:
    assert parse_phoenix_date(text) == (expected, status)


def test_nice_case() -> None:
    assert nice_case("VLADIMIR_PUTIN_") == "Vladimir Putin"
    assert nice_case("MICHAEL_MCFAUL") == "Michael McFaul"
    assert nice_case("BASHAR_AL-ASSAD_") == "Bashar al-Assad"
    assert nice_case("B._LYNN_PASCOE_") == "B. Lynn Pascoe"
    assert nice_case("MIGUEL_DE_LA_MADRID") == "Miguel de la Madrid"
    assert nice_case("BBC_WORLD_SERVICE", organisation=True) == "BBC World Service"
    assert nice_case("COUNCIL_OF_EUROPE_", organisation=True) == "Council of Europe"


DICTIONARY = """\
# test dictionary
RUSSIA_ [RUS]
+MOSCOW_

KREMLIN_
\t[RUSGOV]
BORIS_YELTSIN_  # CountryInfo.txt
BORIS_N._YELTSIN
+PRESIDENT_YELTSIN
\t[RUSELI 490101-910710]
\t[RUSGOV 910710-991231]
SECRETARY-GENERAL_BAN_KI-MOON
+BAN_KI-MOON
\t[IGOUNO >20070101]
\t[KORGOVBUS 2004017-20061201]
JOHN_SMITH_ [USAGOV 010101-020101]
JOHN_SMITH_ [GBRGOV 030101-040101]
"""


def test_converter_on_a_small_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "Test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    stats: Counter[str] = Counter()
    entries = list(read_entries(path, stats))
    assert [e.roots[0] for e in entries][:3] == ["RUSSIA_", "KREMLIN_", "BORIS_YELTSIN_"]
    names = learn_first_names(entries)
    records = [r for e in entries if (r := entry_record(e, names))]
    records = assign_ids(records, stats)
    by_id = {r["id"]: r for r in records}
    assert "russia" not in by_id  # place-only entries are left to places.jsonl
    assert by_id["kremlin"]["type"] == "ORG" and by_id["kremlin"]["sector"] == "government"
    yeltsin = by_id["boris-yeltsin"]
    assert yeltsin["type"] == "PERSON" and yeltsin["country"] == "RUS"
    assert "Boris N. Yeltsin" in yeltsin["aliases"]
    assert yeltsin["roles"][1]["start"] == "1991-07-10"
    ban = by_id["ban-ki-moon"]
    assert ban["name"] == "Ban Ki-Moon" and ban["sector"] == "IGO"
    assert ban["roles"][1]["start"] is None  # malformed 2004017 dropped
    assert {"john-smith", "john-smith-gbr"} <= set(by_id)
    assert stats["dropped"] == 1 and stats["century"] >= 6
