"""The codebench Textual app: opens a project for one coder and shows the coding screen.

Everything the app does goes through services. The command palette (ctrl+p) lists, once each:
every action of the screen in use (by the descriptions the footer and the help use, with the
key beside it), the documents (opened in the coding screen), the coders to code as (where the
coding screen offers a switch) or to compare (on the agreement overview), the report tables,
and report exports by format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from codebench.services.project import Project
from codebench.settings import load_settings, save_settings
from codebench.tui import palette
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.help import HelpScreen, key_name, key_rows
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
    # Below 100 columns the coding screen folds both side panes, below 140 the documents pane.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]

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
        self.sub_title = ws.session_title
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

    # -- the command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        commands = [c for c in super().get_system_commands(screen) if c.title != "Keys"]
        commands.append(
            SystemCommand("Help", "key ?  ·  every key, and what the marks mean", self.action_help)
        )
        commands += self._screen_commands(screen)
        commands += palette.destinations(self, screen)
        seen: set[str] = set()
        for command in commands:
            if command.title.casefold() not in seen:
                seen.add(command.title.casefold())
                yield command

    def _screen_commands(self, screen: Screen[object]) -> list[SystemCommand]:
        """The actions of the screen in use and its panels (not Textual's own widgets' keys,
        nor the app's), by description, with the key that does the same."""
        commands = []
        for active in screen.active_bindings.values():
            node, binding = active.node, active.binding
            if (
                not binding.description
                or not active.enabled
                or node is self
                or binding.action not in _own_actions(type(node))
            ):
                continue
            keys = binding.key_display or key_name(binding.key.split(",")[0])
            commands.append(
                SystemCommand(
                    binding.description,
                    f"key {keys}",
                    partial(self.run_action, binding.action, node),
                )
            )
        return commands


def _own_actions(cls: type) -> set[str]:
    """The actions codebench's own classes bind (not those of Textual's base classes, such
    as a screen's copy key)."""
    actions: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("codebench."):
            for binding in klass.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    actions.add(binding.action)
    return actions
