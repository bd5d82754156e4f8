"""Whose codings the transcript shows: mine, all coders', one coder's, or the consensus.

A value the coding screen keeps and the open document reads for; which codings a blind coder
may see is still the services' rule (:mod:`codebench.services.viewer`): asking for another
coder's codings while blind is refused there, whatever this holds. Kept free of Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

MINE, ALL, CODER, CONSENSUS = "mine", "all", "coder", "consensus"


@dataclass(frozen=True)
class CoderView:
    kind: str = ALL
    coder: str = ""
    """Whose codings, for a view of one coder (or the consensus coder's name)."""

    def coders(self, me: str) -> tuple[str, ...] | None:
        """The coders to ask the service for (None: every coder the viewer may see)."""
        if self.kind == ALL:
            return None
        if self.kind == MINE:
            return (me,)
        return (self.coder,)

    def shows(self, coder: str, me: str) -> bool:
        """Whether a coding by ``coder`` belongs in this view."""
        wanted = self.coders(me)
        return wanted is None or coder in wanted

    @property
    def several(self) -> bool:
        """Whether this view can show several coders' codings side by side."""
        return self.kind == ALL

    def label(self, me: str, blind: bool = False) -> str:
        """The view as the header names it."""
        if self.kind == MINE or (blind and self.kind == ALL):
            return f"mine ({me}){' blind' if blind else ''}"
        if self.kind == ALL:
            return "all coders"
        if self.kind == CONSENSUS:
            return "consensus"
        return f"{self.coder} only"
