"""The line under the transcript: where the cursor is, how much is selected, the codings there.

It shows what it is given (the transcript's cursor and the coder's session) and queries nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from codebench.services.coding.views import CodingView
from codebench.services.documents.overview import SentenceView


class StatusBar(Static):
    """Cursor sentence, selection size, the codes under the selection, and who is coding."""

    def show(
        self,
        sentence: SentenceView | None,
        selection: tuple[int, int],
        codings: list[CodingView],
        coder: str,
        blind: bool,
    ) -> None:
        start, end = selection
        status = Text()
        if sentence is not None:
            status.append(f"sentence {sentence.number}", style="bold")
        status.append(f"  selection {end - start} chars", style="dim")
        for coding in codings:
            status.append("  ■ ", style=coding.colour)
            status.append(coding.code_name)
            if coding.coder != coder:
                status.append(f" ({coding.coder})", style="dim")
            if coding.exemplar:
                status.append(" ★", style="yellow")
            if coding.memo:
                status.append(" ✎", style="dim")
        mode = " blind" if blind else ""
        status.append(f"   coder: {coder}{mode}", style="dim italic")
        self.update(status)
