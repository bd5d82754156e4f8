"""Who is looking at the project, and what blind coding lets them see.

Blind coding is a per-session choice (``codebench open --coder anna --blind``): while it is on,
the coder must not see another coder's codings, nor anything derived from them (counts, quotes,
memos, exports, agreement). Every service that reads codings takes a :class:`Viewer` and applies
it itself, so the guarantee does not depend on what a screen or a command chooses to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.storage import models

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class Viewer:
    """Who is looking (``coder``), and whether they may see other coders' work."""

    coder: str
    blind: bool = False

    def __post_init__(self) -> None:
        if self.blind and not self.coder.strip():
            raise CodebenchError("blind mode needs a coder name (--coder)")

    @classmethod
    def everyone(cls, coder: str = "") -> Viewer:
        """Full access: every coder's codings (a reviewer, a lead, a script)."""
        return cls(coder, blind=False)

    def sees(self, coder: str | None) -> bool:
        """Whether work by ``coder`` (None: author unknown) may be shown to this viewer."""
        return not self.blind or coder == self.coder

    def refuse_if_blind(self, what: str) -> None:
        """Stop an operation that inherently shows several coders' codings side by side."""
        if self.blind:
            raise CodebenchError(
                f"{what} shows every coder's codings: not available while {self.coder} codes blind"
            )

    def coders(self, wanted: Sequence[str]) -> tuple[str, ...]:
        """The coders whose codings a filter may show: all ``wanted`` for a sighted viewer; a
        blind viewer gets their own, and asking for anyone else's is refused, not emptied, so
        a report never silently counts nothing."""
        if not self.blind:
            return tuple(wanted)
        others = sorted(set(wanted) - {self.coder})
        if others:
            raise CodebenchError(
                f"coding blind as {self.coder}: cannot show {', '.join(others)}'s codings"
            )
        return (self.coder,)


def visible(query: Q, viewer: Viewer) -> Q:
    """``query`` (over codings) restricted to what ``viewer`` may see; a subquery rather than a
    join, so it composes with queries that already join the coder."""
    if not viewer.blind:
        return query
    own = select(models.Coder.id).where(models.Coder.name == viewer.coder)
    return query.where(models.Coding.coder_id.in_(own))


def refuse_others_codings(session: Session, viewer: Viewer, code_id: int, action: str) -> None:
    """Stop a blind viewer's change to a code that carries other coders' codings: it would
    change work they cannot see, and its result (codings moved or removed) would count it."""
    if not viewer.blind:
        return
    own = select(models.Coder.id).where(models.Coder.name == viewer.coder)
    other = session.scalar(
        select(models.Coding.id)
        .where(models.Coding.code_id == code_id, models.Coding.coder_id.not_in(own))
        .limit(1)
    )
    if other is not None:
        raise CodebenchError(
            f"cannot {action} while coding blind: the code carries other coders' codings"
        )
