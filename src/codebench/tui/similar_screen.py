"""Similar passages: the sentences across all documents most like a passage (``s`` in the
retrieval screen), best first, with how alike they are; enter goes to one in its transcript.

The service (:mod:`codebench.services.suggestions.similar`) compares texts alone, so it reads
no coder's codings; the first search of a session reads every sentence of the project, in a
thread worker, and later ones reuse that.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from codebench.errors import CodebenchError
from codebench.services.coding.by_name import Location
from codebench.services.suggestions.similar import SimilarPassage, similar_passages
from codebench.tui.session import Workspace

COUNT = 20


def similar_text(passage: SimilarPassage) -> Text:
    head = Text.styled(passage.document, "bold")
    head.append(f"  sentence {passage.sentence}", style="dim")
    head.append(f"  {passage.similarity:.0%} alike", style="cyan")
    return head + Text("\n" + " ".join(passage.text.split()))


class SimilarScreen(Screen[tuple[int, int] | None]):
    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, workspace: Workspace, document_id: int, span: tuple[int, int]) -> None:
        super().__init__()
        self.ws = workspace
        self.document_id = document_id
        self.span = span
        self._targets: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="retrieval"):
            yield Label("Finding similar passages…", id="similar-title", classes="dialog-title")
            yield OptionList(id="similar")
        yield Footer()

    def on_mount(self) -> None:
        project, where = self.ws.project, Location(span=self.span)

        def work() -> None:
            try:
                found = similar_passages(project, self.document_id, where, COUNT)
            except CodebenchError as exc:
                self.app.call_from_thread(self._failed, str(exc))
                return
            self.app.call_from_thread(self._show, found)

        self.run_worker(work, thread=True, exclusive=True)

    def _show(self, found: list[SimilarPassage]) -> None:
        options = self.query_one(OptionList)
        for index, passage in enumerate(found):
            self._targets.append((passage.document_id, passage.start))
            options.add_option(Option(similar_text(passage), id=str(index)))
        title = Text(f"{len(found)} passages most like this one, across all documents")
        title.append("\nenter: go to the passage in its transcript", style="dim not bold")
        self.query_one("#similar-title", Label).update(title)
        if found:
            options.highlighted = 0
        options.focus()

    def _failed(self, message: str) -> None:
        self.query_one("#similar-title", Label).update(f"No similar passages: {message}")

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self._targets[int(event.option.id)])

    def action_close(self) -> None:
        self.dismiss(None)
