"""Serialising writers that would otherwise race on PostgreSQL.

A check-then-write (is there a memo on this document yet? is this code name free?) is safe on
SQLite, where write transactions begin IMMEDIATE and so run one at a time. On PostgreSQL two
coders' transactions run side by side at READ COMMITTED, and both may see "no memo yet" and
insert two. A transaction-scoped advisory lock on the thing being checked makes the second
writer wait for the first to commit, then see its row.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def serialise(session: Session, resource: str) -> None:
    """Hold ``resource`` until this transaction ends (PostgreSQL; a no-op on SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(resource))))
