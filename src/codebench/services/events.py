"""The append-only event log: every change records who did what, so it can be audited and undone."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from codebench.storage.models import Event


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Append one event to the log inside the caller's transaction."""
    event = Event(actor=actor, action=action, entity=entity, entity_id=entity_id, data=data or {})
    session.add(event)
    return event
