"""dyad: who did what to whom, when and where, from news articles, with the evidence.

The Python API (see README.md): :func:`extract_text`, :func:`extract_files`,
:class:`Store` (the store, with read queries returning records) and :func:`export`. Names
are imported on first use, so ``import dyad`` stays cheap (no spaCy, no DuckDB).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "extract_text": "dyad.api",
    "extract_files": "dyad.api",
    "Store": "dyad.store",
    "Article": "dyad.model",
    "ReadError": "dyad.model",
    "export": "dyad.exports",
}
__all__ = [
    "Article", "ReadError", "Store", "__version__", "export", "extract_files", "extract_text",
]  # fmt: skip

if TYPE_CHECKING:
    from .api import extract_files, extract_text
    from .exports import export
    from .model import Article, ReadError
    from .store import Store


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")
