"""Fusion of event mentions across articles, through ``Store.add`` on a real DuckDB file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import StoreError
from dyad.model import ActorRef, Article, Event, Metadata, Timex
from dyad.store import Store
from dyad.stories import fusion as fusion_module
from dyad.stories.html import render_html
from dyad.stories.relations import relations, resolve_side
from dyad.stories.rules import places_compatible
from dyad.stories.summarise import Sentence, datewise
from dyad.stories.timeline import build_timeline, render_text
from dyad.time.spans import contract_value, display, interval

OBAMA = ActorRef("barack-obama", "Barack Obama")
PUTIN = ActorRef("vladimir-putin", "Vladimir Putin")
LOS_CABOS = {"name": "Los Cabos", "country": "MEX"}


def event(
    status: str = "occurred",
    when: str | None = None,
    where: dict[str, str] | None = None,
    actors: tuple[ActorRef, ...] = (OBAMA, PUTIN),
    recipients: tuple[ActorRef, ...] = (),
    kind: str = "CONSULT",
) -> Event:
    return Event(
        type=kind,
        trigger="met",
        sentence=(0, 40),
        status=status,
        actors=list(actors),
        recipients=list(recipients),
        date={"value": when, "text": when},
        location=where,
    )


def article(
    name: str,
    published: str | None,
    events: list[Event],
    timexes: list[Timex] | None = None,
    text: str | None = None,
) -> Article:
    text = text or f"{name}: Obama and Putin met, the report says. " * 3
    meta = Metadata(title=f"Report {name}", published=published, outlet="Outlet")
    return Article(
        id=name, source=f"{name}.txt", text=text, meta=meta, events=events, timexes=timexes or []
    )


def samples_like() -> list[Article]:
    """The five samples as the gold timeline sees them."""
    return [
        article(
            "a0",
            "2012-06-19",
            [event(), event(when="2012-06-18", where=LOS_CABOS), event("planned")],
        ),
        article("a1", "2012-06-20", [event(when="2012-06-18")]),
        article(
            "a2",
            None,
            [event(where={"name": "Mexico", "country": "MEX"})],
            [
                Timex("June 18", (3, 10), "DATE", "XXXX-06-18"),
                Timex("May", (47, 50), "DATE", "XXXX-05"),
            ],
            "On June 18 Obama met Putin, who returned in May. Both leaders spoke to reporters.",
        ),
        article("a3", "2013-09-06", [event("planned"), event("cancelled", actors=(OBAMA,))]),
        article(
            "a4",
            "2016-09-02",
            [
                event(
                    "planned",
                    "2016-09-04",
                    {"name": "Hangzhou", "country": "CHN"},
                    actors=(PUTIN,),
                    recipients=(OBAMA,),
                )
            ],
        ),
    ]


def obama_putin(store: Store) -> list[dict[str, Any]]:
    return build_timeline(store, [["barack-obama"], ["vladimir-putin"]], max_entries=None)


def check_gold(entries: list[dict[str, Any]]) -> None:
    consult = [e for e in entries if e["type"] == "CONSULT"]
    june = [e for e in consult if (e["date"] or "").startswith("2012-06")]
    assert len(june) == 1
    assert june[0]["date"] == "2012-06-18" and june[0]["status"] == "occurred"
    assert len(june[0]["sources"]) >= 3
    assert (
        june[0]["summary"] == "Barack Obama and Vladimir Putin met in Los Cabos, Mexico (occurred)"
    )
    assert any(
        (e["date"] or "").startswith("2013") and e["status"] in ("planned", "cancelled")
        for e in consult
    )
    assert any(e["date"] == "2016-09-04" and e["status"] == "planned" for e in consult)


def test_gold_timeline_in_one_batch(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(samples_like())
        check_gold(obama_putin(store))


def test_gold_timeline_one_article_per_batch_undated_first(tmp_path: Path) -> None:
    arts = samples_like()
    with Store(tmp_path / "s.duckdb") as store:
        for a in [arts[2], *arts[:2], *arts[3:]]:
            store.add([a])
        check_gold(obama_putin(store))
        assert store.con.execute("SELECT count(*) FROM pending_mentions").fetchone() == (0,)


def test_undated_article_is_dated_and_its_timexes_resolved(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(samples_like())
        row = store.con.execute(
            "SELECT published, published_inferred FROM articles WHERE id = 'a2'"
        ).fetchone()
        assert row == (date(2012, 6, 18), True)
        values = store.con.execute(
            "SELECT value FROM timexes WHERE article_id = 'a2' ORDER BY start"
        ).fetchall()
        assert [v[0] for v in values] == ["2012-06-18", "2012-05"]
        dated = store.con.execute("SELECT count(*) FROM articles WHERE NOT published_inferred")
        assert dated.fetchone() == (4,)


def test_undated_article_without_clues_waits(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([article("u", None, [event()])])
        assert store.con.execute("SELECT count(*) FROM pending_mentions").fetchone() == (1,)
        entries = obama_putin(store)
        assert len(entries) == 1 and entries[0]["date"] is None


def test_later_cancellation_overrides_plan(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([article("p", "2013-08-01", [event("planned", "2013-09-05")])])
        store.add([article("c", "2013-08-08", [event("cancelled", "2013-09-05")])])
        (entry,) = obama_putin(store)
        assert entry["status"] == "cancelled" and len(entry["sources"]) == 2


def test_occurred_report_after_the_date_beats_plan(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(
            [
                article("p", "2012-06-10", [event("planned", "2012-06-18")]),
                article("o", "2012-06-19", [event("occurred")]),
            ]
        )
        (entry,) = obama_putin(store)
        assert (entry["status"], entry["date"]) == ("occurred", "2012-06-18")


def test_one_sided_mentions_fuse_only_when_precise_and_of_one_kind(tmp_path: Path) -> None:
    alone = (OBAMA,)
    with Store(tmp_path / "s.duckdb") as store:
        store.add(
            [
                article("y", "2012-01-10", [event("hypothetical", "2012", actors=alone)]),
                article("p", "2012-03-09", [event("planned", "2012-03", actors=alone)]),
                article("o", "2012-07-10", [event(when="2012-07-09", actors=alone)]),
                article("n", "2012-07-11", [event("negated", actors=alone)]),
                article("a", "2012-07-12", [event(actors=alone)]),
                article("b", "2012-07-13", [event(actors=alone)]),
            ]
        )
        entries = build_timeline(store, [["barack-obama"]], max_entries=None)
        sources = sorted(sorted(s["article"] for s in e["sources"]) for e in entries)
        # the year-dated and the negated reports stay alone; two undated reports of a deed in
        # overlapping weeks fuse (and join the dated deed), a plan does not join a deed
        assert sources == [["a", "b", "o"], ["n"], ["p"], ["y"]]


def test_undated_event_shows_its_first_reports_month(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([article("f", "2012-02-03", [event()])])  # window 27 January - 3 February
        (entry,) = obama_putin(store)
        assert (entry["date"], entry["date_inferred"]) == ("2012-02", True)


def test_direction_matters_only_for_directional_types(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(
            [
                article(
                    "x",
                    "2014-03-02",
                    [
                        event(kind="ACCUSE", actors=(OBAMA,), recipients=(PUTIN,)),
                        event(kind="ACCUSE", actors=(PUTIN,), recipients=(OBAMA,)),
                        event(actors=(OBAMA,), recipients=(PUTIN,)),
                        event(actors=(PUTIN,), recipients=(OBAMA,)),
                    ],
                )
            ]
        )
        kinds = sorted(e["type"] for e in obama_putin(store))
        assert kinds == ["ACCUSE", "ACCUSE", "CONSULT"]


def test_places_in_different_countries_do_not_fuse(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(
            [
                article("m", "2013-09-06", [event(when="2013-09-05", where=LOS_CABOS)]),
                article(
                    "r",
                    "2013-09-06",
                    [event(when="2013-09", where={"name": "St. Petersburg", "country": "RUS"})],
                ),
            ]
        )
        assert len(obama_putin(store)) == 2


def test_reingesting_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(samples_like())
        before = store.con.execute("SELECT * FROM fused_events ORDER BY id").fetchall()
        assert store.add(samples_like()).added == 0
        assert store.con.execute("SELECT * FROM fused_events ORDER BY id").fetchall() == before


def test_a_failing_fusion_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("dyad.store.fusing.fuse", broken)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(RuntimeError):
            store.add(samples_like())
        assert store.con.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_fusion_compares_only_within_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = fusion_module.compatible

    def counting(m: Any, f: Any) -> bool:
        calls.append(1)
        return real(m, f)

    monkeypatch.setattr(fusion_module, "compatible", counting)
    mentions = [
        fusion_module.Mention(
            f"a{i}",
            0,
            "CONSULT",
            "occurred",
            (f"p{i}", "q"),
            (),
            f"2012-{1 + i % 12:02d}-01",
            None,
            date(2012, 12, 31),
        )
        for i in range(300)
    ]
    touched, _ = fusion_module.fuse(mentions, [])
    assert len(touched) == 300 and len(calls) == 0  # every pair of participants is its own block


def test_store_error_when_read_only_store_missing(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_date_rules() -> None:
    assert interval("2012-06") == (date(2012, 6, 1), date(2012, 6, 30))
    assert interval("XXXX-06-18") is None and interval("PRESENT_REF") is None
    assert interval("2012-W25") == (date(2012, 6, 18), date(2012, 6, 24))
    assert display((date(2012, 6, 1), date(2012, 6, 30))) == "2012-06"
    assert display((date(2012, 6, 19), date(2012, 8, 18))) == "2012"
    assert interval("2012-W10-WE") == (date(2012, 3, 10), date(2012, 3, 11))
    assert contract_value("2012-W10-WE") == "2012-03"  # "at the weekend", not just "2012"
    assert contract_value("2012-W31") == "2012"  # 30 July - 5 August
    assert contract_value("2012-06-18TEV") == "2012-06-18"
    assert contract_value("2012-SU") == "2012" and contract_value("PAST_REF") is None
    assert places_compatible(LOS_CABOS, {"name": "Mexico", "country": "MEX"})
    assert not places_compatible(LOS_CABOS, {"name": "Hangzhou", "country": "CHN"})


def test_relations_count_country_sides(tmp_path: Path) -> None:
    from dyad.actors import default_kb

    kb = default_kb()
    kremlin = ActorRef("government-of-russia", "Government of Russia")
    usa = ActorRef("united-states", "United States")
    with Store(tmp_path / "s.duckdb") as store:
        store.add(
            [
                article(
                    "r",
                    "2014-03-02",
                    [
                        event(
                            when="2014-03-01", kind="SANCTION", actors=(usa,), recipients=(kremlin,)
                        ),
                        event(when="2014-03-01"),
                        event(
                            when="2014-04-01", kind="ACCUSE", actors=(PUTIN,), recipients=(OBAMA,)
                        ),
                    ],
                )
            ]
        )
        rows = relations(store, kb, resolve_side(kb, "Russia"), resolve_side(kb, "United States"))
    assert [(r["period"], r["events"], r["cooperative"], r["conflictual"]) for r in rows] == [
        ("2014-03", 2, 1, 1),
        ("2014-04", 1, 0, 1),
    ]
    assert rows[0]["score"] == -1.5  # (-4.0 sanction + 1.0 consult) / 2


def test_datewise_picks_the_most_referenced_dates() -> None:
    d1, d2, d3 = date(2011, 4, 22), date(2011, 10, 3), date(2011, 5, 1)
    sentences = [
        Sentence("Security forces killed 72 protesters in Deraa on 22 April.", d1, [d1]),
        Sentence("The killing of protesters in Deraa on 22 April shocked the world.", d3, [d1]),
        Sentence("Opposition groups formed the Syrian National Council in Istanbul.", d2, [d2]),
        Sentence("The weather was mild in Damascus and shops opened.", d3, []),
    ]
    tl = datewise(sentences, k=1)
    assert [d for d, _ in tl] == [d1] and "Deraa" in tl[0][1][0]


def test_html_is_escaped_and_self_contained() -> None:
    entry = {
        "type": "CONSULT",
        "status": "occurred",
        "date": "2012-06-18",
        "date_inferred": False,
        "location": LOS_CABOS,
        "summary": "<script>alert(1)</script>",
        "n_mentions": 1,
        "sources": [
            {
                "article": "x" * 64,
                "title": "A & B",
                "outlet": None,
                "sentence": '"quoted" <b>',
                "published": None,
                "url": "javascript:x",
            }
        ],
    }
    page = render_html([entry], "Obama <and> Putin")
    assert "<script>" not in page and "&lt;script&gt;" in page and "javascript:" not in page
    assert "http" not in page.replace("http://www.w3.org", "")


def test_text_timeline_columns_line_up_with_inferred_dates() -> None:
    def entry(day: str, inferred: bool) -> dict[str, Any]:
        source = {"article": "a" * 64, "title": "T", "outlet": None, "sentence": "S.",
                  "published": None, "url": None}  # fmt: skip
        return {"type": "CONSULT", "status": "occurred", "date": day, "date_inferred": inferred,
                "summary": "met", "sources": [source]}  # fmt: skip

    lines = render_text([entry("2012-06", True), entry("2012-06-18", False)], "T").splitlines()
    heads = [line for line in lines if "CONSULT" in line]
    assert heads[0].startswith("~2012-06 ") and heads[1].startswith("2012-06-18 ")
    assert len({line.index("CONSULT") for line in heads}) == 1


def test_select_keeps_at_most_k_entries_preferring_what_happened() -> None:
    from dyad.stories.timeline import select

    def entry(day: str, status: str, n: int) -> dict[str, Any]:
        return {"date": day, "status": status, "n_mentions": n, "sources": [{}] * n}

    entries = [entry("2012-01-01", "occurred", 2), entry("2012-01-01", "occurred", 1),
               entry("2012-02-01", "hypothetical", 4), entry("2012-03-01", "occurred", 3),
               entry("2012-03-01", "planned", 1), entry("2012-03-01", "occurred", 1),
               entry("2012-03-01", "occurred", 1)]  # fmt: skip
    kept = select(entries, {}, 4)
    assert len(kept) == 4 and kept == sorted(kept, key=lambda e: e["date"])
    assert [e["date"] for e in kept].count("2012-03-01") == 3  # at most 3 a date
    assert all(e["status"] != "hypothetical" for e in kept)  # 4 sources, but only "might"
    assert select(entries, {"2012-02-01": 10}, 1)[0]["date"] == "2012-02-01"  # named often


def test_summaries_leave_no_dangling_preposition() -> None:
    from dyad.stories.summary import describe

    assert describe("AID", "occurred", ["Iran"], []) == "Iran gave aid (occurred)"
    assert describe("REQUEST", "planned", ["UN"], []) == "UN planned to make demands (planned)"
    assert describe("AID", "occurred", ["Iran"], ["Syria"]) == "Iran gave aid to Syria (occurred)"
