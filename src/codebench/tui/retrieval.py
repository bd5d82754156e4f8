"""Retrieval: every passage of one code across documents, in context (Braun & Clarke phase 4:
reviewing a theme against its coded extracts). Enter jumps to the passage in its transcript;
``s`` finds the passages most like it across all documents (:mod:`.similar_screen`)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from codebench.services.codebook.details import code_details
from codebench.services.coding.views import Passage, passages
from codebench.tui.session import Workspace


def passage_text(passage: Passage, colour: str, code_path: str = "") -> Text:
    """A passage in context; its code's path is named when it is a sub-code of ``code_path``
    (the code retrieved)."""
    head = Text.styled(passage.document, "bold")
    head.append(f"  {passage.speaker or ''}", style="cyan")
    head.append(f"  {passage.coding.coder}", style="dim")
    if code_path and passage.coding.code_path != code_path:
        head.append(f"  {passage.coding.code_path.removeprefix(code_path + ' > ')}")
    if passage.coding.exemplar:
        head.append("  ★", style="yellow")
    body = Text("\n…" + " ".join(passage.before.split()[-12:]) + " ", style="dim")
    body.append(" ".join(passage.text.split()), style=f"bold on {colour}")
    body.append(" " + " ".join(passage.after.split()[:12]) + "…", style="dim")
    return head + body


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


class RetrievalScreen(Screen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("s", "similar", "Similar passages"),
    ]

    def __init__(self, workspace: Workspace, code_id: int) -> None:
        super().__init__()
        self.ws = workspace
        self.code_id = code_id
        self._targets: list[tuple[int, int]] = []
        self._spans: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="retrieval"):
            yield Label("", id="retrieval-title", classes="dialog-title")
            yield OptionList(id="passages")
        yield Footer()

    def on_mount(self) -> None:
        details = code_details(self.ws.project, self.code_id, viewer=self.ws.viewer)
        found = passages(self.ws.project, self.code_id, self.ws.viewer)  # with its sub-codes
        options = self.query_one(OptionList)
        for index, passage in enumerate(found):
            self._targets.append((passage.coding.document_id, passage.coding.start))
            self._spans.append((passage.coding.start, passage.coding.end))
            colour = self.ws.colour_of(passage.coding.code_id, passage.coding.colour)
            prompt = passage_text(passage, colour, details.path)
            options.add_option(Option(prompt, id=str(index)))
        documents = len({p.document for p in found})
        below = " with its sub-codes" if self.ws.has_children(self.code_id) else ""
        title = Text(
            f"{details.path}{below}: {_count(len(found), 'passage')} in "
            f"{_count(documents, 'document')}"
        )
        title.append(
            "\nenter: go to the passage in its transcript   s: passages like it",
            style="dim not bold",
        )
        self.query_one("#retrieval-title", Label).update(title)
        if found:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self._targets[int(event.option.id)])

    def action_similar(self) -> None:
        """Passages across all documents like the highlighted one; going to one leaves here."""
        from codebench.tui.similar_screen import SimilarScreen

        index = self.query_one(OptionList).highlighted
        if index is None:
            return
        document_id = self._targets[index][0]
        self.app.push_screen(
            SimilarScreen(self.ws, document_id, self._spans[index]), self._after_similar
        )

    def _after_similar(self, target: tuple[int, int] | None) -> None:
        if target is not None:
            self.dismiss(target)

    def action_close(self) -> None:
        self.dismiss(None)
