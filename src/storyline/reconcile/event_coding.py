"""Event types, actors and targets for the timeline.

Each event's description is coded with an ACLED / CASE 2021 sub-event type
(`storyline.extract.event_types`); a description with no cue of any type is OTHER
without being encoded (most timeline sentences are not events of any type). An event
that tells a change of control takes its
type from the change (the state's forces regaining a place, anyone else overtaking it)
and its `actor` / `target` from the sides that gained and lost the place; other events
keep `actor` and `target` empty (the timeline's `actors` lists who is named), since the
description alone does not say who did what to whom.
"""

from __future__ import annotations

from storyline.extract.control import load_control_cues, side_kind
from storyline.extract.event_types import code_events
from storyline.lexicon import Knowledge
from storyline.reconcile.corpus import Corpus

# Types that come from a change of control, not from the coder: never reused.
CONTROL_TYPES = {"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}


def code_event_types(
    corpus: Corpus, knowledge: Knowledge, known: dict[str, str] | None = None
) -> None:
    """Fill `type`, `actor` and `target` of every event, in place. `known`: description
    -> type already coded (a store's events, when an add reduces them again): those
    descriptions are not encoded again."""
    if not corpus.events:
        return
    cues = load_control_cues(knowledge)
    known = {d: t for d, t in (known or {}).items() if t not in CONTROL_TYPES}
    # every description in event order, as without `known` (encoder batches are the same)
    todo = [e.description for e in corpus.events if e.description not in known]
    try:
        types = iter(code_events(todo, knowledge, cued_only=True))
    except Exception:  # no encoder on this machine: leave the types as OTHER
        types = iter(["OTHER"] * len(todo))
    types = [known.get(e.description) or next(types) for e in corpus.events]
    for event, kind in zip(corpus.events, types, strict=True):
        event.type = kind
    entities = {e.id: e for e in corpus.entities}
    by_id = {e.id: e for e in corpus.events}
    for change in corpus.control_changes:
        gainer = entities.get(change.gained_by or "")
        state = gainer is not None and side_kind(gainer.name, gainer.type, cues) == "state"
        for eid in change.events:
            event = by_id.get(eid)
            if event is None:
                continue
            event.type = "GOV_REGAINS_TERIT" if state else "NON_STATE_ACTOR_OVERTAKES_TER"
            event.actor = [change.gained_by] if change.gained_by else []
            event.target = [change.lost_by] if change.lost_by else []
