"""The reports screen: tables with filters, the theme bars, a jump from a quote, export."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from codebench.services.project import Project
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.reports_screen import ReportsScreen
from codebench.tui.transcript_view import TranscriptView


def drive(app: CodebenchApp, scenario: object) -> None:
    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)  # type: ignore[operator]

    asyncio.run(run())


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def cells(app: CodebenchApp) -> list[list[str]]:
    grid = app.screen.query_one("#report-table", DataTable)
    return [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]


def test_tables_filters_chart_and_quote_jump(
    tui_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}
    monkeypatch.chdir(tmp_path)

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        seen["themes"] = cells(app)
        seen["chart"] = str(app.screen.query_one("#report-chart", Static).render())
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
    assert "coders: coder2" in str(seen["title"])
    first_quote = seen["quotes"][0]  # type: ignore[index]
    assert first_quote[1].startswith("Respondent")
    assert (tmp_path / "out.xlsx").exists()
    assert seen["selected"] and str(seen["selected"]).split()[0] in first_quote[2]
