"""A document's memos: the memo on the document itself and every memo on its codings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from codebench.errors import CodebenchError
from codebench.services.coding.views import document_codings
from codebench.services.memos import get_memo, set_memo
from codebench.tui.modals import MemoEditor
from codebench.tui.session import Workspace


class MemosScreen(Screen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("e", "edit_document_memo", "Edit document memo"),
    ]

    def __init__(self, workspace: Workspace, document_id: int) -> None:
        super().__init__()
        self.ws = workspace
        self.document_id = document_id
        self._targets: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="memos"):
            yield Label(
                f"Memos of {self.ws.document_name(self.document_id)}", classes="dialog-title"
            )
            yield Static("", id="document-memo")
            yield Label("Memos on codings (enter: go to the passage)")
            yield OptionList(id="coding-memos")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one(OptionList).focus()

    def _show(self) -> None:
        memo = get_memo(self.ws.project, "document", self.document_id, viewer=self.ws.viewer)
        self.query_one("#document-memo", Static).update(
            Text(memo) if memo else Text("No memo on this document yet (e: write one)", style="dim")
        )
        options = self.query_one(OptionList)
        options.clear_options()
        self._targets = []
        for coding in document_codings(self.ws.project, self.document_id, self.ws.viewer):
            if not coding.memo:
                continue
            line = Text.styled("■ ", self.ws.colour_of(coding.code_id, coding.colour))
            line.append(coding.code_name, style="bold")
            line.append(f"  {coding.coder}\n", style="dim")
            line.append(coding.memo)
            options.add_option(Option(line, id=str(len(self._targets))))
            self._targets.append(coding.start)
        if self._targets:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss((self.document_id, self._targets[int(event.option.id)]))

    def action_edit_document_memo(self) -> None:
        def save(text: str | None) -> None:
            if text is None:
                return
            ws = self.ws
            try:
                set_memo(ws.project, "document", self.document_id, text, ws.coder, blind=ws.blind)
            except CodebenchError as exc:
                self.notify(str(exc), severity="error", title="Not saved")
                return
            self._show()
            self.notify("Document memo saved", timeout=2)

        current = get_memo(self.ws.project, "document", self.document_id, viewer=self.ws.viewer)
        self.app.push_screen(MemoEditor("Document memo", current), save)

    def action_close(self) -> None:
        self.dismiss(None)
