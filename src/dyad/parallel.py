"""A process-pool driver: :meth:`Pipeline.run` on every core, results in input order.

The parent process reads the documents (readers stay here) and sends them in chunks to
worker processes; each worker loads spaCy and builds one :class:`~dyad.pipeline.Pipeline`
once, when it starts, and returns the chunk's :class:`~dyad.model.Article` and
:class:`~dyad.model.ReadError` records. At most ``2 × workers`` chunks are in flight, so
memory stays flat however large the input, and results come back in input order. Workers
never write anywhere: the caller (``dyad ingest``) is the one writer to the store.

The input is read a few chunks ahead so that the last chunks can shrink (:func:`_chunks`):
the workers finish together rather than one idling through the other's last full chunk.

Workers are started with ``spawn`` (forking a process that already runs DuckDB or other
threads is unsafe). They inherit the environment, so ``$DYAD_KB`` (set by ``dyad --kb``)
reaches them. A worker that dies (killed, out of memory) becomes a :class:`WorkerDied` error;
on Ctrl-C the workers are stopped and :class:`KeyboardInterrupt` goes on to the caller.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice

from .errors import DyadError
from .model import Article, RawDocument, ReadError
from .pipeline import Options, Pipeline

#: Documents sent to a worker at a time: enough to amortise the round trip and let
#: ``nlp.pipe`` batch, small enough that the order-keeping queue stays short.
CHUNK_SIZE = 16

Item = RawDocument | ReadError
Result = Article | ReadError


class WorkerDied(DyadError):
    """A worker process ended without returning its chunk (killed, out of memory)."""


@dataclass
class PoolStats:
    """What the workers reported: peak resident memory (bytes) by worker process id."""

    peak_rss: dict[int, int] = field(default_factory=dict)


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def pool_plan(workers: int | None) -> tuple[int, int]:
    """``(workers, in_process_up_to)`` for a ``--workers`` option: when it is not given,
    every core, but inputs of up to two chunks a worker stay in this process."""
    if workers is not None:
        return workers, 0
    cores = default_workers()
    return cores, 2 * CHUNK_SIZE * cores


def analyse(
    items: Iterable[Item],
    *,
    workers: int = 1,
    options: Options | None = None,
    chunk_size: int = CHUNK_SIZE,
    stats: PoolStats | None = None,
    in_process_up_to: int = 0,
) -> Generator[Result, None, None]:
    """Every document's analysis, in input order; ``workers=1`` runs in this process.

    An input of at most ``in_process_up_to`` documents is analysed in this process too:
    starting workers (each loads spaCy) costs more than a few articles take.
    """
    iterator = iter(items)
    head = list(islice(iterator, in_process_up_to + 1)) if workers > 1 else []
    if workers <= 1 or len(head) <= in_process_up_to:
        yield from Pipeline(options or Options()).run(chain(head, iterator))
        return
    opts = options or Options()
    yield from _pooled(chain(head, iterator), workers, opts, chunk_size, stats or PoolStats())


def _pooled(
    items: Iterable[Item], workers: int, options: Options, chunk_size: int, stats: PoolStats
) -> Iterator[Result]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(options,)
    )
    pending: deque[Future[tuple[int, int, list[Result]]]] = deque()
    try:
        for chunk in _chunks(items, chunk_size, workers):
            pending.append(pool.submit(_run_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield from _collect(pending.popleft(), stats)
        while pending:
            yield from _collect(pending.popleft(), stats)
    except BrokenProcessPool as exc:
        # the pool breaks where it is next touched: a chunk's result, or the next submit
        _stop(pool)
        raise WorkerDied(
            "a worker process died (killed or out of memory); "
            "what was stored before stays, and a rerun completes the input"
        ) from exc
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _collect(future: Future[tuple[int, int, list[Result]]], stats: PoolStats) -> list[Result]:
    pid, peak, results = future.result()
    stats.peak_rss[pid] = max(stats.peak_rss.get(pid, 0), peak)
    return results


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now, without waiting for the chunks they are analysing."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _chunks(items: Iterable[Item], size: int, workers: int = 1) -> Iterator[list[Item]]:
    """Chunks of ``size`` items, smaller at the end so that the workers finish together.

    The items are read ``size × workers`` ahead; once the input is known to end within
    that, each chunk takes a ``2 × workers``-th of what is left (at least one item), so the
    last chunks are short and no worker sits idle while another works through a full one.
    """
    iterator = iter(items)
    ahead = size * (workers + 1)
    buffer: deque[Item] = deque(islice(iterator, ahead))
    exhausted = len(buffer) < ahead
    while buffer:
        take = size if not exhausted else max(1, min(size, -(-len(buffer) // (2 * workers))))
        yield [buffer.popleft() for _ in range(min(take, len(buffer)))]
        if not exhausted:
            more = list(islice(iterator, ahead - len(buffer)))
            buffer.extend(more)
            exhausted = len(buffer) < ahead


# -- in the worker ---------------------------------------------------------------------------
_pipeline: Pipeline | None = None


def _start_worker(options: Options) -> None:
    """Load spaCy and build the pipeline once per worker; Ctrl-C is the parent's to handle."""
    global _pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .nlp import load_nlp

    load_nlp()
    _pipeline = Pipeline(options)


def _run_chunk(chunk: list[Item]) -> tuple[int, int, list[Result]]:
    """One chunk's results, with this worker's id and peak memory (bytes) so far."""
    assert _pipeline is not None, "worker not started"
    results = list(_pipeline.run(chunk))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return os.getpid(), peak, results
