"""The command palette (every action once, documents, coders, reports, exports) and the help
screen (scrolls at once, with a legend of the marks)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from textual.app import SystemCommand
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static

from codebench.services.project import Project
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.help import HelpScreen
from codebench.tui.modals import TextPrompt
from codebench.tui.reports_screen import ReportsScreen
from helpers.pilots import drive, settle


def commands(app: CodebenchApp) -> dict[str, SystemCommand]:
    found = list(app.get_system_commands(app.screen))
    titles = [command.title for command in found]
    assert len(titles) == len(set(titles)), "a command listed twice"
    return {command.title: command for command in found}


async def run(pilot: Pilot[Any], command: SystemCommand) -> None:
    result = command.callback()
    if isinstance(result, Awaitable):
        await result
    await settle(pilot)


def test_the_palette_lists_each_action_once_with_its_key_and_finds_documents_coders_reports_and_exports(  # noqa: E501
    tui_project: Project,
) -> None:
    seen: dict[str, dict[str, SystemCommand]] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        seen["coding"] = commands(app)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    found = seen["coding"]
    for action in ("Code", "Uncode", "Undo", "Reports", "Agreement", "Retrieve", "Help"):
        assert action in found
    assert found["Agreement"].help == "key a" and found["Undo"].help == "key u"
    assert "Keys" not in found  # Textual's key panel: the help (?) says more
    assert {"Open interview_01", "Open interview_02", "Open interview_03"} <= set(found)
    assert "Code as coder2" in found and "Code as coder1" not in found
    assert {"Report: Theme frequencies", "Report: Exemplar quotes"} <= set(found)
    assert {"Export reports as .xlsx", "Export reports as .docx"} <= set(found)
    for command in found.values():  # never "Agreement (key: a)" under "Agreement"
        assert not command.help.startswith(command.title + " (")


def test_palette_commands_open_a_document_a_report_an_export_and_switch_coder(
    tui_project: Project,
) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        await run(pilot, commands(app)["Report: Exemplar quotes"])
        assert isinstance(app.screen, ReportsScreen)
        seen["report"] = app.screen.table_name
        await run(pilot, commands(app)["Open interview_02"])  # from the reports screen
        assert isinstance(app.screen, CodingScreen)
        seen["document"] = app.screen.document.name
        await run(pilot, commands(app)["Code as coder2"])
        seen["coder"] = app.workspace.coder
        await run(pilot, commands(app)["Export reports as .docx"])
        seen["prompt"] = app.screen
        seen["under"] = app.screen_stack[-2]

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert seen["report"] == "quotes"
    assert seen["document"] == "interview_02"
    assert seen["coder"] == "coder2"
    assert isinstance(seen["prompt"], TextPrompt)
    assert isinstance(seen["under"], ReportsScreen)


def test_the_palette_itself_finds_a_document_by_name(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open interview_03")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        seen["document"] = screen.document.name

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert seen["document"] == "interview_03"


def test_the_agreement_overview_offers_pairs_of_coders_to_compare(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("a")
        await settle(pilot)
        seen["titles"] = [t for t in commands(app) if t.startswith("Compare")]
        seen["review"] = "Review all" in commands(app)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert seen["review"]
    assert "Compare coder1 with coder2" not in seen["titles"]  # the pair shown now


def test_help_scrolls_with_the_keys_at_once_and_explains_the_marks(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        page = app.screen.query_one("#help-page", VerticalScroll)
        seen["focused"] = app.screen.focused is page
        seen["top"] = page.scroll_y
        await pilot.press("down")
        await pilot.pause()
        seen["down"] = page.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        seen["pagedown"] = page.scroll_y
        await pilot.press("end")
        await pilot.pause()
        seen["end"], seen["max"] = page.scroll_y, page.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        seen["home"] = page.scroll_y
        static = app.screen.query_one("#help-page Static", Static)
        lines = static.render_lines(static.size.region)
        seen["page"] = "\n".join(strip.text for strip in lines)

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(80, 24))
    assert seen["focused"]
    assert seen["top"] == 0 < seen["down"] < seen["pagedown"] < seen["end"] == seen["max"]
    assert seen["home"] == 0
    page = seen["page"]
    for mark in ("What the marks mean", "tinted text", "bold text", "margin", "★", "✎"):
        assert mark in page
