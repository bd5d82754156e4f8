"""Small dialogs the coding screen opens: a text prompt, a memo editor, a fuzzy code finder, a
choice list. Each returns its answer through ``dismiss`` (None when cancelled with escape)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option


class TextPrompt(ModalScreen[str | None]):
    """One line of text: a new code's name, a coder's name, a search."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title, self._value, self._placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Input(value=self._value, placeholder=self._placeholder)
            yield Label("enter: OK   escape: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MemoEditor(ModalScreen[str | None]):
    """A memo of several lines; ctrl+s saves (an empty memo removes it)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save memo"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self._title, self._text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog memo-dialog"):
            yield Label(self._title, classes="dialog-title")
            yield TextArea(self._text, soft_wrap=True, id="memo-text")
            yield Label("ctrl+s: save   escape: cancel", classes="dialog-hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Choice:
    """One thing to pick: what the list shows, and the value handed back."""

    label: str
    value: int
    colour: str | None = None
    detail: str = ""


class ChoiceList(ModalScreen[int | None]):
    """Pick one of a few things, with the arrow keys and enter, or by typing to filter."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[Choice], filter_box: bool = False) -> None:
        super().__init__()
        self._title = title
        self._choices = choices
        self._filter_box = filter_box

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog finder-dialog"):
            yield Label(self._title, classes="dialog-title")
            if self._filter_box:
                yield Input(placeholder="type to filter (fuzzy)")
            yield OptionList(*self._options(""))
            yield Label("↑↓: choose   enter: OK   escape: cancel", classes="dialog-hint")

    def _options(self, query: str) -> list[Option]:
        matcher = Matcher(query) if query else None
        scored = []
        for index, choice in enumerate(self._choices):
            haystack = f"{choice.label} {choice.detail}"
            score = matcher.match(haystack) if matcher else 1.0
            if score > 0:
                scored.append((-score, index, choice))
        scored.sort()
        options = []
        for _, _, choice in scored:
            prompt = Text.styled("■ ", choice.colour or "default")
            prompt.append(choice.label)
            if choice.detail:
                prompt.append(f"  {choice.detail}", style="dim")
            options.append(Option(prompt, id=str(choice.value)))
        return options

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted)
    def _take_first(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            self._choose(options.get_option_at_index(options.highlighted or 0).id)

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if self._filter_box and key in ("down", "up"):
            options = self.query_one(OptionList)
            if key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        self.dismiss(int(option_id) if option_id is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question whose safe answer is the default: enter and escape say no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape,enter", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm-dialog"):
            yield Label(self._question, classes="dialog-title")
            yield Label(f"y: {self._yes}   n, enter or escape: {self._no}", classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
