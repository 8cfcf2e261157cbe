"""The store: one DuckDB file, one class that owns its connection, schema and writes.

:meth:`Store.add` is the single write path: a batch of articles goes in as one transaction,
so a run that fails part-way leaves what was stored before exactly as it was. A writer opened
with ``shared=True`` (``dyad ingest``) holds the file only while it writes a batch, so other
processes can read it in between (:mod:`dyad.store.locking`). Articles are
keyed by the SHA-256 of their normalised text; an article already stored is not written
again, only the new place it was read from is noted. Rows are inserted column-wise with
``unnest`` because DuckDB's ``executemany`` costs about a quarter millisecond a row.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Article
from .fusing import fuse_articles
from .locking import READ_WAIT, WRITE_WAIT, StoreBusy, connect, write_lock
from .reading import StoreReads
from .rows import table_columns
from .schema import MIGRATIONS


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    already_stored: int
    fusion_seconds: float = 0.0  # wall time of fusing the batch's events (0.0 with fusion off)


class Store(StoreReads):
    """A dyad store in one DuckDB file (``":memory:"`` for a throwaway one).

    Scripts read it with the methods of :class:`~dyad.store.reading.StoreReads`
    (``Store(path, read_only=True).events(actor="Putin")``).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        fusion: bool = True,
        shared: bool = False,
        wait: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """``fusion=False`` stores event mentions without fusing them across articles.

        A writer holds the file (and ``<db>.lock``, see :mod:`dyad.store.locking`) until it
        is closed; with ``shared=True`` it holds them only while :meth:`add` writes a batch,
        so ``dyad serve`` and other ingests can use the store between batches. Opening waits
        up to ``wait`` seconds for other processes (``on_wait`` is told once it does).
        """
        self.path = str(path)
        self.fusion = fusion
        self.read_only = read_only
        self.shared = shared and not read_only and self.path != ":memory:"
        self.wait = wait if wait is not None else (READ_WAIT if read_only else WRITE_WAIT)
        self.on_wait = _once(on_wait) if on_wait is not None else None
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run `dyad ingest` first)")
        self._held = ExitStack()
        self._connect()
        try:
            if not read_only:
                self._migrate()
            elif self.schema_version() < len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: store is from an older dyad; run `dyad ingest` on it"
                )
        except BaseException:
            self._disconnect()
            raise
        if self.shared:
            self._disconnect()

    def _connect(self) -> None:
        """Take the writer lock (writers) and open the file, waiting within ``self.wait``."""
        if not self.read_only:
            self._held.enter_context(write_lock(self.path, wait=self.wait, on_wait=self.on_wait))
        try:
            self.con = connect(
                self.path, read_only=self.read_only, wait=self.wait, on_wait=self.on_wait
            )
        except StoreBusy:
            self._held.close()
            raise
        except duckdb.Error as exc:
            self._held.close()
            raise StoreError(f"{self.path}: cannot open store: {_first_line(exc)}") from exc

    def _disconnect(self) -> None:
        self.con.close()
        self._held.close()

    @contextmanager
    def connected(self) -> Iterator[Store]:
        """The store with its connection open (a shared writer connects for the block)."""
        if not self.shared:
            yield self
            return
        self._connect()
        try:
            yield self
        finally:
            self._disconnect()

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        if not self.shared:
            self._disconnect()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        """Apply the missing migrations, each in one transaction with its version row, so a
        migration that fails leaves the store exactly as it was before it."""
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            current = self.schema_version()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot set up the store: {_first_line(exc)}") from exc
        for version, sql in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                with suppress(duckdb.Error):  # nothing to undo if BEGIN itself failed
                    self.con.execute("ROLLBACK")
                raise StoreError(
                    f"{self.path}: migration {version} failed, store left at version "
                    f"{version - 1}: {_first_line(exc)}"
                ) from exc

    # -- the write path ----------------------------------------------------------------------
    def add(self, articles: Sequence[Article]) -> AddResult:
        """Store a batch in one transaction; articles already stored are left unchanged.

        The batch's event mentions are fused with the stored fused events (and undated
        articles dated where their reports allow) inside the same transaction.
        """
        with self.connected():
            return self._add(articles)

    def _add(self, articles: Sequence[Article]) -> AddResult:
        ids = [a.id for a in articles]
        try:
            self.con.execute("BEGIN TRANSACTION")
            known = self._known_ids(ids)
            fresh: dict[str, Article] = {}
            for article in articles:
                if article.id not in known and article.id not in fresh:
                    fresh[article.id] = article
            self._insert_articles(list(fresh.values()))
            self._insert_sources(articles)
            fusion_seconds = 0.0
            if self.fusion:
                start = time.perf_counter()
                fuse_articles(self.con, list(fresh.values()))
                fusion_seconds = time.perf_counter() - start
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: write failed, nothing stored: {_first_line(exc)}"
            ) from exc
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return AddResult(
            added=len(fresh),
            already_stored=len(articles) - len(fresh),
            fusion_seconds=fusion_seconds,
        )

    def _known_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest($1))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def _insert(self, table: str, columns: dict[str, list[Any]]) -> None:
        """Insert rows given as columns, in one statement."""
        if not columns or not next(iter(columns.values())):
            return
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT {values}", list(columns.values()))

    def _insert_sources(self, articles: Sequence[Article]) -> None:
        pairs = sorted({(a.id, a.source) for a in articles})
        self.con.execute(
            "INSERT INTO article_sources SELECT * FROM (SELECT unnest($1) AS a, unnest($2) AS s) "
            "WHERE (a, s) NOT IN (SELECT (article_id, source) FROM article_sources)",
            [[p[0] for p in pairs], [p[1] for p in pairs]],
        )

    def _insert_articles(self, articles: list[Article]) -> None:
        for table, columns in table_columns(articles).items():
            self._insert(table, columns)


def _once(tell: Callable[[str], None]) -> Callable[[str], None]:
    """``tell``, passing on only the first of each message (a shared writer waits per batch)."""
    told: set[str] = set()

    def once(message: str) -> None:
        if message not in told:
            told.add(message)
            tell(message)

    return once


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
