"""Snapshots of the screens a coder sees, at 120x40 and at the smallest supported 80x24.

Review a changed snapshot before accepting it (``pytest --snapshot-update``): Textual is pinned
so that only our own changes move them.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Tree

from codebench.services.project import Project
from codebench.tui.app import CodebenchApp

SIZES = [(120, 40), (80, 24)]


async def _focus_first_code(pilot: Pilot[Any]) -> None:
    pilot.app.screen.set_focus(pilot.app.screen.query_one("#code-tree"))
    await pilot.pause()
    await pilot.press("down")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_coding_screen(snap_compare: Any, tui_project: Project, size: tuple[int, int]) -> None:
    app = CodebenchApp(tui_project, "coder1")
    assert snap_compare(app, terminal_size=size, press=["j", "j", "j", "shift+down"])


@pytest.mark.parametrize("size", [(160, 50), (80, 24)], ids=["160x50", "80x24"])
def test_overlapping_codes_of_two_coders(
    snap_compare: Any, tui_project: Project, size: tuple[int, int]
) -> None:
    """Two coders' codings of one passage, starred, beside a third coding: tints, named
    stripes with coder marks, and the codes-here panel listing each with coder and star."""
    app = CodebenchApp(tui_project, "coder1")
    assert snap_compare(app, terminal_size=size, press=["]", "]", "]", "j", "j", "j"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_help_screen(snap_compare: Any, tui_project: Project, size: tuple[int, int]) -> None:
    app = CodebenchApp(tui_project, "coder1")
    assert snap_compare(app, terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_codebook_editor(snap_compare: Any, tui_project: Project, size: tuple[int, int]) -> None:
    app = CodebenchApp(tui_project, "coder1")
    assert snap_compare(app, terminal_size=size, press=["e", "down", "down"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_retrieval_screen(snap_compare: Any, tui_project: Project, size: tuple[int, int]) -> None:
    app = CodebenchApp(tui_project, "coder1")

    async def open_retrieval(pilot: Pilot[Any]) -> None:
        await _focus_first_code(pilot)
        # The first group, retrieved with its sub-codes' passages.
        pilot.app.screen.query_one("#code-tree", Tree).cursor_line = 0
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_retrieval)


def test_coding_screen_light_theme(snap_compare: Any, tui_project: Project) -> None:
    app = CodebenchApp(tui_project, "coder1")

    async def light(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("j", "j", "j")

    assert snap_compare(app, terminal_size=(120, 40), run_before=light)
