"""The codebench Textual app: opens a project for one coder and shows the coding screen.

Everything the app does goes through services; the command palette (ctrl+p) lists every
action of the focused screen by the same descriptions the footer and the help screen use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from codebench.services.project import Project
from codebench.settings import load_settings, save_settings
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.help import HelpScreen, key_rows
from codebench.tui.modals import TextPrompt
from codebench.tui.session import Workspace
from codebench.tui.transcript_view import TranscriptView


class CodebenchApp(App[None]):
    CSS_PATH = Path(__file__).with_name("codebench.tcss")
    TITLE = "codebench"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, project: Project, coder: str | None, blind: bool = False) -> None:
        """``coder`` None asks who is coding first (and remembers the answer)."""
        super().__init__()
        self.workspace = Workspace(project, coder or "", blind)
        settings = load_settings()
        if settings.theme:
            self.theme = settings.theme

    def on_mount(self) -> None:
        if self.workspace.coder:
            self._start()
        else:
            self.push_screen(TextPrompt("Who is coding? (your name as coder)"), self._coder_named)

    def _coder_named(self, name: str | None) -> None:
        if not name or not name.strip():
            self.exit(message="No coder named; nothing opened.")
            return
        self.workspace.coder = name.strip()
        settings = load_settings()
        settings.coder = self.workspace.coder
        save_settings(settings)
        self._start()

    def _start(self) -> None:
        ws = self.workspace
        self.sub_title = (
            f"{ws.project.display_location} — {ws.coder}{' (blind)' if ws.blind else ''}"
        )
        self.push_screen(CodingScreen(ws))

    def watch_theme(self, theme: str) -> None:
        settings = load_settings()
        if settings.theme != theme and self.is_running:
            settings.theme = theme
            save_settings(settings)

    def action_help(self) -> None:
        sections = []
        screen = self.screen
        if not isinstance(screen, CodingScreen):
            # The screen in use first (reports, agreement review, codebook editor ...), with the
            # keys of the panels it is composed of where it lists them in HELP_BINDINGS.
            name = re.sub(r"(?<!^)(?=[A-Z])", " ", type(screen).__name__.removesuffix("Screen"))
            sections.append((name, list(getattr(screen, "HELP_BINDINGS", screen.BINDINGS))))
        sections += [
            ("Transcript", list(TranscriptView.BINDINGS)),
            ("Coding", list(CodingScreen.BINDINGS)),
            ("App", list(self.BINDINGS)),
        ]
        self.push_screen(HelpScreen(key_rows(sections)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, CodingScreen):
            for binding in CodingScreen.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    yield SystemCommand(
                        binding.description,
                        f"{binding.description} (key: {binding.key.split(',')[0]})",
                        lambda action=binding.action: screen.run_action(action),
                    )
