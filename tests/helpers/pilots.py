"""Driving the TUI in tests as a user would: run the app headless at a terminal size, press
keys, and wait until what the keys started (workers included) has settled."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.transcript_view import TranscriptView

Scenario = Callable[[CodebenchApp, Pilot[None]], Awaitable[None]]


def drive(app: CodebenchApp, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    """Run ``scenario`` against ``app`` in a headless terminal of ``size``."""

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
            await pilot.pause()

    asyncio.run(run())


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the screen to redraw and for every worker to finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen(app: CodebenchApp) -> CodingScreen:
    assert isinstance(app.screen, CodingScreen)
    return app.screen


def view(app: CodebenchApp) -> TranscriptView:
    return app.screen.query_one(TranscriptView)
