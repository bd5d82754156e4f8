"""Suggestions drawn in the transcript as ghost marks: text untinted, italic and underlined, a
grey dashed stripe marked "?".

A suggestion is drawn as a coding of the code it suggests (so the margin, the lanes and the
repaint of the touched lines work as for codings), with a negative id and no coder, through a
look that calls it ``suggested`` (the painter then draws it unlike any coding,
:mod:`codebench.tui.transcript.painter`), grey, its stripe marked "?": never mistaken for a
coding, never chosen by a coding key (they act on the coder's own codings only). Textual-free:
the screen's helper (:mod:`codebench.tui.suggestions`) decides when they show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from codebench.services.coding.views import CodingView
from codebench.services.suggestions.suggesting import Suggestion
from codebench.tui.transcript.painter import CodingLook

GHOST = "#8a8a8a"
"""A suggestion's colour: a grey, whatever its code's colour."""
GHOST_MARK = "?"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def is_ghost(coding: CodingView) -> bool:
    return coding.id < 0


def best_per_sentence(items: Sequence[Suggestion]) -> list[Suggestion]:
    """Each sentence's most likely suggestion (``items`` are best first per sentence)."""
    seen: set[int] = set()
    best = []
    for item in items:
        if item.start not in seen:
            seen.add(item.start)
            best.append(item)
    return best


def uncoded(
    items: Sequence[Suggestion], codings: Sequence[CodingView], coder: str
) -> list[Suggestion]:
    """Those of ``items`` on sentences no coding of ``coder``'s among ``codings`` touches."""
    mine = [(c.start, c.end) for c in codings if c.coder == coder and not is_ghost(c)]
    return [i for i in items if not any(s < i.end and i.start < e for s, e in mine)]


def ghost_codings(items: Sequence[Suggestion]) -> list[CodingView]:
    """The best suggestion of each sentence as a coding to draw (ids -1, -2, ...)."""
    return [
        CodingView(
            -(index + 1),
            item.document_id,
            item.code_id,
            item.code.rsplit(" > ", 1)[-1],
            item.code,
            GHOST,
            "",
            item.start,
            item.end,
            False,
            None,
            _EPOCH,
        )
        for index, item in enumerate(best_per_sentence(items))
    ]


@dataclass(frozen=True)
class GhostLook:
    """The screen's look, with suggestions drawn as such: grey, marked "?", never a tint."""

    inner: CodingLook

    def colour(self, coding: CodingView) -> str:
        return GHOST if is_ghost(coding) else self.inner.colour(coding)

    def short(self, coding: CodingView) -> str:
        return self.inner.short(coding)

    def mark(self, coding: CodingView) -> str:
        return GHOST_MARK if is_ghost(coding) else self.inner.mark(coding)

    def other(self, coding: CodingView) -> bool:
        return self.inner.other(coding)

    def suggested(self, coding: CodingView) -> bool:
        return is_ghost(coding)

    @property
    def marked(self) -> bool:
        return self.inner.marked
