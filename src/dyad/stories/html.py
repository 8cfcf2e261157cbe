"""A timeline as one self-contained HTML page: inline CSS, no scripts, no external resources.

Every piece of text from articles goes through :func:`html.escape`; links are only the
articles' own ``http(s)`` URLs. The page reads well printed or shared as a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from .summary import place_phrase

STATUS_COLOURS = {
    "occurred": "#1b7f3b",
    "planned": "#1f5fa8",
    "cancelled": "#a8321f",
    "negated": "#6b6b6b",
    "hypothetical": "#8a6d1f",
}
CSS = """
body{font:16px/1.5 Georgia,serif;color:#222;background:#fafaf7;margin:0}
main{max-width:46rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.7rem;margin:.2rem 0}.sub{color:#666;margin:0 0 2rem}
ol{list-style:none;padding:0;border-left:3px solid #ccc;margin-left:.5rem}
li.ev{position:relative;padding:0 0 1.6rem 1.4rem}
li.ev:before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.8rem;height:.8rem;
border-radius:50%;background:var(--c);border:2px solid #fafaf7}
.date{font:600 .95rem/1.2 system-ui,sans-serif;color:#444}
.tag{font:600 .72rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;
color:#fff;background:var(--c);border-radius:.25rem;padding:.05rem .35rem;margin-left:.4rem}
.summary{font-size:1.1rem;margin:.2rem 0 .4rem}
details{font-size:.92rem;color:#444}summary{cursor:pointer;color:#555}
blockquote{margin:.4rem 0 .6rem;padding-left:.8rem;border-left:2px solid #ddd}
.src{font:.8rem system-ui,sans-serif;color:#666}a{color:#1f5fa8}
footer{color:#888;font:.8rem system-ui,sans-serif;margin:2rem 0}
details.rest>summary{font:600 .95rem system-ui,sans-serif;margin:0 0 1rem}
"""


def _source(s: dict[str, Any]) -> str:
    title = escape(s.get("title") or s["article"][:12])
    url = s.get("url") or ""
    if url.startswith(("http://", "https://")):
        title = f'<a href="{escape(url, quote=True)}" rel="noopener">{title}</a>'
    date = escape(s.get("published") or "undated")
    if s.get("published_inferred"):
        date += " (inferred)"
    meta = " · ".join(x for x in (escape(s.get("outlet") or ""), date) if x)
    return (
        f"<blockquote>“{escape(s.get('sentence') or '')}”"
        f'<div class="src">{title} — {meta}</div></blockquote>'
    )


def _entry(e: dict[str, Any]) -> str:
    colour = STATUS_COLOURS.get(e["status"], "#555")
    date = escape(e["date"] or "undated") + (" (approx.)" if e.get("date_inferred") else "")
    place = place_phrase(e.get("location"))
    n = len(e["sources"])
    sources = "".join(_source(s) for s in e["sources"])
    return (
        f'<li class="ev" style="--c:{colour}"><div class="date">{date}'
        f'<span class="tag">{escape(e["status"])}</span>'
        f'<span class="tag" style="background:#555">{escape(e["type"])}</span></div>'
        f'<p class="summary">{escape(e["summary"] or "")}</p>'
        + (f'<div class="src">{escape(place)}</div>' if place else "")
        + f"<details><summary>{n} source{'s' if n != 1 else ''}</summary>{sources}</details></li>"
    )


def _day(e: dict[str, Any]) -> str:
    """A keyword-timeline day: its first sentence, the others and the articles behind them."""
    first, *others = e["sources"]
    more = "".join(f'<p class="summary">{escape(s["sentence"])}</p>' for s in others)
    sources = "".join(_source(s) for s in e["sources"])
    n = len({s["article"] for s in e["sources"]})
    return (
        f'<li class="ev" style="--c:#555"><div class="date">{escape(e["date"])}</div>'
        f'<p class="summary">{escape(first["sentence"])}</p>{more}'
        f"<details><summary>{n} source{'s' if n != 1 else ''}</summary>{sources}</details></li>"
    )


def render_html(
    entries: Sequence[dict[str, Any]],
    title: str,
    subtitle: str = "",
    rest: Sequence[dict[str, Any]] = (),
) -> str:
    """The whole page for a timeline: the chosen ``entries``, then the ``rest`` (less
    important dates) folded in a ``<details>`` a reader can open. Entries are fused events
    (:mod:`.timeline`) or keyword-timeline days (:mod:`.collection`, no ``type``)."""
    item = _entry if any("type" in e for e in [*entries, *rest]) else _day
    body = "".join(item(e) for e in entries) or "<p>No events found.</p>"
    if rest:
        body += (
            f'</ol><details class="rest"><summary>{len(rest)} more on less important dates'
            f"</summary><ol>{''.join(item(e) for e in rest)}</ol></details><ol>"
        )
    n_sources = len({s["article"] for e in entries for s in e["sources"]})
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>"
        f'<h1>{escape(title)}</h1><p class="sub">{escape(subtitle)}</p><ol>{body}</ol>'
        f"<footer>{len(entries)} {'events' if item is _entry else 'dates'} from {n_sources} "
        "articles · made with dyad</footer>"
        "</main></body></html>\n"
    )
