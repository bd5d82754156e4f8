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
from codebench.services.coders import CONSENSUS
from codebench.services.names import check_name
from codebench.services.project import Project
from codebench.storage import models

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class Viewer:
    """Who is looking (``coder``), and whether they may see other coders' work."""

    coder: str
    blind: bool = False

    def __post_init__(self) -> None:
        check_name("coder", self.coder, models.Coder.name)
        if self.blind and not self.coder.strip():
            raise CodebenchError("blind mode needs a coder name (--coder)")
        if self.blind and self.coder == CONSENSUS:
            raise CodebenchError(
                f"'{CONSENSUS}' is built from the other coders' codings: it cannot code or "
                "read blind"
            )

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


def _has_work(session: Session, coder: str) -> bool:
    """Whether ``coder`` made any coding or memo in the project (work a blind coder may not see)."""
    coder_id = session.scalar(select(models.Coder.id).where(models.Coder.name == coder))
    if coder_id is None:
        return False
    for column in (models.Coding.coder_id, models.Memo.coder_id):
        if session.scalar(select(column).where(column == coder_id).limit(1)) is not None:
            return True
    return False


def switch_coder(project: Project, viewer: Viewer, coder: str) -> Viewer:
    """The viewer after the person at the keyboard says they code as ``coder`` from now on.

    Blind mode stays as it was. While blind, a switch to another coder who already has work in
    the project is refused: the screen would show that work to whoever was coding blind. A new
    name (or one's own) is always fine."""
    coder = coder.strip()
    if not coder:
        raise CodebenchError("a coder needs a name")
    if viewer.blind and coder != viewer.coder:
        with project.reading() as session:
            if _has_work(session, coder):
                raise CodebenchError(
                    f"coding blind as {viewer.coder}: switching to {coder} would show "
                    f"{coder}'s codings (open the project as {coder} with --blind instead)"
                )
    return Viewer(coder, viewer.blind)


def coders_to_switch_to(project: Project, viewer: Viewer) -> list[str]:
    """The coders a switch may offer by name: everyone for a sighted viewer; a blind viewer
    sees only their own name (the others' names and work are not theirs to see)."""
    if viewer.blind:
        return [viewer.coder]
    with project.reading() as session:
        return list(session.scalars(select(models.Coder.name).order_by(models.Coder.name)))
