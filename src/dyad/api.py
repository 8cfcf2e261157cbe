"""The Python entry points: analyse text or files without a subprocess.

:func:`extract_text` runs the same pipeline as ``dyad extract`` on one string;
:func:`extract_files` on files and folders (every format ``dyad extract`` reads), yielding an
:class:`~dyad.model.Article` per article or a :class:`~dyad.model.ReadError` naming the file
and the reason. The spaCy model is loaded on first use, once per process, not on
``import dyad``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from os import PathLike
from typing import Any

from .model import Article, RawDocument, ReadError


@cache
def _pipeline() -> Any:
    from .pipeline import Options, Pipeline

    return Pipeline(Options())


def extract_text(
    text: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    source: str = "<text>",
) -> Article:
    """Analyse one article given as text; relative dates resolve against ``published``.

    Raises :class:`~dyad.errors.InputError` when the text holds no article (empty, binary).
    """
    meta: dict[str, Any] = {"title": title, "url": url, "outlet": outlet}
    if published is not None:
        meta["published"] = published.isoformat() if isinstance(published, date) else published
    article: Article = _pipeline().extract(RawDocument(source, "text", text, meta))
    return article


def extract_files(paths: str | PathLike[str] | Iterable[str | PathLike[str]]) -> Iterator[
    Article | ReadError
]:  # fmt: skip
    """Analyse files and folders (walked recursively), in order, one result per article.

    A file that cannot be read yields a :class:`~dyad.model.ReadError` and the run goes on.
    """
    from .readers import read_paths

    items = [paths] if isinstance(paths, str | PathLike) else list(paths)
    results: Iterator[Article | ReadError] = _pipeline().run(read_paths([str(p) for p in items]))
    return results
