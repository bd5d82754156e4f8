"""The reports screen: tables with filters, the theme bars, a jump from a quote, export; counts
that are never cut, a quote in full for the highlighted row, no export that replaces a file
without asking, and whose codings the tables count (never a silent sum of coders)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from codebench.services.project import Project
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.modals import Confirm, TextPrompt
from codebench.tui.reports_screen import ReportsScreen
from codebench.tui.transcript_view import TranscriptView

Scenario = Callable[[CodebenchApp, Pilot[None]], Awaitable[None]]
SIZES = [(80, 24), (160, 50)]


def drive(app: CodebenchApp, scenario: Scenario, size: tuple[int, int] = (140, 45)) -> None:
    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(run())


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_reports(pilot: Pilot[Any]) -> ReportsScreen:
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportsScreen)
    return screen


def cells(app: CodebenchApp) -> list[list[str]]:
    grid = app.screen.query_one("#report-table", DataTable)
    return [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]


def text_of(app: CodebenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def test_tables_filters_chart_and_quote_jump(
    tui_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}
    monkeypatch.chdir(tmp_path)

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_reports(pilot)
        seen["themes"] = cells(app)
        seen["chart"] = text_of(app, "#report-chart")
        seen["first title"] = str(app.screen.query_one("#report-title").render())
        app.screen.query_one("#filter-coder").value = "coder2"  # type: ignore[attr-defined]
        await settle(pilot)
        seen["title"] = str(app.screen.query_one("#report-title").render())
        app.screen.query_one("#report-list").highlighted = 1  # type: ignore[attr-defined]
        await settle(pilot)
        seen["quotes"] = cells(app)
        app.screen.set_focus(app.screen.query_one("#report-table"))
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+u", *"out.xlsx", "enter")
        await settle(pilot)
        app.screen.set_focus(app.screen.query_one("#report-table"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CodingScreen)
        seen["document"] = app.screen.document_id
        seen["selected"] = app.screen.query_one(TranscriptView).selected_text

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    themes = seen["themes"]
    assert themes[0][0] == "Aanleiding"  # type: ignore[index]
    assert "GenAI spreekt tot de verbeelding" in str(seen["chart"])
    # No consensus yet: the screen opens on the codings of the coder at the keyboard, and
    # says so; choosing another coder says that one.
    assert "Coders: coder1" in str(seen["first title"])
    assert "Coders: coder2" in str(seen["title"])
    first_quote = seen["quotes"][0]  # type: ignore[index]
    assert first_quote[1].startswith("Respondent")
    assert (tmp_path / "out.xlsx").exists()
    assert seen["selected"] and str(seen["selected"]).split()[0] in first_quote[2]


def test_at_80_columns_counts_keep_their_width_and_names_give_way(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = await open_reports(pilot)
        grid = screen.query_one("#report-table", DataTable)
        seen["side"] = screen.query_one("#report-side").display
        seen["rows"] = cells(app)
        seen["widths"] = [column.width for column in grid.ordered_columns]
        seen["grid width"] = grid.size.width
        seen["full"] = [[cell for cell in row.cells] for row in screen.table.rows]  # type: ignore[union-attr]
        await pilot.press("down")
        await pilot.pause()
        seen["detail"] = text_of(app, "#report-row")
        await pilot.press("f")  # the side pane with the tables and filters, on demand
        await pilot.pause()
        seen["side shown"] = screen.query_one("#report-side").display

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(80, 24))
    assert seen["side"] is False and seen["side shown"] is True
    rows, full, widths = seen["rows"], seen["full"], seen["widths"]
    # The numbers are all there, whole; the table fits the width (no sideways scrolling).
    assert [row[1:] for row in rows] == [row[1:] for row in full]
    assert sum(widths) + 2 * len(widths) <= seen["grid width"]
    assert all(
        width >= len(cell) for row in full for width, cell in zip(widths[1:], row[1:], strict=True)
    )
    # A long code name is cut to the room there is, with an ellipsis, and is whole below.
    cut = next(row[0] for row in rows if row[0].endswith("…"))
    assert len(cut) <= widths[0]
    assert "Aanleiding > " in seen["detail"] and "respondents" in seen["detail"]


def test_the_highlighted_quote_shows_in_full_below_the_table(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = await open_reports(pilot)
        await pilot.press("right_square_bracket")  # ]: the next table, exemplar quotes
        await pilot.pause()
        seen["title"] = str(screen.query_one("#report-title").render())
        seen["rows"] = cells(app)
        seen["quote"] = screen.table.rows[0].cells[2]  # type: ignore[union-attr]
        seen["detail"] = text_of(app, "#report-row")

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(80, 24))
    assert "Exemplar quotes" in seen["title"]
    quote = seen["quote"]
    assert len(quote) > 60
    assert seen["rows"][0][2].endswith("…") and len(seen["rows"][0][2]) < len(quote)
    assert " ".join(quote.split()) in " ".join(seen["detail"].split())
    assert "enter: show this passage" in seen["detail"]


def test_an_export_asks_before_replacing_a_file_and_keeps_it_on_no(
    tui_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "report.md"
    existing.write_text("my own notes\n", encoding="utf-8")
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_reports(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u", *"report.md", "enter")
        await settle(pilot)
        seen["asked"] = isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        seen["after no"] = existing.read_text(encoding="utf-8")
        seen["messages"] = [n.message for n in app._notifications]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+u", *"report.md", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert seen["asked"] is True
    assert seen["after no"] == "my own notes\n"
    assert any("Kept report.md" in m for m in seen["messages"])
    assert existing.read_text(encoding="utf-8").startswith("#")  # replaced after "y"


def test_all_coders_count_as_a_union_and_a_newcomer_is_asked_whose_codings(
    tui_project: Project,
) -> None:
    seen: dict[str, Any] = {}

    async def union(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_reports(pilot)
        app.screen.query_one("#filter-coder").value = "all"  # type: ignore[attr-defined]
        await settle(pilot)
        seen["union"] = str(app.screen.query_one("#report-title").render())

    drive(CodebenchApp(tui_project, "coder1"), union)
    assert "Coders: all coders: coder1 + coder2 (union: a passage counted once)" in seen["union"]

    async def newcomer(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_reports(pilot)
        seen["asked"] = str(app.screen.query_one("#report-title").render())
        seen["rows"] = app.screen.query_one("#report-table", DataTable).row_count
        seen["side"] = app.screen.query_one("#report-side").display

    drive(CodebenchApp(tui_project, "rita"), newcomer)
    assert seen["asked"].startswith("Whose codings? coder1, coder2 coded this project")
    assert seen["rows"] == 0 and seen["side"] is True


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_reports_screen_snapshot(
    snap_compare: Any, tui_project: Project, size: tuple[int, int]
) -> None:
    async def open_it(pilot: Pilot[Any]) -> None:
        screen = await open_reports(pilot)
        screen.query_one("#report-table", DataTable).focus()
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(CodebenchApp(tui_project, "coder1"), terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_reports_quotes_snapshot(
    snap_compare: Any, tui_project: Project, size: tuple[int, int]
) -> None:
    async def open_quotes(pilot: Pilot[Any]) -> None:
        screen = await open_reports(pilot)
        screen.show_table("quotes")
        await settle(pilot)
        screen.query_one("#report-table", DataTable).focus()
        await pilot.press("down")
        await pilot.pause()

    app = CodebenchApp(tui_project, "coder1")
    assert snap_compare(app, terminal_size=size, run_before=open_quotes)
