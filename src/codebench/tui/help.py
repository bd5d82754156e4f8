"""The help screen: every key of the screen in use, the transcript, the coding screen and the
app, by section, then what the marks on screen mean.

One scrolling page that has the focus as soon as it opens, so the arrows, page up/down, home
and end scroll it at once; the sections and the legend wrap to the width there is.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

LEGEND: tuple[tuple[str, str], ...] = (
    (
        "tinted text",
        "coded: the background takes the tint of a code on it (each code has its own "
        "colour, shown by ■ beside its name); where codes overlap, your newest coding tints "
        "the text and the margin names them all",
    ),
    ("underlined text", "viewing all coders: another coder's coding lies here"),
    ("bold text", "a passage starred as exemplar (s): the quote the reports prefer"),
    (
        "margin stripes",
        "right of the text: one lane per coding, a stripe in the code's colour, named on the "
        "coding's first line by the code's short name (DGG) and, viewing all coders, the "
        "coder's mark (¹ ²: the header says whose); +n counts codings beyond the last lane",
    ),
    (
        "codes here",
        "under the transcript: every coding under the cursor, with its code, coder, ★ and ✎",
    ),
    (
        "R1, I",
        "short speaker labels when the gutter is narrow; the status line names the speaker",
    ),
    (
        "view (header)",
        "whose codings show: mine, all coders, one coder, the consensus (v switches)",
    ),
    (
        "italic underlined, ╎?",
        "a code suggested from your own codings, not a coding yet: its text takes no tint, its "
        "grey stripe is dashed (g shows them; y accepts, X rejects, G goes to the next); the "
        "line under the transcript names it and its confidence",
    ),
    ("▌ in the gutter", "the line holds the cursor sentence"),
    ("highlight", "the selection: what c, x, i, m and s act on"),
    ("★", "an exemplar (in the status line, the list of codes at the cursor, reports)"),
    ("✎", "the coding has a memo (m writes one)"),
    ("■", "a code's colour, wherever codes are listed"),
    ("⚠", "agreement: too few positive units for the figure to mean much"),
)


def key_rows(app_bindings: list[tuple[str, list[BindingType]]]) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding that has a description, once (a screen
    and its panel may both bind escape to "Back")."""
    rows = []
    for section, bindings in app_bindings:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = binding.key_display or ", ".join(key_name(k) for k in binding.key.split(","))
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


def key_name(key: str) -> str:
    """A key as the help and the palette show it ("full_stop" as ".")."""
    key = key.strip()
    return _NAMES.get(key, key)


def help_page(rows: list[tuple[str, str, str]]) -> Group:
    """The keys by section (a heading each), then the legend, wrapped to the width there is."""
    parts: list[Table | Text] = []
    section = None
    table = _table()
    for where, keys, what in rows:
        if where != section:
            if section is not None:
                parts += [table, Text("")]
                table = _table()
            parts.append(Text(where, style="bold underline"))
            section = where
        table.add_row(Text(keys, style="bold"), what)
    if section is not None:
        parts += [table, Text("")]
    parts.append(Text("What the marks mean", style="bold underline"))
    legend = _table()
    for mark, meaning in LEGEND:
        legend.add_row(Text(mark, style="bold"), meaning)
    parts.append(legend)
    return Group(*parts)


def _table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=16, no_wrap=True, overflow="ellipsis")
    table.add_column(ratio=1)
    table.add_row()  # a blank line under the heading and before the next one
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows
        """(section, keys, what it does) as listed."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Static(
                "codebench keys   ↑↓ pgup pgdn home end: scroll   escape: close   "
                "ctrl+p: find any action by name",
                classes="dialog-title",
            )
            with VerticalScroll(id="help-page"):
                yield Static(help_page(self.rows))

    def on_mount(self) -> None:
        self.query_one("#help-page", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
