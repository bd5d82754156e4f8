"""The coding screen's top line: whose codings the transcript shows, and who is coding.

Left, the view ("all coders", "mine (anna)", "coder bert", "consensus") with the marks that tell
the coders apart in the margin ("¹anna ²bert"); right, always in full however narrow the
terminal: the coder, and the keys for the view and for help.

It shows what it is given and queries nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget


class CodingHeader(Widget):
    """View and coder marks on the left; coder, view key and help key on the right."""

    DEFAULT_CSS = """
    CodingHeader {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view = ""
        self._legend: tuple[tuple[str, str], ...] = ()
        self._coder = ""
        self._blind = False

    def show(self, view: str, legend: Sequence[tuple[str, str]], coder: str, blind: bool) -> None:
        """``legend``: (mark, coder) of each coder the view shows, when it marks them."""
        state = (view, tuple(legend), coder, blind)
        if state != (self._view, self._legend, self._coder, self._blind):
            self._view, self._legend, self._coder, self._blind = state
            self.refresh()

    def right(self) -> Text:
        right = Text(no_wrap=True, end="")
        right.append("coder ", style="dim")
        right.append(self._coder or "?", style="bold")
        if self._blind:
            right.append(" (blind)", style="bold")
        right.append("  v", style="bold")
        right.append(" view", style="dim")
        right.append("  ?", style="bold")
        right.append(" help", style="dim")
        return right

    def left(self) -> Text:
        left = Text(no_wrap=True, end="")
        left.append("view ", style="dim")
        left.append(self._view, style="bold")
        for mark, coder in self._legend:
            left.append(f"  {mark}", style="dim")
            left.append(coder)
        return left

    def render(self) -> Text:
        width = self.content_size.width
        right = self.right()
        left = self.left()
        room = width - right.cell_len - 1
        if left.cell_len > room:
            left.truncate(max(0, room), overflow="ellipsis")
        line = Text(no_wrap=True, end="")
        line.append_text(left)
        line.append(" " * max(1, width - left.cell_len - right.cell_len))
        line.append_text(right)
        return line
