"""Pilot tests of S, the key that gives the turn under the cursor a speaker, and of undo and redo
of speaker edits and document removals in the coding screen.

The transcript is plain text without speaker labels: each paragraph is a turn with no speaker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from textual.pilot import Pilot

from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.documents.overview import document_view
from codebench.services.documents.removal import remove_document
from codebench.services.project import Project, init_project
from codebench.storage import models
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.speaker_picker import SpeakerPicker
from codebench.tui.transcript_view import TranscriptView

PARAGRAPHS = (
    "Welcome to the interview. Thanks for coming.",
    "Thanks, happy to be here. I work in IT.",
    "What do you do all day? Tell me.",
    "Mostly meetings. And some code.",
)

Scenario = Callable[[CodebenchApp, Pilot[None]], Awaitable[None]]


@pytest.fixture
def unlabelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Project]:
    """A project with two unlabelled transcripts, 'plain' and 'second'."""
    monkeypatch.setenv("CODEBENCH_SETTINGS", str(tmp_path / "settings.yaml"))
    files = [tmp_path / "plain.txt", tmp_path / "second.txt"]
    for number, file in enumerate(files):
        paragraphs = PARAGRAPHS if number == 0 else reversed(PARAGRAPHS)
        file.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    with init_project(tmp_path / "study.codebench", "speakers") as project:
        import_files(project, files, ImportOptions(actor="setup"))
        yield project


def drive(app: CodebenchApp, scenario: Scenario) -> None:
    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
            await pilot.pause()

    asyncio.run(run())


def view(app: CodebenchApp) -> TranscriptView:
    return app.screen.query_one(TranscriptView)


def speakers(project: Project, name: str = "plain") -> list[str | None]:
    return [turn.speaker for turn in document_view(project, name).turns]


async def give_speaker(pilot: Pilot[None], name: str, *keys: str) -> None:
    """Press S, type ``name``, then ``keys`` (enter, or ctrl+t then enter, or escape)."""
    await pilot.press("S")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SpeakerPicker)
    await pilot.press(*name, *keys)
    await pilot.pause()


def test_a_new_speaker_goes_to_the_turn_and_the_unlabelled_turns_after_it(
    unlabelled: Project,
) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("]")
        seen["before"] = (view(app).cursor_speaker, view(app).selection)
        await give_speaker(pilot, "Respondent", "enter")
        seen["after"] = (view(app).cursor_speaker, view(app).selection)
        seen["database"] = speakers(unlabelled)
        seen["messages"] = [n.message for n in app._notifications]
        await pilot.press("u")
        await pilot.pause()
        seen["undone"] = (view(app).cursor_speaker, view(app).selection)

    drive(CodebenchApp(unlabelled, "dora"), scenario)
    second_turn = document_view(unlabelled, "plain").turns[1].sentences[0]
    selection = (second_turn.start, second_turn.end)
    assert seen["before"] == (None, selection)
    assert seen["after"] == ("Respondent", selection)
    assert seen["database"] == [None, "Respondent", "Respondent", "Respondent"]
    assert "Gave 3 turns in plain to 'Respondent'" in seen["messages"]  # type: ignore[operator]
    assert seen["undone"] == (None, selection)
    assert speakers(unlabelled) == [None, None, None, None]


def test_an_existing_speaker_found_by_typing_and_this_turn_only(unlabelled: Project) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await give_speaker(pilot, "Interviewer", "ctrl+t", "enter")
        seen["first"] = speakers(unlabelled)
        await pilot.press("]", "]")
        await give_speaker(pilot, "intv", "enter")
        seen["cursor"] = view(app).cursor_speaker

    drive(CodebenchApp(unlabelled, "dora"), scenario)
    assert seen["first"] == ["Interviewer", None, None, None]
    assert seen["cursor"] == "Interviewer"
    assert speakers(unlabelled) == ["Interviewer", None, "Interviewer", "Interviewer"]
    with unlabelled.reading() as session:
        roles = session.execute(select(models.Speaker.label, models.Speaker.role)).all()
    assert [tuple(row) for row in roles] == [("Interviewer", "interviewer")]


def test_escape_changes_nothing(unlabelled: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await give_speaker(pilot, "Interviewer", "escape")
        assert isinstance(app.screen, CodingScreen)
        assert view(app).cursor_speaker is None

    drive(CodebenchApp(unlabelled, "dora"), scenario)
    assert speakers(unlabelled) == [None, None, None, None]
    with unlabelled.reading() as session:
        assert session.scalar(select(func.count(models.Speaker.id))) == 0


def test_undo_of_a_speaker_edit_opens_its_document(unlabelled: Project) -> None:
    opened: list[str] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("]")
        await give_speaker(pilot, "Respondent", "enter")
        await pilot.press("d", "down", "enter")
        await pilot.pause()
        opened.append(view(app).document.name)
        await pilot.press("u")
        await pilot.pause()
        opened.append(view(app).document.name)
        await pilot.press("U")
        await pilot.pause()
        opened.append(str(view(app).cursor_speaker))

    drive(CodebenchApp(unlabelled, "dora"), scenario)
    assert opened == ["second", "plain", "Respondent"]
    assert speakers(unlabelled) == [None, "Respondent", "Respondent", "Respondent"]


def test_undo_and_redo_of_a_removal_update_the_document_list(unlabelled: Project) -> None:
    remove_document(unlabelled, "plain", actor="dora")
    seen: list[tuple[str, int]] = []

    def state(app: CodebenchApp) -> tuple[str, int]:
        documents = app.screen.query_one("#documents")
        return view(app).document.name, documents.option_count  # type: ignore[attr-defined]

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        seen.append(state(app))
        await pilot.press("u")
        await pilot.pause()
        seen.append(state(app))
        await pilot.press("U")
        await pilot.pause()
        seen.append(state(app))

    drive(CodebenchApp(unlabelled, "dora"), scenario)
    assert seen == [("second", 1), ("plain", 2), ("second", 1)]
