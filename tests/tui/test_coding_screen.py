"""Pilot tests of the coding workbench: each action driven by keys, then checked in the database.

pytest-asyncio is not installed: each test runs its scenario with ``asyncio.run``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from textual.pilot import Pilot

from codebench.services.codebook.edits import update_code
from codebench.services.coding.views import document_codings
from codebench.services.project import Project, open_project
from codebench.services.viewer import Viewer
from codebench.settings import load_settings
from codebench.storage import models
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.help import HelpScreen
from helpers.pilots import drive, screen, view

BUDGET = "De afwezigheid van budget, bronnen of andere middelen"


def codings_of(project: Project, coder: str) -> list[models.Coding]:
    with project.reading() as session:
        return list(
            session.scalars(
                select(models.Coding)
                .join(models.Coder)
                .where(models.Coder.name == coder)
                .order_by(models.Coding.id)
            )
        )


def code_name(project: Project, code_id: int) -> str:
    with project.reading() as session:
        code = session.get(models.Code, code_id)
        assert code is not None
        return code.name


async def apply_by_finder(pilot: Pilot[None], query: str) -> None:
    await pilot.press("c")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.press("enter")
    await pilot.pause()


def test_apply_a_code_with_the_finder_codes_the_cursor_sentence(tui_project: Project) -> None:
    app = CodebenchApp(tui_project, "dora")
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "j")
        seen["selection"] = view(app).selection
        await apply_by_finder(pilot, "afwezigheid budget")
        seen["highlights"] = [h.coder for h in view(app).highlights if h.coder == "dora"]

    drive(app, scenario)
    [coding] = codings_of(tui_project, "dora")
    assert (coding.start, coding.end) == seen["selection"]
    assert code_name(tui_project, coding.code_id) == BUDGET
    assert seen["highlights"] == ["dora"]


def test_extend_selection_then_shortcut_then_repeat(tui_project: Project) -> None:
    with tui_project.reading() as session:
        code_id = session.scalar(select(models.Code.id).where(models.Code.name == BUDGET))
    assert code_id is not None
    update_code(tui_project, code_id, {"shortcut": "9"})
    spans: list[tuple[int, int]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "shift+down")
        spans.append(view(app).selection)
        await pilot.press("9")
        await pilot.press("j", "j", "j")
        spans.append(view(app).selection)
        await pilot.press(".")

    drive(CodebenchApp(tui_project, "dora"), scenario)
    codings = codings_of(tui_project, "dora")
    assert [(c.start, c.end) for c in codings] == spans
    assert {c.code_id for c in codings} == {code_id}
    with tui_project.reading() as session:
        doc = session.get(models.Document, codings[0].document_id)
        assert doc is not None
        first = doc.text[codings[0].start : codings[0].end]
    assert first.count(".") + first.count("?") >= 2  # two sentences


def test_remove_star_and_memo_on_the_passage_under_the_cursor(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "j", "j")
        await apply_by_finder(pilot, "digitale afhankelijkheid")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"goed citaat")
        await pilot.press("ctrl+s")
        await pilot.pause()

    drive(CodebenchApp(tui_project, "dora"), scenario)
    [coding] = codings_of(tui_project, "dora")
    assert (coding.exemplar, coding.memo) == (True, "goed citaat")

    async def remove(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "j", "j", "x")
        await pilot.pause()

    drive(CodebenchApp(tui_project, "dora"), remove)
    assert codings_of(tui_project, "dora") == []


def test_new_code_from_the_selection_is_created_and_applied(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "i")
        await pilot.pause()
        await pilot.press(*"Hype rond AI", "enter")
        await pilot.pause()

    drive(CodebenchApp(tui_project, "dora"), scenario)
    [coding] = codings_of(tui_project, "dora")
    with tui_project.reading() as session:
        code = session.get(models.Code, coding.code_id)
        assert code is not None
        assert (code.name, code.status) == ("Hype rond AI", "candidate")


def test_undo_and_redo_survive_quitting_and_restarting(tui_project: Project) -> None:
    async def code_one(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j")
        await apply_by_finder(pilot, "druk om genai")
        await pilot.press("q")

    drive(CodebenchApp(tui_project, "dora"), code_one)
    assert len(codings_of(tui_project, "dora")) == 1
    location = tui_project.location
    tui_project.close()

    with open_project(location) as reopened:

        async def undo(app: CodebenchApp, pilot: Pilot[None]) -> None:
            await pilot.press("u")

        drive(CodebenchApp(reopened, "dora"), undo)
        assert codings_of(reopened, "dora") == []

        async def redo(app: CodebenchApp, pilot: Pilot[None]) -> None:
            await pilot.press("U")

        drive(CodebenchApp(reopened, "dora"), redo)
        [back] = codings_of(reopened, "dora")
        assert code_name(reopened, back.code_id) == "Druk om GenAI te gebruiken"


def test_document_memo_search_and_next_passage(tui_project: Project) -> None:
    found: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"eerste indruk", "ctrl+s")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"algoritmes", "enter")
        await pilot.pause()
        found["search"] = view(app).cursor_sentence
        panel_tree = app.screen.query_one("#code-tree")
        app.screen.set_focus(panel_tree)
        await pilot.pause()
        await pilot.press("down")  # first code under the first group
        await pilot.press("t", "home", "greater_than_sign")
        await pilot.pause()
        found["passage"] = view(app).selection[0]
        found["codings"] = screen(app).codings

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    with tui_project.reading() as session:
        memo = session.scalar(select(models.Memo.text).where(models.Memo.target_type == "document"))
    assert memo == "eerste indruk"
    sentence = found["search"]
    assert sentence is not None and "algoritmes" in sentence.text.lower()  # type: ignore[attr-defined]
    first_code = "GenAI spreekt tot de verbeelding"
    starts = {c.start for c in found["codings"] if c.code_name == first_code}  # type: ignore[attr-defined]
    assert found["passage"] == min(starts)


def test_blind_mode_shows_only_own_codings(tui_project: Project) -> None:
    seen: dict[str, set[str]] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        seen["coders"] = {h.coder for h in view(app).highlights}

    drive(CodebenchApp(tui_project, "coder2", blind=True), scenario)
    assert seen["coders"] == {"coder2"}
    drive(CodebenchApp(tui_project, "coder2"), scenario)
    assert seen["coders"] == {"coder1", "coder2"}


def test_filter_by_speaker_and_clear(tui_project: Project) -> None:
    seen: list[set[str | None]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"speaker: Interviewer", "enter")
        await pilot.pause()
        for _ in range(6):
            seen.append({view(app).cursor_speaker})
            await pilot.press("j")
        await pilot.press("F")

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert set().union(*seen) == {"Interviewer"}


def test_help_screen_lists_the_coding_keys(tui_project: Project) -> None:
    rows: list[tuple[str, ...]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows.extend(app.screen.rows)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    described = {(keys, what) for _, keys, what in rows}
    assert ("c", "Code") in described
    assert ("u, ctrl+z", "Undo") in described
    assert ("down, j", "Next sentence") in described


def test_errors_become_notifications_and_change_nothing(tui_project: Project) -> None:
    messages: list[str] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press(".", "x", "u")
        await pilot.pause()
        messages.extend(n.message for n in app._notifications)

    drive(CodebenchApp(tui_project, "nobody"), scenario)
    assert "no code applied yet in this session" in messages
    assert "nothing to undo" in messages
    assert codings_of(tui_project, "nobody") == []


def test_first_start_asks_who_is_coding_and_remembers(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press(*"emma", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)

    drive(CodebenchApp(tui_project, None), scenario)
    assert load_settings().coder == "emma"


def test_codebook_editor_edits_definitions_and_adds_codes(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down")  # the first code of the first group
        await pilot.pause()
        app.screen.query_one("#field-colour").value = "#123456"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Nieuwe code", "enter")
        await pilot.pause()
        await pilot.press("escape")

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    with tui_project.reading() as session:
        first = session.scalar(
            select(models.Code).where(models.Code.name == "GenAI spreekt tot de verbeelding")
        )
        assert first is not None and first.colour == "#123456"
        added = session.scalar(select(models.Code).where(models.Code.name == "Nieuwe code"))
        assert added is not None and added.parent_id == first.id


def test_retrieval_jumps_to_a_passage_in_another_document(tui_project: Project) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        app.screen.set_focus(app.screen.query_one("#code-tree"))
        await pilot.pause()
        await pilot.press("down", "r")
        await pilot.pause()
        seen["title"] = str(app.screen.query_one("#retrieval-title").render())
        await pilot.press("end", "enter")
        await pilot.pause()
        seen["document"] = screen(app).document_id
        seen["selection"] = view(app).selection

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert "GenAI spreekt tot de verbeelding" in str(seen["title"])
    codings = document_codings(tui_project, seen["document"], Viewer("coder1"))  # type: ignore[arg-type]
    start, end = seen["selection"]  # type: ignore[misc]
    assert any(c.start < end and c.end > start for c in codings)


def test_narrow_terminal_still_works(tui_project: Project, tmp_path: Path) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j")
        await apply_by_finder(pilot, "leiderschap")

    drive(CodebenchApp(tui_project, "dora"), scenario, size=(80, 24))
    assert len(codings_of(tui_project, "dora")) == 1


def test_filter_by_code_and_memo_on_a_code(tui_project: Project) -> None:
    seen: list[bool] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"code: Druk om GenAI", "enter")
        await pilot.pause()
        spans = [
            (c.start, c.end)
            for c in screen(app).codings
            if c.code_name == "Druk om GenAI te gebruiken"
        ]
        for _ in range(5):
            turn = view(app).cursor_turn
            assert turn is not None
            seen.append(any(s < turn.end and e > turn.speech_start for s, e in spans))
            await pilot.press("]")
        await pilot.press("F", "b", "down", "m")
        await pilot.pause()
        await pilot.press(*"let op overlap", "ctrl+s")
        await pilot.pause()

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert seen and all(seen)
    with tui_project.reading() as session:
        memo = session.scalar(select(models.Memo).where(models.Memo.target_type == "code"))
        assert memo is not None and memo.text == "let op overlap"
        code = session.get(models.Code, memo.target_id)
        assert code is not None and code.name == "GenAI spreekt tot de verbeelding"


def test_codebook_editor_rename_move_merge_and_status(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "R")  # rename the first code
        await pilot.pause()
        await pilot.press("ctrl+u", *"Verbeelding", "enter")
        await pilot.pause()
        await pilot.press("v")  # move it to the top level
        await pilot.pause()
        await pilot.press(*"(top level)", "enter")
        await pilot.pause()
        tree = app.screen.query_one("#code-tree")
        evolutie = next(
            node
            for node in _nodes(tree.root)  # type: ignore[attr-defined]
            if "Evolutie" in str(node.label)
        )
        tree.move_cursor(evolutie)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("g")  # merge it into Verbeelding
        await pilot.pause()
        await pilot.press(*"Verbeelding", "enter")
        await pilot.pause()
        status = app.screen.query_one("#field-status")
        status.value = "reviewed"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()

    with tui_project.reading() as session:
        before = session.scalar(
            select(models.Coding.id)
            .join(models.Code)
            .where(models.Code.name == "Evolutie van taaltechnologieën en schaalbaarheid")
            .limit(1)
        )
    drive(CodebenchApp(tui_project, "coder1"), scenario)
    with tui_project.reading() as session:
        code = session.scalar(select(models.Code).where(models.Code.name == "Verbeelding"))
        assert code is not None and code.parent_id is None
        assert code.status == "reviewed"
        gone = session.scalar(
            select(models.Code).where(
                models.Code.name == "Evolutie van taaltechnologieën en schaalbaarheid"
            )
        )
        assert gone is None
        moved = session.get(models.Coding, before)
        assert moved is not None and moved.code_id == code.id


def _nodes(node: Any) -> list[Any]:
    found = []
    for child in node.children:
        found.append(child)
        found.extend(_nodes(child))
    return found


def test_the_command_palette_reaches_the_coding_actions(tui_project: Project) -> None:
    titles: list[str] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        titles.extend(command.title for command in app.get_system_commands(app.screen))

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    for action in (
        "Code",
        "Uncode",
        "New code",
        "Memo",
        "Exemplar",
        "Undo",
        "Redo",
        "Search",
        "Filter",
        "Codebook",
        "Retrieve",
        "Memos",
    ):
        assert action in titles


def test_help_on_another_screen_lists_that_screens_keys_first(tui_project: Project) -> None:
    rows: list[tuple[str, ...]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows.extend(app.screen.rows)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert rows[0][0] == "Codebook Editor"
    assert ("Codebook Editor", "ctrl+s", "Save definition") in rows
