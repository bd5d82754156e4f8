"""A fuzzy finder that picks one of a list or takes what was typed as a new one.

The code finder (``c``) and the coder switch use it: typing filters the list; when the text
names none of the entries, an entry offers it as a new one ("+ new code 'Tempo'"), after the
entries that hold every typed word and before looser fuzzy matches, so enter on a name the list
lacks creates it instead of doing nothing or taking a code that merely shares its letters.
With an empty list (a new project's codebook) the dialog says so and what typing a name does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from codebench.tui.modals import Choice
from codebench.tui.typed_list import move, refill, show_first


@dataclass(frozen=True)
class Picked:
    """What the finder handed back: an entry of the list (``value``) or a new ``name``."""

    value: int | None = None
    name: str | None = None


class Finder(ModalScreen[Picked | None]):
    """Pick an entry with the arrow keys and enter, after typing to filter; or name a new one."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        *,
        new: str,
        empty: str = "",
        placeholder: str = "type to filter (fuzzy), or a new name",
        swatches: bool = True,
    ) -> None:
        """``new`` names what a typed name becomes ("new code"); ``empty`` is said when there
        is nothing to pick from yet; ``swatches`` puts each entry's colour before it."""
        super().__init__()
        self._swatches = swatches
        self._title = title
        self._choices = list(choices)
        self._new = new
        self._empty = empty
        self._placeholder = placeholder
        self._shown: list[Picked] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog finder-dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Input(placeholder=self._placeholder)
            if not self._choices and self._empty:
                yield Label(self._empty, id="finder-empty")
            options = OptionList(*self._options(""))
            options.can_focus = False
            yield options
            yield Label("↑↓: choose   enter: OK   escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        show_first(self.query_one(OptionList))

    def _options(self, typed: str) -> list[Option]:
        """The entries matching ``typed``: exact first, then those holding every typed word,
        then ``typed`` as a new one (unless an entry has exactly that label), then the looser
        fuzzy matches. So enter takes a real match, and a name no entry resembles is made new
        rather than swapped for a code whose letters merely occur in that order."""
        name = " ".join(typed.split())
        key = name.casefold()
        words = key.split()
        matcher = Matcher(name) if name else None
        scored = []
        for index, choice in enumerate(self._choices):
            haystack = f"{choice.label} {choice.detail}"
            exact = choice.label.casefold() == key
            score = matcher.match(haystack) if matcher else 1.0
            if exact or score > 0:
                close = all(word in haystack.casefold() for word in words)
                scored.append((0 if exact else 1 if close else 3, -score, index))
        if name and all(choice.label.casefold() != key for choice in self._choices):
            scored.append((2, 0.0, -1))
        scored.sort()
        self._shown = []
        options = []
        for *_, index in scored:
            if index < 0:
                self._shown.append(Picked(name=name))
                options.append(Option(Text(f"+ {self._new} '{name}'", style="bold")))
                continue
            choice = self._choices[index]
            self._shown.append(Picked(value=choice.value))
            prompt = Text.styled("■ ", choice.colour or "default") if self._swatches else Text()
            prompt.append(choice.label)
            if choice.detail:
                prompt.append(f"  {choice.detail}", style="dim")
            options.append(Option(prompt))
        return options

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        refill(self.query_one(OptionList), self._options(event.value))

    def action_move(self, step: int) -> None:
        move(self.query_one(OptionList), step)

    @on(Input.Submitted)
    def _take_highlighted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self._shown[highlighted])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
