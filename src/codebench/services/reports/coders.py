"""Whose codings a report counts: chosen explicitly, never summed silently.

Two coders who code the same interviews double every count when their codings are added up,
so a report counts one coder, the consensus, or a union in which a passage coded by several
coders counts once. Without a choice the consensus coder is used when it has codings (the
reviewed result is what a paper reports); a project with one coder uses that coder; anything
else is refused with a hint naming the coders. Blind mode narrows the choice to the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.reports.model import ALL_CODERS, Filters
from codebench.services.coders import CONSENSUS
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models


class CoderChoiceNeeded(CodebenchError):
    """Several coders and no consensus: the report would have to guess whose codings count."""

    def __init__(self, coders: list[str]) -> None:
        self.coders = coders
        super().__init__(
            f"whose codings? {', '.join(coders)} coded this project and there is no consensus "
            f"yet: add --coder NAME (repeatable) or --coder {ALL_CODERS} (a union: a passage "
            "coded by several counts once)"
        )


@dataclass(frozen=True)
class CoderOptions:
    """What a screen offers to choose from, and what it starts with."""

    coders: tuple[str, ...]
    """Every coder with codings, the consensus included, by name."""
    default: tuple[str, ...]
    """The choice without asking (empty: none can be made; the screen asks)."""


def coders_with_codings(session: Session) -> list[str]:
    """Coders who coded at least once, by name."""
    coded = select(models.Coding.id).where(models.Coding.coder_id == models.Coder.id).exists()
    return list(session.scalars(select(models.Coder.name).where(coded).order_by(models.Coder.name)))


def resolve_coders(session: Session, filters: Filters, viewer: Viewer) -> Filters:
    """``filters`` with ``coders`` made the names whose codings count (see the module)."""
    if viewer.blind:
        if ALL_CODERS in filters.coders:
            viewer.refuse_if_blind(f"--coder {ALL_CODERS}")
        return replace(filters, coders=viewer.coders(filters.coders), every_coder=False)
    coded = coders_with_codings(session)
    wanted = tuple(dict.fromkeys(name.strip() for name in filters.coders if name.strip()))
    if ALL_CODERS in wanted:
        if len(wanted) > 1:
            raise CodebenchError(f"--coder {ALL_CODERS} already names every coder")
        everyone = tuple(name for name in coded if name != CONSENSUS) or tuple(coded)
        return replace(filters, coders=everyone, every_coder=True)
    if wanted:
        known = set(session.scalars(select(models.Coder.name)))
        unknown = sorted(set(wanted) - known)
        if unknown:
            raise CodebenchError(f"no coder named {', '.join(unknown)}")
        return replace(filters, coders=wanted, every_coder=False)
    return replace(filters, coders=_default(coded), every_coder=False)


def chosen_coders(project: Project, filters: Filters, viewer: Viewer) -> Filters:
    """``filters`` with the coders resolved (:func:`resolve_coders`), read for a caller that
    states whose codings a report counts before writing it (an export's command line)."""
    with project.reading() as session:
        return resolve_coders(session, filters, viewer)


def _default(coded: list[str]) -> tuple[str, ...]:
    if CONSENSUS in coded:
        return (CONSENSUS,)
    if len(coded) <= 1:
        return tuple(coded)
    raise CoderChoiceNeeded(coded)


def coder_options(project: Project, viewer: Viewer) -> CoderOptions:
    """The coders a screen offers, and its first choice: the default a command would use,
    else the viewer's own codings when they have any (a screen shows whose they are)."""
    if viewer.blind:
        return CoderOptions((viewer.coder,), (viewer.coder,))
    with project.reading() as session:
        coded = coders_with_codings(session)
    try:
        default = _default(coded)
    except CoderChoiceNeeded:
        default = (viewer.coder,) if viewer.coder in coded else ()
    return CoderOptions(tuple(coded), default)
