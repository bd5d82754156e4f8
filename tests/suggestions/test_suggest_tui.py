"""Suggestions in the workbench: g shows ghost marks, G goes to the next, y accepts (a coding
that u undoes), X rejects; the counts show under the transcript; s in the retrieval screen
finds similar passages and enter goes to one."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from codebench.services.coding.by_name import list_codings
from codebench.services.project import open_project
from codebench.services.viewer import Viewer
from codebench.tui.app import CodebenchApp
from codebench.tui.retrieval import RetrievalScreen
from codebench.tui.similar_screen import SimilarScreen
from codebench.tui.suggestion_marks import is_ghost
from codebench.tui.suggestions import SuggestionBar
from helpers.pilots import drive, screen, settle, view
from helpers.suggestion_study import REPEATED

ANNA = Viewer("anna")


@pytest.fixture(autouse=True)
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEBENCH_SETTINGS", str(tmp_path / "settings.yaml"))


def test_ghost_marks_accept_reject_next_and_undo(study: Path) -> None:
    with open_project(study) as project:
        app = CodebenchApp(project, "anna")

        async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
            coding = screen(app)
            coding.open_document(coding.ws.document_id("interview_6"))
            await pilot.press("y")  # hidden: nothing happens but a hint
            await pilot.press("g")
            await settle(pilot)
            marks = coding.suggestions
            assert marks.items and any(is_ghost(c) for c in view(app).highlights)
            assert "y accept" in str(coding.query_one(SuggestionBar).render())
            for _ in range(3):  # the next suggestion, until the repeated passage's
                await pilot.press("G")
                sentence = view(app).cursor_sentence
                if sentence is not None and sentence.text == REPEATED:
                    break
            assert sentence is not None and sentence.text == REPEATED
            await pilot.press("y")
            await settle(pilot)
            assert marks.counts.accepted == 1
            assert "accepted 1" in str(coding.query_one(SuggestionBar).render())
            codings = list_codings(project, "anna", None, "interview_6", viewer=ANNA)
            assert [(c.coding.code_name, c.text) for c in codings] == [("Budget", REPEATED)]
            left = len(marks.items)
            if left:
                await pilot.press("G", "X")
                await settle(pilot)
                assert marks.counts.rejected == 1 and len(marks.items) < left
            await pilot.press("u")
            await settle(pilot)
            assert list_codings(project, "anna", None, "interview_6", viewer=ANNA) == []
            assert "accepted 0" in str(coding.query_one(SuggestionBar).render())
            await pilot.press("g")
            await settle(pilot)
            assert not any(is_ghost(c) for c in view(app).highlights)

        drive(app, scenario)


def test_similar_passages_from_the_retrieval_screen(study: Path) -> None:
    with open_project(study) as project:
        app = CodebenchApp(project, "anna")

        async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
            coding = screen(app)
            budget = next(node.id for node in coding.ws.codes if node.name == "Budget")
            app.push_screen(RetrievalScreen(coding.ws, budget), coding._jump_from_retrieval)
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, SimilarScreen) and app.screen._targets
            target = app.screen._targets[0]
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is coding and coding.document_id == target[0]

        drive(app, scenario)
