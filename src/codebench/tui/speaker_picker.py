"""The dialog that gives the turn under the cursor a speaker: one the document already has, or a
new one typed by name.

Speakers are detected at import, and a transcript without labels has none at all, so the coder
fixes them while reading. Typing filters the document's speakers; when the text names none of
them, a last entry offers it as a new speaker (with the role it will get). By default the
unlabelled turns after the cursor turn get the speaker too (one key press labels a stretch of
speech); ctrl+t, or the checkbox, limits it to this turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from codebench.services.documents.overview import TurnView
from codebench.services.documents.speakers import SpeakerRow, speaker_role
from codebench.tui.typed_list import move, refill, show_first


@dataclass(frozen=True)
class SpeakerPick:
    """The speaker chosen (an existing label or a new name), and whether the unlabelled turns
    after the cursor turn get it too."""

    label: str
    following: bool


def unlabelled_after(turns: Sequence[TurnView], turn: TurnView) -> int:
    """How many turns after ``turn`` have no speaker, up to the next one that has."""
    index = next(i for i, t in enumerate(turns) if t is turn)
    return sum(1 for _ in takewhile(lambda t: t.speaker is None, turns[index + 1 :]))


class SpeakerPicker(ModalScreen[SpeakerPick | None]):
    """Pick or name the speaker of the cursor turn; enter applies, escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next speaker", show=False),
        Binding("up", "move(-1)", "Previous speaker", show=False),
        Binding("ctrl+t", "toggle_following", "This turn only", show=False),
    ]

    def __init__(self, speakers: list[SpeakerRow], current: str | None, following: int) -> None:
        """``current`` is the turn's speaker now; ``following`` counts the unlabelled turns
        after it (the checkbox is only shown when there are some)."""
        super().__init__()
        self._speakers = speakers
        self._current = current
        self._following = following
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog finder-dialog"):
            now = f"'{self._current}'" if self._current else "nobody"
            yield Label(f"Speaker of this turn (now {now})", classes="dialog-title")
            yield Input(placeholder="type to filter, or a new speaker's name")
            options = OptionList(*self._options(""))
            options.can_focus = False
            yield options
            if self._following:
                count = "" if self._following == 1 else f"{self._following} "
                plural = "" if self._following == 1 else "s"
                yield Checkbox(f"also the {count}unlabelled turn{plural} after it", value=True)
            only = "ctrl+t: this turn only   " if self._following else ""
            yield Label(f"↑↓: choose   enter: apply   {only}escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        show_first(self.query_one(OptionList))

    def _options(self, typed: str) -> list[Option]:
        """The speakers matching ``typed`` (an exact name first), then ``typed`` as a new one."""
        name = " ".join(typed.split())
        key = name.casefold()
        matcher = Matcher(name) if name else None
        scored = []
        for index, row in enumerate(self._speakers):
            exact = row.label.casefold() == key
            score = matcher.match(row.label) if matcher else 1.0
            if exact or score > 0:
                scored.append((not exact, -score, index))
        scored.sort()
        matches = [self._speakers[index] for *_, index in scored]
        self._shown = [row.label for row in matches]
        options = []
        for row in matches:
            prompt = Text(row.label, style="bold")
            turns = "1 turn" if row.turns == 1 else f"{row.turns} turns"
            prompt.append(f"  {row.role}, {turns}", style="dim")
            options.append(Option(prompt))
        if name and all(row.label.casefold() != key for row in matches):
            self._shown.append(name)
            prompt = Text(f"+ new speaker '{name}'")
            prompt.append(f"  {speaker_role(name)}", style="dim")
            options.append(Option(prompt))
        return options

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        refill(self.query_one(OptionList), self._options(event.value))

    def action_move(self, step: int) -> None:
        move(self.query_one(OptionList), step)

    def action_toggle_following(self) -> None:
        for box in self.query(Checkbox):
            box.toggle()

    @on(Input.Submitted)
    def _apply_highlighted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self._apply(highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._apply(event.option_index)

    def _apply(self, index: int) -> None:
        following = all(box.value for box in self.query(Checkbox))
        self.dismiss(SpeakerPick(self._shown[index], following))

    def action_cancel(self) -> None:
        self.dismiss(None)
