"""The web interface and JSON API over a dyad store (``dyad serve``).

:func:`create_app` builds the Starlette application (:mod:`.app`); pages and API routes share
the data builders in :mod:`.data`, parameters are checked in :mod:`.params`, article text is
highlighted safely by :mod:`.highlight`. Templates and CSS ship in the package; nothing is
loaded from other origins. See ``docs/web.md``.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
