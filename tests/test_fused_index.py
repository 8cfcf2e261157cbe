"""The ``fused_participants`` lookup table: kept by fusion, backfilled by migration 3."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyad.store import Store
from dyad.store.schema import MIGRATIONS
from dyad.stories.timeline import build_timeline
from test_stories import obama_putin, samples_like

PAIRS_FROM_FUSED = (
    "SELECT DISTINCT p, id FROM (SELECT unnest(participants) AS p, id FROM fused_events)"
)


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


def test_migration_backfills_an_old_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add(samples_like())
        before = obama_putin(store)
        kept = pairs(store.con, "SELECT actor_id, fused_id FROM fused_participants")
    con = duckdb.connect(str(db))  # make it a store of schema version 2, as older dyads left it
    con.execute("DROP INDEX events_fused_id; DROP TABLE fused_participants")
    con.execute("DELETE FROM schema_version WHERE version > 2")
    con.close()
    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS) >= 3
        assert pairs(store.con, "SELECT actor_id, fused_id FROM fused_participants") == kept
        assert kept and kept == pairs(store.con, PAIRS_FROM_FUSED)
        assert obama_putin(store) == before
        assert build_timeline(store, [["barack-obama"], ["nobody"]]) == []
