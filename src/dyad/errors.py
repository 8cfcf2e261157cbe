"""dyad's exceptions: one base class, each with a message that says why.

Library code raises these; only the CLI turns them into a line on standard error and an
exit code.
"""

from __future__ import annotations


class DyadError(Exception):
    """Base class of every error dyad raises on purpose."""


class InputError(DyadError):
    """An input file or record cannot be read or holds no article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(DyadError):
    """The store cannot be opened or written."""
