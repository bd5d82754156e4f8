"""Finding things in the open transcript: search with "n of m", jumps to a code's passages, and
filters to one speaker's or one code's turns; what is active stays in the pane's bottom border.

The coding screen's keys call these; the state (the last search, where it stopped, what the
filter shows) lives here, so the screen keeps only its panes and their bindings.
"""

from __future__ import annotations

from typing import Protocol

from textual.app import App
from textual.notifications import SeverityLevel

from codebench.tui.modals import Choice, ChoiceList, TextPrompt
from codebench.tui.open_document import OpenDocument
from codebench.tui.panels import CodebookPanel
from codebench.tui.session import Workspace
from codebench.tui.transcript_view import TranscriptView


class FindingHost(Protocol):
    """What finding reads from the coding screen."""

    @property
    def app(self) -> App[object]: ...

    @property
    def ws(self) -> Workspace: ...

    @property
    def document(self) -> OpenDocument: ...

    @property
    def transcript(self) -> TranscriptView: ...

    @property
    def codebook(self) -> CodebookPanel: ...

    def show_view_state(self, text: str) -> None:
        """Show ``text`` (what a filter or search has on) where it outlasts a notification."""


class Finding:
    """The last search, where it stopped ("2 of 4"), and what an active filter shows."""

    def __init__(self, host: FindingHost) -> None:
        self.host = host
        self.search_text = ""
        self.search_place = ""
        self.filter_label = ""  # "speaker Respondent 1", "code 'Tempo'"

    def reset(self) -> None:
        """A new document starts unfiltered, with no search position."""
        self.filter_label = self.search_place = ""
        self._show_state()

    def _notify(self, message: str, timeout: float | None = None, warning: bool = False) -> None:
        severity: SeverityLevel = "warning" if warning else "information"
        self.host.app.notify(message, severity=severity, timeout=timeout)

    # -- search ------------------------------------------------------------------------------

    def ask(self) -> None:
        """Ask what to search for, then find its first match from the cursor."""

        def searched(text: str | None) -> None:
            if text:
                self.search_text = text
                self.search(1)

        self.host.app.push_screen(TextPrompt("Search the transcript", self.search_text), searched)

    def search(self, direction: int) -> None:
        """The next (1) or previous (-1) match of the last search; asks first if none."""
        if not self.search_text:
            self.ask()
            return
        transcript = self.host.transcript
        hit = transcript.find(self.search_text, direction)
        if hit is None:
            self.search_place = ""
            where = " in the turns shown" if self.filter_label else ""
            self._notify(f"'{self.search_text}' not found{where}", 2, warning=True)
        else:
            matches = transcript.matches(self.search_text)
            self.search_place = f"{matches.index(hit) + 1} of {len(matches)}"
            self._notify(f"'{self.search_text}': match {self.search_place}", 2)
        self._show_state()

    # -- a code's passages -------------------------------------------------------------------

    def jump_to_code(self, direction: int) -> None:
        """To the next (1) or previous (-1) passage of the code highlighted in the codebook."""
        code = self.host.codebook.highlighted_code
        if code is None:
            self._notify("Highlight a code in the codebook first", warning=True)
            return
        here = self.host.transcript.selection[0]
        starts = sorted({start for start, _ in self.host.document.spans_of(code)})
        after = [s for s in starts if (s > here if direction > 0 else s < here)]
        if not after:
            self._notify(f"No further passage with '{self.host.ws.code_path(code)}'", 2)
            return
        self.host.transcript.go_to(after[0] if direction > 0 else after[-1])

    # -- filters -----------------------------------------------------------------------------

    def choose_filter(self) -> None:
        """Offer the speakers and codes whose turns alone may be shown."""
        ws, speakers = self.host.ws, self.host.transcript.speakers
        colour = ws.colour_of
        choices = [Choice(f"speaker: {s}", -i - 1) for i, s in enumerate(speakers)]
        choices += [Choice(f"code: {c.path}", c.id, colour(c.id, c.colour)) for c in ws.codes]
        self.host.app.push_screen(
            ChoiceList("Show only turns with", choices, filter_box=True), self._filter
        )

    def _filter(self, value: int | None) -> None:
        """A speaker (negative: its index, from -1) or a code id, with its sub-codes."""
        if value is None:
            return
        self.search_place = ""
        transcript = self.host.transcript
        if value < 0:
            speaker = transcript.speakers[-value - 1]
            transcript.set_filter(lambda turn: turn.speaker == speaker)
            self.filter_label = f"speaker {speaker}"
            self._notify(f"Showing only {speaker}; F shows everything", 3)
        else:
            spans = self.host.document.spans_of(value)  # a group: with its sub-codes
            transcript.set_filter(
                lambda turn: any(s < turn.end and e > turn.speech_start for s, e in spans)
            )
            below = " and its sub-codes" if self.host.ws.has_children(value) else ""
            self.filter_label = f"code '{self.host.ws.code_path(value)}'{below}"
            self._notify(f"Showing turns with {self.filter_label}; F shows everything", 3)
        self._show_state()

    def clear_filter(self) -> None:
        self.host.transcript.set_filter(None)
        if self.filter_label:
            self._notify("Showing every turn", 2)
        self.filter_label = self.search_place = ""
        self._show_state()

    def _show_state(self) -> None:
        parts = []
        if self.filter_label:
            parts.append(f"filter: {self.filter_label} (F: show all)")
        if self.search_place:
            parts.append(f"'{self.search_text}' {self.search_place} (n/N)")
        self.host.show_view_state(" · ".join(parts))
