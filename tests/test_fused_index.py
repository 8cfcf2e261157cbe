"""The ``fused_participants`` and ``fused_pairs`` lookup tables: kept by fusion, backfilled
by migrations 3 and 4, and what a timeline finds through them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyad.model import ActorRef
from dyad.store import Store
from dyad.store.schema import MIGRATIONS
from dyad.store.stories_queries import fused_ids
from dyad.stories.timeline import build_timeline
from test_stories import OBAMA, PUTIN, article, event, obama_putin, samples_like

PAIRS_FROM_FUSED = (
    "SELECT DISTINCT p, id FROM (SELECT unnest(participants) AS p, id FROM fused_events)"
)
# every two participants of a fused event, as ``fused_pairs`` keys them
ACTOR_PAIRS_FROM_FUSED = (
    "SELECT DISTINCT a.p || chr(31) || b.p, a.id FROM "
    f"({PAIRS_FROM_FUSED}) a JOIN ({PAIRS_FROM_FUSED}) b ON a.id = b.id AND a.p < b.p"
)
MEDVEDEV = ActorRef("dmitry-medvedev", "Dmitry Medvedev")


def pairs(con: duckdb.DuckDBPyConnection, sql: str) -> set[tuple[str, str]]:
    return {(str(a), str(b)) for a, b in con.execute(sql).fetchall()}


def test_fusion_keeps_participants_in_step(tmp_path: Path) -> None:
    arts = samples_like()
    with Store(tmp_path / "s.duckdb") as store:
        for a in [arts[2], *arts[:2], *arts[3:]]:  # the undated article is re-fused later
            store.add([a])
        kept = pairs(store.con, "SELECT actor_id, fused_id FROM fused_participants")
        assert kept == pairs(store.con, PAIRS_FROM_FUSED)
        assert {a for a, _ in kept} == {"barack-obama", "vladimir-putin"}
        kept_pairs = pairs(store.con, "SELECT pair, fused_id FROM fused_pairs")
        assert kept_pairs == pairs(store.con, ACTOR_PAIRS_FROM_FUSED)
        assert {p for p, _ in kept_pairs} == {"barack-obama\x1fvladimir-putin"}


def test_pairs_are_written_once_however_often_an_event_is_rewritten(tmp_path: Path) -> None:
    met = [event(when="2012-06-18")]
    with_medvedev = [event(when="2012-06-18", actors=(OBAMA, PUTIN, MEDVEDEV))]
    with Store(tmp_path / "s.duckdb") as store:
        for n, events in enumerate([met, with_medvedev, met, with_medvedev]):
            store.add([article(f"m{n}", "2012-06-19", events)])
        rows = store.con.execute("SELECT pair, fused_id FROM fused_pairs ORDER BY pair").fetchall()
        fused = dict(store.con.execute("SELECT id, n_mentions FROM fused_events").fetchall())
    assert sorted(fused.values()) == [2, 2]  # two meetings (two blocks), each rewritten once
    assert len(rows) == len(set(rows)) == 4
    assert [p for p, _ in rows] == [
        "barack-obama\x1fdmitry-medvedev",
        "barack-obama\x1fvladimir-putin",
        "barack-obama\x1fvladimir-putin",
        "dmitry-medvedev\x1fvladimir-putin",
    ]


def test_pair_lookup_finds_what_the_participants_do(tmp_path: Path) -> None:
    arts = [
        *samples_like(),
        article("m0", "2012-06-19", [event(when="2012-06-18", actors=(OBAMA, PUTIN, MEDVEDEV))]),
        article("m1", "2012-07-02", [event(when="2012-07-01", actors=(MEDVEDEV,))]),
    ]
    with Store(tmp_path / "s.duckdb") as store:
        store.add(arts)
        for sides in (
            [["barack-obama"], ["vladimir-putin"]],
            [["vladimir-putin"], ["barack-obama", "dmitry-medvedev"]],
            [["dmitry-medvedev"], ["vladimir-putin"]],
            [["dmitry-medvedev"], ["nobody"]],
        ):
            one_by_one = [
                {r[0] for r in store.con.execute(
                    "SELECT fused_id FROM fused_participants WHERE actor_id IN "
                    "(SELECT unnest($1::VARCHAR[]))", [side]).fetchall()}
                for side in sides
            ]  # fmt: skip
            assert fused_ids(store, sides) == sorted(one_by_one[0] & one_by_one[1])
        assert len(fused_ids(store, [["vladimir-putin"], ["barack-obama"]])) >= 3
        # a common id: the pair table has no (x, x) rows; the participants answer instead
        alone = fused_ids(store, [["dmitry-medvedev"], ["dmitry-medvedev", "nobody"]])
        assert len(alone) == 2


def test_migration_backfills_an_old_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add(samples_like())
        before = obama_putin(store)
        kept = pairs(store.con, "SELECT actor_id, fused_id FROM fused_participants")
    con = duckdb.connect(str(db))  # make it a store of schema version 2, as older dyads left it
    con.execute("DROP TABLE fused_pairs; DROP INDEX events_fused_id; DROP TABLE fused_participants")
    con.execute("DELETE FROM schema_version WHERE version > 2")
    con.close()
    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS) >= 3
        assert pairs(store.con, "SELECT actor_id, fused_id FROM fused_participants") == kept
        assert kept and kept == pairs(store.con, PAIRS_FROM_FUSED)
        assert obama_putin(store) == before
        assert build_timeline(store, [["barack-obama"], ["nobody"]]) == []


def test_migration_4_backfills_pairs(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add(samples_like())
        store.add([article("m0", "2012-06-19", [event(actors=(OBAMA, PUTIN, MEDVEDEV))])])
        before = obama_putin(store)
        kept = pairs(store.con, "SELECT pair, fused_id FROM fused_pairs")
    con = duckdb.connect(str(db))  # a store of schema version 3
    con.execute("DROP TABLE fused_pairs")
    con.execute("DELETE FROM schema_version WHERE version > 3")
    con.close()
    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS) >= 4
        assert len(kept) >= 4 and pairs(store.con, "SELECT pair, fused_id FROM fused_pairs") == kept
        assert obama_putin(store) == before


def test_migration_5_drops_the_month_index(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add(samples_like()[:2])
    con = duckdb.connect(str(db))  # a store of schema version 4, with migration 2's index
    con.execute("CREATE TABLE fused_blocks (block_key VARCHAR, month VARCHAR, fused_id VARCHAR)")
    con.execute("DELETE FROM schema_version WHERE version > 4")
    con.close()
    with Store(db) as store:
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        assert "fused_blocks" not in tables and "fused_pairs" in tables
        store.add(samples_like()[2:])
        migrated = obama_putin(store)
    with Store(tmp_path / "f.duckdb") as fresh:
        fresh.add(samples_like()[:2])
        fresh.add(samples_like()[2:])
        assert migrated == obama_putin(fresh)
