"""An accepted suggestion through undo and redo in the workbench: undo takes the coding away and
shows the suggestion again (its ghost mark, one more left, one fewer accepted); redo codes the
sentence again, its stripe in its lane, and the bar says so, as it did after the acceptance."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from codebench.services.project import open_project
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.suggestion_marks import is_ghost
from codebench.tui.suggestions import SuggestionBar
from helpers.pilots import drive, screen, settle, view
from helpers.suggestion_study import at_repeated_suggestion


@pytest.fixture(autouse=True)
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEBENCH_SETTINGS", str(tmp_path / "settings.yaml"))


def bar(coding: CodingScreen) -> str:
    return str(coding.query_one(SuggestionBar).render())


def marks_on_cursor(app: CodebenchApp) -> tuple[list[str], list[str]]:
    """The code names drawn on the cursor sentence: (codings, suggestions)."""
    sentence = view(app).cursor_sentence
    assert sentence is not None
    here = [c for c in view(app).highlights if c.start < sentence.end and sentence.start < c.end]
    return (
        [c.code_name for c in here if not is_ghost(c)],
        [c.code_name for c in here if is_ghost(c)],
    )


def test_undo_and_redo_of_an_acceptance_show_the_suggestion_and_the_counts_again(
    study: Path,
) -> None:
    with open_project(study) as project:
        app = CodebenchApp(project, "anna")

        async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
            coding = screen(app)
            await at_repeated_suggestion(app, pilot)
            left = len({item.start for item in coding.suggestions.items})
            assert marks_on_cursor(app) == ([], ["Budget"])
            assert f"{left} left" in bar(coding) and "here: Budget" in bar(coding)

            await pilot.press("y")
            await settle(pilot)
            assert marks_on_cursor(app) == (["Budget"], [])
            assert f"{left - 1} left" in bar(coding) and "accepted 1" in bar(coding)
            [accepted] = coding.document.codings
            lane = view(app).lane_of(accepted.id)

            await pilot.press("u")
            await settle(pilot)
            assert marks_on_cursor(app) == ([], ["Budget"])
            assert f"{left} left" in bar(coding) and "accepted 0" in bar(coding)
            assert "here: Budget" in bar(coding)

            await pilot.press("U")
            await settle(pilot)
            assert marks_on_cursor(app) == (["Budget"], [])
            assert f"{left - 1} left" in bar(coding) and "accepted 1" in bar(coding)
            assert [c.id for c in coding.document.codings] == [accepted.id]
            assert view(app).lane_of(accepted.id) == lane  # its stripe where it was

        drive(app, scenario)
