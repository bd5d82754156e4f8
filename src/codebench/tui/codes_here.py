"""The codes-here panel: every coding under the cursor or selection, one a line.

Each line names the coding as the margin does (its stripe's colour, short name and coder mark)
and in full: the code, the coder, a star for an exemplar and a pen for a memo. The coder, star
and memo marks are never cut; a long code name is. Codings are listed in their lanes' order,
left to right as the stripes stand. When there are more codings than lines, the last line
counts the rest and names them by their short names.

It shows what it is given (the transcript's codings and look) and queries nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from codebench.services.coding.views import CodingView
from codebench.tui.transcript.painter import STRIPE, CodingLook


class CodesHere(Widget):
    """The codings under the cursor, with code, coder, exemplar star and memo mark."""

    DEFAULT_CSS = """
    CodesHere {
        height: 3;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._codings: list[CodingView] = []
        self._look: CodingLook | None = None
        self._me = ""

    @property
    def codings(self) -> list[CodingView]:
        """The codings listed, in the order shown."""
        return list(self._codings)

    def show(
        self,
        codings: list[CodingView],
        look: CodingLook,
        lane_of: Callable[[int], int],
        me: str,
    ) -> None:
        self._codings = sorted(codings, key=lambda c: (lane_of(c.id), c.start, c.id))
        self._look = look
        self._me = me
        self.refresh()

    def lines(self, width: int, height: int) -> list[Text]:
        """What the panel draws in ``width`` cells and ``height`` lines."""
        look = self._look
        if not self._codings or look is None:
            return [Text("No codes here  (c: code the selection)", style="dim")]
        codings = self._codings
        if len(codings) > height >= 1:
            listed, rest = codings[: height - 1], codings[height - 1 :]
        else:
            listed, rest = codings, []
        lines = [self._line(coding, look, width) for coding in listed]
        if rest:
            more = Text(f"+{len(rest)} more: ", style="dim")
            for coding in rest:
                more.append(look.short(coding), style=f"bold {look.colour(coding)}")
                more.append(f"{look.mark(coding)} ", style="dim")
            more.truncate(width, overflow="ellipsis")
            lines.append(more)
        return lines

    def _line(self, coding: CodingView, look: CodingLook, width: int) -> Text:
        colour = look.colour(coding)
        line = Text(no_wrap=True, end="")
        line.append(STRIPE, style=colour)
        short = look.short(coding)
        line.append(short, style=f"bold {colour}")
        line.append(look.mark(coding), style="dim")
        line.append(" " * max(1, 5 - cell_len(short) - cell_len(look.mark(coding))))
        tail = Text(no_wrap=True, end="")
        tail.append("  ")
        tail.append(coding.coder, style="bold" if coding.coder == self._me else "")
        if coding.exemplar:
            tail.append(" ★", style="yellow")
        if coding.memo:
            tail.append(" ✎ memo", style="italic")
        room = width - line.cell_len - tail.cell_len
        name = Text(coding.code_name, no_wrap=True, end="")
        if room < cell_len(coding.code_name):
            name.truncate(max(1, room), overflow="ellipsis")
        line.append_text(name)
        line.append(" " * max(0, room - name.cell_len))
        line.append_text(tail)
        return line

    def render(self) -> Text:
        size = self.content_size
        return Text("\n").join(self.lines(size.width, size.height))
