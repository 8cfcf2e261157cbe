"""The store through the library: schema, the single write path, idempotence, atomicity."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyad.errors import StoreError
from dyad.model import (
    ActorRef,
    Article,
    Entity,
    Event,
    Metadata,
    Quote,
    Timex,
    article_id,
)
from dyad.store import Store, count_articles, list_articles
from dyad.store.schema import MIGRATIONS


def make_article(text: str, source: str = "a.txt", **meta: object) -> Article:
    return Article(id=article_id(text), source=source, text=text, meta=Metadata(**meta))  # type: ignore[arg-type]


def test_ids_ignore_whitespace_and_composition() -> None:
    assert article_id("Café  au\r\nlait ") == article_id("Cafe\u0301 au lait")
    assert article_id("a b") != article_id("a c")
    assert len(article_id("x")) == 64


def test_add_twice_stores_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    art = make_article("Putin met Obama.", title="T", published="2012-06-19", authors=["A B"])
    with Store(db) as store:
        assert store.add([art]).added == 1
        again = store.add([art, make_article("Putin met Obama.", source="b.txt")])
        assert (again.added, again.already_stored) == (0, 2)
        assert count_articles(store) == 1
        sources = store.con.execute("SELECT source FROM article_sources ORDER BY 1").fetchall()
        assert sources == [("a.txt",), ("b.txt",)]
    with Store(db, read_only=True) as store:
        (row,) = list_articles(store)
        assert row["published"] == "2012-06-19"
        assert row["authors"] == ["A B"]


def test_annotations_are_stored_with_offsets(tmp_path: Path) -> None:
    art = make_article('Obama said "yes" on Monday.')
    art.entities = [Entity("barack-obama", "Barack Obama", "PERSON", "USA", None, [(0, 5)])]
    art.quotes = [
        Quote("yes", (12, 15), "direct", "said", ActorRef("barack-obama", "Barack Obama"))
    ]
    art.timexes = [Timex("Monday", (20, 26), "DATE", "2012-06-18")]
    art.events = [Event("CONSULT", "met", (0, 27), actors=[ActorRef(None, "X")])]
    with Store(tmp_path / "s.duckdb") as store:
        store.add([art])
        con = store.con
        assert con.execute('SELECT start, "end" FROM mentions').fetchall() == [(0, 5)]
        assert con.execute("SELECT speaker_id FROM quotes").fetchall() == [("barack-obama",)]
        assert con.execute("SELECT value FROM timexes").fetchall() == [("2012-06-18",)]
        assert con.execute("SELECT type, status FROM events").fetchall() == [
            ("CONSULT", "occurred")
        ]


def test_failed_batch_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add([make_article("first article")])
        bad = make_article("second article")
        bad.entities = [Entity(None, None, "PERSON")]  # type: ignore[arg-type]  # NOT NULL name
        with pytest.raises(StoreError, match="nothing stored"):
            store.add([make_article("third article"), bad])
        assert count_articles(store) == 1
        assert store.add([make_article("fourth article")]).added == 1


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(junk)
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_migrations_are_recorded(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    with Store(db) as store:  # reopening applies nothing twice
        assert store.schema_version() >= 1
    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (len(MIGRATIONS),)


def test_add_reports_fusion_time(tmp_path: Path) -> None:
    def batch(prefix: str) -> list[Article]:
        arts = []
        for n in range(3):
            art = make_article(f"{prefix} report {n}: Obama met Putin.", published="2012-06-19")
            art.events = [
                Event("CONSULT", "met", (0, 20), actors=[ActorRef("barack-obama", "Obama")],
                      recipients=[ActorRef("vladimir-putin", "Putin")],
                      date={"value": "2012-06-18", "text": "Monday"})
            ]  # fmt: skip
            arts.append(art)
        return arts

    with Store(tmp_path / "fused.duckdb") as store:
        assert store.add(batch("a")).fusion_seconds > 0
        assert store.con.execute("SELECT count(*) FROM fused_events").fetchone() == (1,)
    with Store(tmp_path / "unfused.duckdb", fusion=False) as store:
        assert store.add(batch("b")).fusion_seconds == 0.0
        assert store.con.execute("SELECT count(*) FROM fused_events").fetchone() == (0,)
