"""Pilot test of the pseudonymisation review: reached from the command palette's entry, each
replacement listed, one rejected, the rest applied, and the coding screen reading again."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from codebench.services.project import Project
from codebench.storage import models
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.pseudonymise_review import PseudonymiseReview, review_command


def _texts(project: Project) -> list[str]:
    with project.reading() as session:
        return list(session.scalars(select(models.Document.text)))


def test_review_rejects_one_replacement_and_applies_the_rest(tui_project: Project) -> None:
    app = CodebenchApp(tui_project, "coder1")

    async def run() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            [entry] = review_command(app)
            assert entry.title == "Pseudonymise the project"
            entry.callback()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PseudonymiseReview)
            for _ in range(200):  # deduce loads in the worker
                if screen.plan is not None:
                    break
                await pilot.pause(0.05)
            assert screen.plan is not None and screen.plan.findings
            first = screen.plan.findings[0]
            await pilot.press("space")
            assert screen.rejected == {(first.document_id, first.start)}
            await pilot.press("a")
            for _ in range(200):
                if isinstance(app.screen, CodingScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, CodingScreen)
            texts = "\n".join(_texts(tui_project))
            assert first.text in texts  # rejected: kept
            others = [f for f in screen.plan.findings if f.text != first.text]
            assert others and all(f.text not in texts for f in others)
            assert all(f.surrogate in texts for f in others)

    asyncio.run(run())
