"""Which side panes of the coding screen show, so the transcript keeps a readable width.

From 140 columns both panes show. Between 100 and 140 the documents pane folds away; below 100
the codebook folds too (the app's breakpoints set "-narrow", "-medium" or "-wide" on the screen,
and the stylesheet hides what does not fit). A folded pane is never out of reach: ``d`` or
``b`` (focus the documents or the codebook) unfolds it until the focus goes back elsewhere.
``\\`` shows or hides both panes; below 100 columns, where both would leave the text no room,
it shows one at a time (documents, codebook, neither).

Only CSS classes on the screen change here; the panes and their contents stay as they are.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget

DOCUMENTS = "documents"
CODEBOOK = "codebook"
PANES = (DOCUMENTS, CODEBOOK)


class SidePanes:
    """The side panes' state on one screen: unfolded for a visit, or all shown or hidden."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.screen = screen
        self._visiting: set[str] = set()

    def fold_for(self, width: int) -> None:
        """Set the breakpoint class for ``width`` before the first layout.

        Textual sets it on the screen's first resize, after the panes have been laid out at
        the full width; the transcript would then wrap a long document twice before its first
        paint (a 30,000-word interview: twice about 70 ms)."""
        breakpoints = self.screen.app.HORIZONTAL_BREAKPOINTS or []
        names = [name for _, name in breakpoints]
        reached = [name for least, name in breakpoints if width >= least]
        if reached:
            self.screen.set_class(False, *names)
            self.screen.add_class(reached[-1])

    def mount(self) -> None:
        self.screen.watch(self.screen, "focused", self._focus_moved, init=False)

    def pane(self, name: str) -> Widget:
        return self.screen.query_one(f"#{name}")

    def shown(self, name: str) -> bool:
        """Whether the pane takes room on the screen now."""
        return self.pane(name).styles.display != "none"

    def visit(self, name: str) -> None:
        """Unfold a folded pane until the focus leaves it."""
        if not self.shown(name):
            self._visiting.add(name)
            self.screen.add_class(f"-show-{name}")

    def toggle(self) -> None:
        """Show both panes if one is folded, else hide both (below 100 columns: one pane,
        the other, neither)."""
        self._visiting.clear()
        if self.screen.has_class("-narrow"):
            shown = [name for name in PANES if self.shown(name)]
            following = {(): DOCUMENTS, (DOCUMENTS,): CODEBOOK}.get(tuple(shown))
            self.screen.remove_class("-hide-panes", *(f"-show-{name}" for name in PANES))
            if following:
                self.screen.add_class(f"-show-{following}")
            return
        if all(self.shown(name) for name in PANES):
            self.screen.remove_class(*(f"-show-{name}" for name in PANES))
            self.screen.add_class("-hide-panes")
        else:
            self.screen.remove_class("-hide-panes")
            self.screen.add_class(*(f"-show-{name}" for name in PANES))

    def _focus_moved(self, focused: Widget | None) -> None:
        for name in list(self._visiting):
            pane = self.pane(name)
            if focused is None or not (focused is pane or pane in focused.ancestors):
                self._visiting.discard(name)
                self.screen.remove_class(f"-show-{name}")
