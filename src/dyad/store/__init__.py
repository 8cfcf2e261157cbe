"""The local store: a DuckDB file with one write path and shared read-only queries."""

from .queries import count_articles, list_articles, list_quotes
from .store import AddResult, Store

__all__ = ["AddResult", "Store", "count_articles", "list_articles", "list_quotes"]
