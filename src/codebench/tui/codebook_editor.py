"""The codebook editor: the tree on the left, the highlighted code's definition on the right.

Phases 3 to 5 of a thematic analysis happen here: grouping codes into themes (add, move,
merge), naming and defining them (rename, definition, inclusion, exclusion, example), and
marking how far a theme has got (candidate, reviewed, defined).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, TextArea

from codebench.errors import CodebenchError
from codebench.services.codebook.details import code_details
from codebench.services.codebook.edits import (
    add_code,
    delete_code,
    merge_codes,
    move_code,
    rename_code,
    update_code,
)
from codebench.tui.modals import Choice, ChoiceList, TextPrompt
from codebench.tui.panels import CodebookPanel
from codebench.tui.session import Workspace

TEXT_FIELDS = ("description", "inclusion", "exclusion", "example")
LINE_FIELDS = ("name_en", "colour", "shortcut")
STATUS_OPTIONS = [("candidate", "candidate"), ("reviewed", "reviewed"), ("defined", "defined")]


class CodebookEditor(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("ctrl+s", "save", "Save definition"),
        Binding("a", "add", "Add code"),
        Binding("A", "add_top", "Add group", show=False),
        Binding("R", "rename", "Rename"),
        Binding("v", "move", "Move"),
        Binding("g", "merge", "Merge into"),
        Binding("delete", "delete", "Delete"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
        self.code_id: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="editor-panes"):
            yield CodebookPanel(id="editor-tree")
            with VerticalScroll(id="editor-form"):
                yield Label("", id="editor-path", classes="dialog-title")
                for name, label in (
                    ("name_en", "English name"),
                    ("colour", "Colour #rrggbb"),
                    ("shortcut", "Shortcut key"),
                ):
                    yield Label(label)
                    yield Input(id=f"field-{name}")
                yield Label("Status")
                yield Select(STATUS_OPTIONS, id="field-status", allow_blank=True)
                for name in TEXT_FIELDS:
                    yield Label(name.capitalize())
                    yield TextArea(id=f"field-{name}", soft_wrap=True, classes="field-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#editor-tree").border_title = "Codebook (editor)"
        self._reload()
        self.query_one(CodebookPanel).code_tree.focus()

    def _reload(self, keep: int | None = None) -> None:
        self.ws.reload_codes()
        self.query_one(CodebookPanel).show(self.ws.codes, keep or self.code_id)

    @on(CodebookPanel.CodeHighlighted)
    def _highlighted(self, event: CodebookPanel.CodeHighlighted) -> None:
        self.code_id = event.code_id
        try:
            details = code_details(self.ws.project, event.code_id, viewer=self.ws.viewer)
        except CodebenchError:
            return
        self.query_one(CodebookPanel).show_details(details)
        self.query_one("#editor-path", Label).update(details.path)
        for name in LINE_FIELDS:
            self.query_one(f"#field-{name}", Input).value = getattr(details, name) or ""
        for name in TEXT_FIELDS:
            self.query_one(f"#field-{name}", TextArea).text = getattr(details, name) or ""
        status = self.query_one("#field-status", Select)
        status.value = details.status if details.status else Select.NULL

    def _run(self, action: Any, message: str, keep: int | None = None) -> None:
        try:
            action()
        except CodebenchError as exc:
            self.notify(str(exc), severity="error", title="Not done")
            return
        self._reload(keep)
        self.notify(message, timeout=2)

    def _path(self) -> str:
        if self.code_id is None:
            raise CodebenchError("highlight a code first")
        return self.ws.code_path(self.code_id)

    def action_save(self) -> None:
        if self.code_id is None:
            return
        code_id = self.code_id
        changes: dict[str, object] = {
            name: self.query_one(f"#field-{name}", Input).value.strip() for name in LINE_FIELDS
        }
        for name in TEXT_FIELDS:
            changes[name] = self.query_one(f"#field-{name}", TextArea).text.strip()
        status = self.query_one("#field-status", Select).value
        changes["status"] = status if isinstance(status, str) else None
        self._run(
            lambda: update_code(self.ws.project, code_id, changes, self.ws.coder),
            "Definition saved",
            keep=code_id,
        )

    def action_add(self, top: bool = False) -> None:
        parent = None if top or self.code_id is None else self._path()
        where = f"under '{parent}'" if parent else "at the top level"

        def create(name: str | None) -> None:
            if name:
                self._run(
                    lambda: add_code(self.ws.project, name, parent, self.ws.coder),
                    f"Added '{name}'",
                )

        prompt = TextPrompt(
            f"New code {where}", placeholder="a name, or a path from the top: Group > Code"
        )
        self.app.push_screen(prompt, create)

    def action_add_top(self) -> None:
        self.action_add(top=True)

    def action_rename(self) -> None:
        if self.code_id is None:
            return
        path = self._path()

        def rename(name: str | None) -> None:
            if name:
                self._run(
                    lambda: rename_code(self.ws.project, path, name, self.ws.coder),
                    f"Renamed to '{name}'",
                )

        current = path.rsplit(" > ", 1)[-1]
        self.app.push_screen(TextPrompt(f"Rename '{path}'", current), rename)

    def _other_codes(self) -> list[Choice]:
        return [
            Choice(c.path, c.id, self.ws.colour_of(c.id, c.colour))
            for c in self.ws.codes
            if c.id != self.code_id
        ]

    def action_move(self) -> None:
        if self.code_id is None:
            return
        path = self._path()
        choices = [Choice("(top level)", 0), *self._other_codes()]

        def move(target: int | None) -> None:
            if target is None:
                return
            parent = None if target == 0 else self.ws.code_path(target)
            self._run(
                lambda: move_code(self.ws.project, path, parent, self.ws.coder), f"Moved '{path}'"
            )

        self.app.push_screen(ChoiceList(f"Move '{path}' under", choices, filter_box=True), move)

    def action_merge(self) -> None:
        if self.code_id is None:
            return
        path = self._path()

        def merge(target: int | None) -> None:
            if target is None:
                return
            into = self.ws.code_path(target)
            self._run(
                lambda: merge_codes(
                    self.ws.project, path, into, self.ws.coder, viewer=self.ws.viewer
                ),
                f"Merged '{path}' into '{into}'",
                keep=target,
            )

        title = f"Merge '{path}' (and its codings) into"
        self.app.push_screen(ChoiceList(title, self._other_codes(), filter_box=True), merge)

    def action_delete(self) -> None:
        if self.code_id is None:
            return
        path = self._path()

        def delete(answer: str | None) -> None:
            if answer is not None and answer.strip().lower() in ("y", "yes", "ja", "j"):
                self._run(
                    lambda: delete_code(
                        self.ws.project, path, actor=self.ws.coder, viewer=self.ws.viewer
                    ),
                    f"Deleted '{path}'",
                )

        prompt = TextPrompt(f"Delete '{path}'? (codes with codings must be merged instead) y/n")
        self.app.push_screen(prompt, delete)

    def action_close(self) -> None:
        self.dismiss(None)
