"""A coding's line through the event log: which coding an old event means now, and what a
coding put back by undo or redo keeps of where it came from.

An event names a coding by the id it had then. Undo and redo take codings away and put them
back, under the old id when no coding holds it (so the coding keeps its lane, its place in
lists and the events that name it), else under a new one: SQLite hands the id of the newest
row, once deleted, to the next new row, which may be another coder's coding. A later undo or
redo of an event therefore finds its coding by following the log, from the event to the
deletion that took the coding away, to the undo or redo that put it back, and on, never by the
id alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.storage import models

UNDO, REDO = "undo", "redo"
ORIGIN = ("source", "confidence", "consensus")
"""What a coding's create event says about where it came from (an accepted suggestion and the
confidence it was shown with, the consensus rule that made it): a coding put back keeps it, so
an accepted suggestion undone and redone still counts as accepted."""


def _coding_events(session: Session, coding_id: int, after: int) -> list[models.Event]:
    return list(
        session.scalars(
            select(models.Event)
            .where(
                models.Event.entity == "coding",
                models.Event.entity_id == coding_id,
                models.Event.id > after,
            )
            .order_by(models.Event.id)
        )
    )


def _put_back(session: Session, removal: models.Event) -> models.Event | None:
    """The undo or redo that put back the coding ``removal`` deleted, if one did."""
    later = session.scalars(
        select(models.Event)
        .where(
            models.Event.entity == "coding",
            models.Event.action.in_((UNDO, REDO)),
            models.Event.id > removal.id,
        )
        .order_by(models.Event.id)
    )
    for event in later:
        data = event.data
        if data.get("op") == "create" and removal.id in (data.get("undoes"), data.get("redoes")):
            return event
    return None


def coding_now(session: Session, event: models.Event) -> models.Coding | None:
    """The coding ``event`` changed, as it is now (None when it is gone for good)."""
    coding_id, since = event.entity_id, event.id
    while coding_id is not None:
        removal = next(
            (e for e in _coding_events(session, coding_id, since) if e.data.get("op") == "delete"),
            None,
        )
        if removal is None:
            return session.get(models.Coding, coding_id)
        put_back = _put_back(session, removal)
        if put_back is None:
            return None
        coding_id, since = put_back.entity_id, put_back.id
    return None


def origin(session: Session, removal: models.Event) -> dict[str, Any]:
    """The :data:`ORIGIN` of the coding ``removal`` deleted, as its create event recorded it."""
    created = session.scalars(
        select(models.Event)
        .where(
            models.Event.entity == "coding",
            models.Event.entity_id == removal.entity_id,
            models.Event.id < removal.id,
        )
        .order_by(models.Event.id.desc())
    )
    for event in created:
        if event.data.get("op") == "create":
            return {key: event.data[key] for key in ORIGIN if key in event.data}
    return {}
