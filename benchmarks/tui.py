"""The coding workbench, in process and headless at 120x40, on a copy of a size's project:
a code applied and removed, from the key's handler (commit, reload the codings, refresh the
touched lines) until every visible line of the transcript has been rendered again.

The first screen is not timed here but from launch, in a terminal (see
:mod:`benchmarks.terminal`): in process, the imports and the interpreter would be left out.
"""

from __future__ import annotations

import asyncio

from benchmarks.clock import Clock, Sample
from benchmarks.projects import CODERS
from codebench.services.project import Project
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.transcript_view import TranscriptView

APPLY = "apply"
REMOVE = "remove"


def _render_visible(view: TranscriptView) -> None:
    for y in range(view.size.height):
        view.render_line(y)


async def _measure(project: Project, rounds: int) -> dict[str, list[Sample]]:
    times: dict[str, list[Sample]] = {APPLY: [], REMOVE: []}
    app = CodebenchApp(project, CODERS[0])
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, CodingScreen) or not app.screen.query(TranscriptView):
            await asyncio.sleep(0.001)
        screen = app.screen
        view = screen.query_one(TranscriptView)
        while view.document is None or not view.size.height:
            await asyncio.sleep(0.001)
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
            screen.coding._remove(mine[-1].id)
            _render_visible(view)
            times[REMOVE].append(clock.elapsed())
            await pilot.pause()
    return times


def measure_tui(project: Project, rounds: int) -> dict[str, list[Sample]]:
    """One app start and ``rounds`` applies and removes."""
    return asyncio.run(_measure(project, rounds))
