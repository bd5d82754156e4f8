"""The help screen: every key of the coding screen, the transcript and the app, by section."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


def key_rows(app_bindings: list[tuple[str, list[BindingType]]]) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding that has a description, once (a screen
    and its panel may both bind escape to "Back")."""
    rows = []
    for section, bindings in app_bindings:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = ", ".join(_key_name(k) for k in binding.key.split(","))
            if (section, keys, binding.description) not in rows:
                rows.append((section, keys, binding.description))
    return rows


_NAMES = {
    "full_stop": ".",
    "slash": "/",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "number_sign": "#",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def _key_name(key: str) -> str:
    key = key.strip()
    return _NAMES.get(key, key)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Label(
                "codebench keys  (escape closes; ctrl+p finds any action by name)",
                classes="dialog-title",
            )
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Where", "Keys", "What it does")
            for row in self._rows:
                table.add_row(*row)
            yield table

    def action_close(self) -> None:
        self.dismiss(None)
