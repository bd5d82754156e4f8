"""The line under the transcript: whose turn, which sentence, how much is selected, how many
codings are there (the codes-here panel above it names them; the header names the coder).

It shows what it is given (the transcript's cursor) and queries nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from codebench.services.coding.views import CodingView
from codebench.services.documents.overview import SentenceView


class StatusBar(Static):
    """Speaker (in full: the gutter may show "R1"), sentence, selection size, codings here."""

    def show(
        self,
        sentence: SentenceView | None,
        selection: tuple[int, int],
        codings: list[CodingView],
        speaker: str | None = None,
    ) -> None:
        start, end = selection
        status = Text(no_wrap=True, overflow="ellipsis")
        if speaker:
            status.append(speaker, style="bold")
            status.append("  ")
        if sentence is not None:
            status.append(f"sentence {sentence.number}", style="bold")
        status.append(f"  selection {end - start} chars", style="dim")
        if codings:
            count = len(codings)
            status.append(f"  {count} coding{'s' if count != 1 else ''} here", style="dim")
        self.update(status)
