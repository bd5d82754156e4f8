"""The coding screen's look kept in step: code colours away from the theme's cursor, short
names, and the coder view (mine, all coders, one coder, the consensus) with its coder marks.

The transcript, the codes-here panel, the header and the codebook's swatches all draw from one
:class:`~codebench.tui.code_styles.ViewLook`, rebuilt when the codebook, the theme, the coder or
the view changes. Switching the view asks the service for that view's codings
(:meth:`~codebench.tui.open_document.OpenDocument.show`), which refuses a blind coder anyone
else's; a blind coder is told so and keeps their own codings.
"""

from __future__ import annotations

from typing import Protocol

from textual.app import App
from textual.color import Color, ColorParseError

from codebench.errors import CodebenchError
from codebench.services.coders import CONSENSUS as CONSENSUS_CODER
from codebench.tui.code_styles import Reserved, ViewLook, coder_marks
from codebench.tui.coder_view import ALL, CODER, CONSENSUS, MINE, CoderView
from codebench.tui.modals import Choice, ChoiceList
from codebench.tui.open_document import OpenDocument
from codebench.tui.session import Workspace
from codebench.tui.transcript_view import TranscriptView


class LookHost(Protocol):
    """What the look reads from the coding screen and repaints on it."""

    @property
    def app(self) -> App[object]: ...

    @property
    def ws(self) -> Workspace: ...

    @property
    def document(self) -> OpenDocument: ...

    @property
    def transcript(self) -> TranscriptView: ...

    def reload_codings(self) -> None: ...

    def refresh_codebook(self) -> None: ...


CURSOR_SHADES = (0.25, 0.45)
SELECTION_SHADES = (0.30, 0.50)
"""How much primary (cursor) and accent (selection) the transcript's backgrounds take, unfocused
and focused (TranscriptView's DEFAULT_CSS)."""


def theme_colours(app: App[object]) -> Reserved:
    """What codes keep away from in the theme: its primary (the cursor) and accent (the
    selection), and the cursor's and selection's backgrounds as the transcript draws them."""
    variables = app.theme_variables
    try:
        surface = Color.parse(variables["surface"])
        primary = Color.parse(variables["primary"])
        accent = Color.parse(variables["accent"])
    except (KeyError, ColorParseError):
        return Reserved(dark=app.current_theme.dark)
    marks = [surface.blend(primary, share) for share in CURSOR_SHADES]
    marks += [surface.blend(accent, share) for share in SELECTION_SHADES]
    return Reserved(
        (primary.hex, accent.hex), tuple(m.hex for m in marks), dark=app.current_theme.dark
    )


class Looks:
    """The screen's current look, and the view switch."""

    def __init__(self, host: LookHost) -> None:
        self.host = host
        self.look = ViewLook(host.ws.styles, host.ws.coder)
        self._key: tuple[object, ...] = ()

    def mount(self) -> None:
        app = self.host.app
        self.host.ws.restyle(theme_colours(app))
        app.theme_changed_signal.subscribe(self.host.transcript, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        self.host.ws.restyle(theme_colours(self.host.app))
        self.host.refresh_codebook()  # the swatches in the tree
        self.sync()

    def sync(self) -> ViewLook:
        """The look for the codebook, coder and view now; the transcript redrawn if it changed."""
        ws, view = self.host.ws, self.host.document.view
        key = (ws.styles, ws.coder, ws.blind, view)
        if key != self._key:
            marks = coder_marks(ws.coder_names()) if view.several and not ws.blind else None
            self.look = ViewLook(ws.styles, ws.coder, marks)
            self.host.transcript.set_look(self.look)
            self._key = key
        return self.look

    def legend(self) -> list[tuple[str, str]]:
        """(mark, coder) for each coder whose codings the open document shows, when marked."""
        marks = self.look.marks
        if not marks:
            return []
        present = {c.coder for c in self.host.document.codings}
        return [(mark, coder) for coder, mark in marks.items() if coder in present]

    # -- the view switch ---------------------------------------------------------------------

    def choose(self) -> None:
        """Ask whose codings to show."""
        ws = self.host.ws
        app = self.host.app
        if ws.blind:
            app.notify(
                f"Coding blind as {ws.coder}: only your own codings are shown",
                severity="warning",
                timeout=3,
            )
            return
        coders = ws.coder_names()
        views = [CoderView(MINE), CoderView(ALL)]
        views += [CoderView(CODER, c) for c in coders if c not in (ws.coder, CONSENSUS_CODER)]
        views.append(CoderView(CONSENSUS, CONSENSUS_CODER))
        current = self.host.document.view
        choices = []
        for index, view in enumerate(views):
            detail = "(now)" if view == current else ""
            if view.kind == CONSENSUS and CONSENSUS_CODER not in coders:
                detail = "(none yet: settle disagreements with a)"
            choices.append(Choice(view.label(ws.coder), index, detail=detail))
        app.push_screen(
            ChoiceList("Show the codings of", choices),
            lambda index: None if index is None else self.show(views[index]),
        )

    def show(self, view: CoderView) -> None:
        """Show ``view``'s codings; a refusal (blind) is a notification, nothing changes."""
        try:
            self.host.document.show(view)
        except CodebenchError as exc:
            self.host.app.notify(str(exc), severity="error", title="Not shown")
            return
        self.host.reload_codings()
        shown = view.label(self.host.ws.coder)
        self.host.app.notify(f"Showing the codings of: {shown}", timeout=2)
