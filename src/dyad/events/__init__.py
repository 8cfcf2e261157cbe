"""Events: who did what to whom, when and where, coded from the article's one parse.

We code events ourselves instead of running an existing coder (PETRARCH, Universal-PETRARCH,
the PLOVER/ICEWS coders) because those code "will meet" as a meeting, emit one event per
sentence from its main verb, repeat the same event for every sentence that mentions it and
stop at the sentence's verb, so "their first meeting ... after two hours of talks ... late
Monday in Los Cabos" loses its date and place. dyad borrows their vocabulary (the CAMEO verb
dictionary, converted by :mod:`dyad.events.convert`; the PLOVER types and modes) and reads
triggers, arguments, date, place and status (occurred, planned, cancelled, negated,
hypothetical) off the dependency parse. :class:`EventStage` is the pipeline stage;
:func:`plover_view` turns an event into the single PLOVER type an annotator would give it.
See ``docs/events.md``.
"""

from __future__ import annotations

from dyad.events.stage import EventStage, code_events
from dyad.model import Event

__all__ = ["CONFLICTUAL", "COOPERATIVE", "EventStage", "code_events", "plover_view"]

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "THREATEN"})
# A called-off hostile act is the codebook's "Ease ..." code (CAMEO2PLOVER): a strike or
# protest called off is 082 "Ease political dissent" (CONCEDE); an administrative restriction
# lifted 081 "Ease administrative sanctions" (CONCEDE); economic sanctions, embargo or
# blockade 085/0872 (RETREAT); fighting or a mobilisation 087 "De-escalate military
# engagement" (RETREAT).
EASED = {"PROTEST": "CONCEDE", "COERCE": "CONCEDE", "SANCTION": "RETREAT", "ASSAULT": "RETREAT",
         "MOBILIZE": "RETREAT"}  # fmt: skip


def plover_view(event: Event) -> str | None:
    """The PLOVER type of an event as PLOVER codes intentions, refusals and threats.

    dyad keeps the underlying action and a status ("will support" is SUPPORT, planned);
    PLOVER (like CAMEO) codes the act of saying so: a planned cooperative act is AGREE
    (CAMEO 03, express intent), a planned hostile one THREATEN (13), a negated cooperative
    one REJECT (12), a cancelled one SANCTION (16); a cancelled hostile act is the codebook's
    "Ease ..." code (``EASED``). Hypothetical events are no event (None).
    """
    status, kind = event.status, event.type
    if status == "hypothetical":
        return None
    if status == "planned":
        return "AGREE" if kind in COOPERATIVE else "THREATEN" if kind in CONFLICTUAL else kind
    if status == "negated":
        return "REJECT" if kind in COOPERATIVE else None
    if status == "cancelled":
        return "SANCTION" if kind in COOPERATIVE else EASED.get(kind)
    return kind
