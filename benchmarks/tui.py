"""The coding workbench, headless at 120x40, on a copy of a size's project.

- first screen: from creating the app until the coding screen has drawn the long transcript
  (its name sorts first, so the TUI opens it), with the project's document list and progress;
- apply / remove: from the key's handler (commit, reload the codings, refresh the touched
  lines) until every visible line of the transcript has been rendered again.
"""

from __future__ import annotations

import asyncio

from benchmarks.clock import Clock, Sample
from benchmarks.projects import CODERS
from codebench.services.project import Project
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.transcript_view import TranscriptView

FIRST_SCREEN = "TUI first screen"
APPLY = "TUI apply code"
REMOVE = "TUI remove code"


def _render_visible(view: TranscriptView) -> None:
    for y in range(view.size.height):
        view.render_line(y)


async def _measure(project: Project, rounds: int) -> dict[str, list[Sample]]:
    times: dict[str, list[Sample]] = {FIRST_SCREEN: [], APPLY: [], REMOVE: []}
    clock = Clock()
    app = CodebenchApp(project, CODERS[0])
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, CodingScreen) or not app.screen.query(TranscriptView):
            await asyncio.sleep(0.001)
        screen = app.screen
        view = screen.query_one(TranscriptView)
        while view.document is None or not view.size.height:
            await asyncio.sleep(0.001)
        _render_visible(view)
        times[FIRST_SCREEN].append(clock.elapsed())
        await pilot.pause()
        code = app.workspace.codes[1].id
        for _ in range(rounds):
            await pilot.press("j")
            clock = Clock()
            screen.coding._apply(code)
            _render_visible(view)
            times[APPLY].append(clock.elapsed())
            mine = [c for c in view.codings_in_selection() if c.code_id == code]
            clock = Clock()
            screen.coding._remove(mine[-1].coding_id)
            _render_visible(view)
            times[REMOVE].append(clock.elapsed())
            await pilot.pause()
    return times


def measure_tui(project: Project, rounds: int) -> dict[str, list[Sample]]:
    """One app start (one first-screen time) and ``rounds`` applies and removes."""
    return asyncio.run(_measure(project, rounds))
