"""What the command palette finds besides the keys of the screen in use: documents to open,
coders to code as or to compare, report tables and report exports.

Each entry goes where a key would: a document opens in the coding screen (the screens above it
close), a report table opens in the reports screen, an export asks for a file name there, a
coder is switched to by the coding screen's own switch, and a pair of coders is compared by the
agreement overview. Names come from services (the documents, the coders); nothing is computed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import SystemCommand
from textual.screen import Screen

from codebench.errors import CodebenchError
from codebench.reports.registry import KINDS
from codebench.services.viewer import coders_to_switch_to
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.pseudonymise_review import review_command

if TYPE_CHECKING:
    from codebench.tui.app import CodebenchApp
    from codebench.tui.reports_screen import ReportsScreen

TABLES = tuple((kind.name, kind.label) for kind in sorted(KINDS, key=lambda k: k.menu_position))

EXPORTS = (
    (".xlsx", "Excel workbook, a sheet per table"),
    (".docx", "Word report: tables, quotes and the theme chart"),
    (".md", "Markdown, the tables one after another"),
    (".csv", "CSV, a file per table"),
)


@runtime_checkable
class ComparesCoders(Protocol):
    """A screen that compares coders (the agreement overview) offers its pairs by name."""

    def pairs(self) -> list[tuple[str, str]]: ...

    def compare(self, coders: tuple[str, ...]) -> None: ...


def destinations(app: CodebenchApp, screen: Screen[object]) -> list[SystemCommand]:
    coding = _coding_screen(app)
    if coding is None:  # still asking who is coding
        return []
    commands = _documents(app, coding)
    commands += _coders(app, coding, screen)
    commands += _reports(app)
    commands += _exports(app)
    commands += review_command(app)
    return commands


def _coding_screen(app: CodebenchApp) -> CodingScreen | None:
    return next((s for s in app.screen_stack if isinstance(s, CodingScreen)), None)


def _back_to_coding(app: CodebenchApp) -> CodingScreen | None:
    """Close the screens above the coding screen (as escape would) and return it."""
    coding = _coding_screen(app)
    if coding is None:
        return None
    while app.screen is not coding:
        app.pop_screen()
    return coding


def _documents(app: CodebenchApp, coding: CodingScreen) -> list[SystemCommand]:
    try:
        names = app.workspace.document_names()
    except CodebenchError:
        return []

    def open_document(document_id: int) -> None:
        screen = _back_to_coding(app)
        if screen is not None:
            screen.open_document(document_id)
            screen.transcript.focus()

    here = coding.document_id
    return [
        SystemCommand(
            f"Open {name}",
            "document (open now)" if document_id == here else "document",
            partial(open_document, document_id),
        )
        for document_id, name in names
    ]


def _coders(app: CodebenchApp, coding: CodingScreen, screen: Screen[object]) -> list[SystemCommand]:
    """Pairs to compare on a screen that compares coders; else the coders to code as."""
    if isinstance(screen, ComparesCoders):
        return [
            SystemCommand(
                f"Compare {first} with {second}", "coders", partial(screen.compare, (first, second))
            )
            for first, second in screen.pairs()
        ]
    ws = app.workspace
    try:
        names = coders_to_switch_to(ws.project, ws.viewer)
    except CodebenchError:
        return []

    def code_as(name: str) -> None:
        screen = _back_to_coding(app)
        if screen is not None:
            screen.switch_coder(name)

    return [
        SystemCommand(f"Code as {name}", "coder: switch to them", partial(code_as, name))
        for name in names
        if name != ws.coder
    ]


def _reports_screen(app: CodebenchApp) -> ReportsScreen | None:
    """The reports screen, opened from the coding screen if it is not on top."""
    from codebench.tui.reports_screen import ReportsScreen

    if isinstance(app.screen, ReportsScreen):
        return app.screen
    coding = _back_to_coding(app)
    if coding is None:
        return None
    coding.action_reports()
    return app.screen if isinstance(app.screen, ReportsScreen) else None


def _reports(app: CodebenchApp) -> list[SystemCommand]:
    def show(name: str) -> None:
        screen = _reports_screen(app)
        if screen is not None:
            screen.show_table(name)

    return [
        SystemCommand(f"Report: {label}", "report table", partial(show, name))
        for name, label in TABLES
    ]


def _exports(app: CodebenchApp) -> list[SystemCommand]:
    def export(suffix: str) -> None:
        screen = _reports_screen(app)
        if screen is not None:
            screen.action_export(suffix)

    return [
        SystemCommand(f"Export reports as {suffix}", f"export: {what}", partial(export, suffix))
        for suffix, what in EXPORTS
    ]
