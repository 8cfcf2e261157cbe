"""The driver's plan: list the inputs, read and clean them once, drop repeated texts, and
deal the distinct documents into partitions of similar work.

Inputs are task items: a whole file ``(path, None, None)`` or one record of a WARC file
``(path, offset, length)`` (indexed with warcio), so one archive spreads over many tasks. The
pre-pass (:func:`prepare`) reads every item with the ordinary readers and cleans each
document as :class:`~dyad.pipeline.Pipeline` would, only to learn its article id (the digest
of the clean text) and its length: a text found under several sources is analysed once, from
the first source by name, and every source is kept for ``article_sources``. Cleaning is cheap
beside analysis (1.9 s for the 2,225 BBC texts, against ~200 s of analysis on one core).
:func:`balance` then deals the documents, longest first, to the partition with the least
text so far, so no partition is left running alone at the end of the job.
"""

from __future__ import annotations

import gzip
import heapq
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..clean import clean
from ..errors import DyadError, InputError
from ..model import RawDocument, ReadError, article_id
from ..readers import read_file
from ..readers.files import read_stream
from ..readers.formats import GZIP_MAGIC, is_warc
from ..readers.walk import expand

#: One unit of input: a whole file ``(path, None, None)`` or a WARC record range.
Item = tuple[str, int | None, int | None]


@dataclass(frozen=True)
class Unit:
    """One distinct document to analyse: the ``index``-th document of ``item``."""

    item: Item
    index: int
    article_id: str
    chars: int  # length of the clean text: the weight used to balance partitions
    sources: tuple[str, ...]  # every source this text was read from, the analysed one first


@dataclass
class Plan:
    """What the pre-pass found: the documents to analyse and what could not be read."""

    units: list[Unit] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    documents: int = 0  # documents read, repeats included


# -- listing ---------------------------------------------------------------------------------
def list_items(paths: Sequence[str]) -> list[Item]:
    """Every task item in ``paths``: whole files, and WARC files cut into records."""
    items: list[Item] = []
    for path in paths:
        for found in expand(path):
            if isinstance(found, ReadError):
                raise DyadError(f"{found.source}: {found.reason}")
            items.extend(warc_records(found) or [(found, None, None)])
    return items


def warc_records(path: str) -> list[Item] | None:
    """``(path, offset, length)`` of each record of a WARC file; ``None`` if it is not one
    (or cannot be indexed: then the whole file is one item and its reader says what is wrong).
    """
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
            raw.seek(0)
            head = gzip.GzipFile(fileobj=raw).read(64) if gzipped else raw.read(64)
            if not is_warc(head):
                return None
            raw.seek(0)
            return _index(path, raw)
    except Exception:  # damaged or unreadable: read whole, so the reader reports it
        return None


def _index(path: str, raw: io.BufferedReader) -> list[Item]:
    from warcio.archiveiterator import ArchiveIterator

    records: list[Item] = []
    iterator = ArchiveIterator(raw)
    for record in iterator:
        wanted = record.rec_type == "response"
        record.content_stream().read()
        if wanted:
            records.append((path, iterator.get_record_offset(), iterator.get_record_length()))
    return records


def read_item(item: Item) -> Iterator[RawDocument | ReadError]:
    """The documents (or read errors) of one task item, with the ordinary readers."""
    path, offset, length = item
    if offset is None or length is None:
        yield from read_file(path)
        return
    with open(path, "rb") as raw:
        raw.seek(offset)
        data = raw.read(length)
    yield from read_stream(io.BytesIO(data), path)


# -- the pre-pass ----------------------------------------------------------------------------
def prepare(items: Sequence[Item]) -> Plan:
    """Read and clean every document once; keep one :class:`Unit` per distinct text."""
    plan = Plan()
    found: dict[str, list[tuple[str, Item, int, int]]] = {}  # id -> (source, item, index, chars)
    for item in items:
        for index, doc in enumerate(read_item(item)):
            plan.documents += 1
            if isinstance(doc, ReadError):
                plan.errors.append((doc.source, doc.reason))
                continue
            try:
                text, _ = clean(doc)
            except InputError as exc:  # as Pipeline.run reports it
                plan.errors.append((exc.source, exc.reason))
                continue
            found.setdefault(article_id(text), []).append((doc.source, item, index, len(text)))
    for key, copies in found.items():
        copies.sort(key=lambda copy: copy[0])  # the first source by name is analysed
        _, item, index, chars = copies[0]
        sources = tuple(dict.fromkeys(copy[0] for copy in copies))
        plan.units.append(Unit(item, index, key, chars, sources))
    return plan


def balance(units: Sequence[Unit], partitions: int) -> list[list[Unit]]:
    """Deal ``units`` into ``partitions`` of similar total text length (longest first, each
    to the lightest partition), each partition in input order so a file is read once."""
    lightest = [(0, p) for p in range(partitions)]
    dealt: list[list[Unit]] = [[] for _ in range(partitions)]
    for unit in sorted(units, key=lambda u: (-u.chars, u.sources[0])):
        load, p = heapq.heappop(lightest)
        dealt[p].append(unit)
        heapq.heappush(lightest, (load + unit.chars, p))
    return [sorted(part, key=_input_order) for part in dealt if part]


def _input_order(unit: Unit) -> tuple[str, int, int]:
    path, offset, _ = unit.item
    return path, offset or 0, unit.index
