"""Stories: one real-world event however many articles report it, and the timelines they make.

Fusion (:mod:`.fusion`, rules in :mod:`.rules`) joins event mentions across articles into fused
events; the store runs it on every ingest (:mod:`dyad.store.fusing`) and dates undated
articles from what they report (:mod:`.undated`). :mod:`.timeline` builds the fused, dated
story between one or two actors (rendered as text, JSON or HTML by :mod:`.render`);
:mod:`.summarise` picks the dates and sentences that matter in long collections; and
:mod:`.relations` counts cooperation and conflict between two sides. See ``docs/stories.md``.
"""

from __future__ import annotations

from .fusion import Fused, Mention, fuse
from .summary import describe

__all__ = ["Fused", "Mention", "describe", "fuse"]
