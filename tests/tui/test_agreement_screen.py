"""The agreement screen: the per-code table, the review of disagreements, decisions written to
the consensus coder, and the jump back to the passage.

pytest-asyncio is not installed: each test runs its scenario with ``asyncio.run``.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from codebench.agreement.disagreements import Disagreement, disagreement_key
from codebench.agreement.model import AgreementOptions
from codebench.services.agreement import disagreements
from codebench.services.agreement_review import default_coders, substitutions
from codebench.services.coders import CONSENSUS
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models
from codebench.tui.agreement_screen import AgreementScreen
from codebench.tui.agreement_table import AgreementTable
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.help import HelpScreen
from codebench.tui.transcript_view import TranscriptView
from helpers.pilots import drive, settle

EVERYONE = Viewer.everyone()

OPTIONS = AgreementOptions(("coder1", "coder2"))
SIZES = [(120, 40), (80, 24)]


async def open_agreement(pilot: Pilot[Any]) -> AgreementScreen:
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AgreementScreen)
    return screen


def grid(app: CodebenchApp, name: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{name}", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app: CodebenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def found(project: Project) -> list[Disagreement]:
    return disagreements(project, OPTIONS, viewer=EVERYONE)[1]


def resolution_rows(project: Project) -> list[models.Resolution]:
    with project.reading() as session:
        return list(session.scalars(select(models.Resolution).order_by(models.Resolution.id)))


def consensus_spans(project: Project, item: Disagreement) -> list[tuple[int, int]]:
    with project.reading() as session:
        rows = session.scalars(
            select(models.Coding)
            .join(models.Coder)
            .where(
                models.Coder.name == CONSENSUS,
                models.Coding.code_id == item.code_id,
                models.Coding.start < item.unit.end,
                models.Coding.end > item.unit.start,
            )
        )
        return sorted((c.start, c.end) for c in rows)


def most_disputed_code(items: list[Disagreement]) -> int:
    """The code with the most disagreements (at least two, so that there is a next one)."""
    counts: dict[int, int] = {}
    for item in items:
        counts[item.code_id] = counts.get(item.code_id, 0) + 1
    code_id, n = max(counts.items(), key=lambda kv: kv[1])
    assert n >= 2
    return code_id


def test_opens_with_the_two_busiest_coders_per_code_rows_and_the_pooled_row_last(
    tui_project: Project,
) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = await open_agreement(pilot)
        seen["rows"] = grid(app, "agreement-table")
        seen["codes"] = list(screen.query_one(AgreementTable).codes)
        seen["settings"] = text_of(app, "#agreement-settings")
        seen["notes"] = text_of(app, "#agreement-notes")
        seen["substitutions"] = text_of(app, "#agreement-substitutions")
        seen["row note"] = text_of(app, "#agreement-row-note")
        await pilot.press("escape")
        await pilot.pause()
        seen["back"] = type(app.screen)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    rows = seen["rows"]
    assert len(rows) == len(seen["codes"]) > 10
    assert seen["codes"][-1] is None and "pooled" in rows[-1][0]
    assert all(code is not None for code in seen["codes"][:-1])
    # The test project is small: every code has fewer than ten positive units, marked ⚠.
    assert all(row[0].startswith("⚠") for row in rows[:-1])
    assert "too few" in seen["row note"]
    assert "coder1 × coder2" in seen["settings"] and "θ = 0.5" in seen["settings"]
    total = len(found(tui_project))
    assert f"{total} disagreements, {total} open" in seen["settings"]
    assert "Units: sentence" in seen["notes"]
    assert "Substitutions" in seen["substitutions"] and "→" in seen["substitutions"]
    assert seen["back"] is CodingScreen


def test_reviewing_a_code_lists_its_disagreements(tui_project: Project) -> None:
    items = found(tui_project)
    code_id = most_disputed_code(items)
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = await open_agreement(pilot)
        path = screen.data.comparison.paths[code_id]  # type: ignore[union-attr]
        row = screen.query_one(AgreementTable).codes.index(path)
        screen.query_one("#agreement-table", DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        seen["path"] = path
        seen["list"] = grid(app, "review-list")
        seen["title"] = str(screen.query_one("#review-title").render())
        seen["head"] = text_of(app, "#review-head")
        await pilot.press("n")
        await pilot.pause()
        seen["second"] = str(screen.query_one("#review-title").render())
        await pilot.press("escape")
        await pilot.pause()
        seen["overview"] = screen.query_one("#agreement-views").current  # type: ignore[attr-defined]

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    mine = [d for d in items if d.code_id == code_id]
    assert len(seen["list"]) == len(mine)
    assert [(r[0], r[1]) for r in seen["list"]] == [
        (d.unit.document, str(d.unit.number)) for d in mine
    ]
    assert f"1 of {len(mine)}" in seen["title"] and f"2 of {len(mine)}" in seen["second"]
    assert seen["path"] in seen["head"] and mine[0].kind in seen["head"]
    assert seen["overview"] == "agreement-overview"


def test_accept_coder1_writes_a_consensus_coding_and_a_resolution(tui_project: Project) -> None:
    first = found(tui_project)[0]
    view = next(v for v in first.coders if v.coder == "coder1")
    assert view.applied and view.span is not None
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        seen["list"] = grid(app, "review-list")
        seen["title"] = str(app.screen.query_one("#review-title").render())
        seen["settings"] = text_of(app, "#agreement-settings")
        await pilot.press("p")  # the cursor moved on to the next open one: back to the first
        await pilot.pause()
        seen["head"] = text_of(app, "#review-head")

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    [resolution] = resolution_rows(tui_project)
    assert (resolution.decision, resolution.coder, resolution.reviewer) == (
        "accept",
        "coder1",
        "coder1",
    )
    assert (resolution.code_id, resolution.unit_start) == (first.code_id, first.unit.start)
    assert consensus_spans(tui_project, first) == [view.span]
    assert seen["list"][0][-1] == "✓ coder1"
    assert f"2 of {len(found(tui_project))}" in seen["title"]
    assert "accepted coder1's version" in seen["head"]
    total = len(found(tui_project))
    assert f"{total - 1} open" in seen["settings"]


def test_merge_codebook_issue_reopen_and_a_note_kept_with_the_decision(
    tui_project: Project,
) -> None:
    items = found(tui_project)
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("e")  # a note first: the cursor stays
        await pilot.pause()
        await pilot.press(*"coder2 mist het", "enter")
        await pilot.pause()
        seen["head"] = text_of(app, "#review-head")
        # Each decision moves on to the next open disagreement.
        await pilot.press("2")  # the first: coder2 did not apply it, so nothing in consensus
        await pilot.press("m")  # the second: merged
        await pilot.press("c")  # the third: a codebook issue
        await pilot.press("1")  # the fourth: accepted, then reopened
        await pilot.pause()
        await pilot.press("p", "o")
        await pilot.pause()
        seen["list"] = grid(app, "review-list")

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    decided = {(r.code_id, r.unit_start): r for r in resolution_rows(tui_project)}
    first, second, third, fourth = (decided[(d.code_id, d.unit.start)] for d in items[:4])
    assert (first.decision, first.coder, first.note) == ("accept", "coder2", "coder2 mist het")
    assert consensus_spans(tui_project, items[0]) == []
    assert "note: coder2 mist het" in seen["head"]
    assert (second.decision, second.coder) == ("merge", None)
    spans = [v.span for v in items[1].coders if v.span is not None]
    merged = (min(s[0] for s in spans), max(s[1] for s in spans))
    assert consensus_spans(tui_project, items[1]) == [merged]
    assert (third.decision, third.coder) == ("codebook", None)
    assert consensus_spans(tui_project, items[2]) == []
    assert (fourth.decision, fourth.coder) == ("open", None)
    assert [row[-1] for row in seen["list"][:4]] == ["✓ coder2", "merged", "codebook issue", "open"]


def test_after_a_decision_the_cursor_moves_to_the_next_open_disagreement(
    tui_project: Project,
) -> None:
    rows: list[int] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        listing = app.screen.query_one("#review-list", DataTable)

        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            rows.append(listing.cursor_row)

        await press("1")  # row 0 accepted: on to row 1
        await press("p", "m")  # row 0 again, merged instead: on to row 1, still open
        await press("e", *"twijfel", "enter")  # a note stays where it is
        await press("o")  # reopening too
        listing.move_cursor(row=listing.row_count - 1)
        await press("c")  # the last: round to the first open one, row 1

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert rows == [1, 1, 1, 1, 1]


def test_the_review_footer_reads_one_entry_per_key(tui_project: Project) -> None:
    keys: list[tuple[str, str]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        await pilot.pause()
        keys.extend((k.key_display, k.description) for k in app.screen.query(FooterKey))

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert ("1-9", "Accept coder") in keys
    assert ("m", "Merge") in keys and ("c", "Codebook issue") in keys and ("n", "Next") in keys
    assert not any(description.startswith("Accept ") and key != "1-9" for key, description in keys)
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("review", [False, True], ids=["overview", "review"])
def test_at_80_columns_the_footer_shows_every_key_whole(tui_project: Project, review: bool) -> None:
    """Every key the footer names fits left of the command palette's, none cut off."""
    shown: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        if review:
            await pilot.press("R")
            await pilot.pause()
            await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        palette = [k.region.x for k in keys if k.has_class("-command-palette") and k.display]
        shown["edge"] = min([*palette, app.screen.size.width])
        shown["keys"] = [
            (k.key_display, k.description, k.region.right)
            for k in keys
            if not k.has_class("-command-palette")
        ]

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(80, 24))
    keys = shown["keys"]
    cut = [(key, description) for key, description, right in keys if right > shown["edge"]]
    assert cut == []
    assert ("esc", "Back") in [(key, description) for key, description, _ in keys]
    assert ("?", "Help") in [(key, description) for key, description, _ in keys]


def test_a_later_decision_keeps_the_note(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"twijfel", "enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    [resolution] = resolution_rows(tui_project)
    assert (resolution.decision, resolution.note) == ("merge", "twijfel")


def test_go_to_jumps_to_the_passage_in_the_coding_screen(tui_project: Project) -> None:
    items = found(tui_project)
    target = next(d for d in items if d.unit.document != items[0].unit.document)
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        screen.query_one("#review-list", DataTable).move_cursor(row=items.index(target))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        seen["document"] = app.screen.document_id
        seen["selection"] = app.screen.query_one(TranscriptView).selection

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    with tui_project.reading() as session:
        document = session.scalar(
            select(models.Document).where(models.Document.name == target.unit.document)
        )
        assert document is not None
        assert seen["document"] == document.id
    assert seen["selection"] == (target.unit.start, target.unit.end)


def test_coders_unit_and_threshold_can_be_changed(tui_project: Project) -> None:
    seen: dict[str, str] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("u")
        await settle(pilot)
        seen["unit"] = text_of(app, "#agreement-settings")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+u", *"any", "enter")
        await settle(pilot)
        seen["threshold"] = text_of(app, "#agreement-settings")
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("down", "enter")  # coder2 first (coder1 has more codings)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        seen["coders"] = text_of(app, "#agreement-settings")
        seen["notes"] = text_of(app, "#agreement-notes")

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    assert "turn units" in seen["unit"]
    assert "any overlap" in seen["threshold"]
    assert "coder2 × coder1" in seen["coders"]
    assert "Units: turn" in seen["notes"]


def test_help_lists_the_review_keys_after_the_overview_keys(tui_project: Project) -> None:
    rows: list[tuple[str, ...]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await open_agreement(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows.extend(app.screen.rows)

    drive(CodebenchApp(tui_project, "coder1"), scenario)
    keys = [(key, what) for section, key, what in rows if section == "Agreement"]
    assert keys[:8] == [
        ("escape", "Back"),
        ("r", "Review code"),
        ("R", "Review all"),
        ("k", "Coders"),
        ("u", "Unit"),
        ("t", "Threshold"),
        ("n", "Next"),
        ("p", "Previous"),
    ]
    assert keys[-1] == ("g", "Go to") and keys.count(("escape", "Back")) == 1


def test_blind_coding_shows_no_agreement(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = await open_agreement(pilot)
        seen["rows"] = screen.query_one("#agreement-table", DataTable).row_count
        seen["settings"] = text_of(app, "#agreement-settings")

    drive(CodebenchApp(tui_project, "coder1", blind=True), scenario)
    assert seen["rows"] == 0
    assert "blind" in seen["settings"]


def test_default_coders_and_substitutions_from_the_first_coders_side(
    tui_project: Project,
) -> None:
    assert default_coders({"consensus": 900, "ann": 10, "ben": 30, "cas": 20}) == ("ben", "cas")
    assert default_coders({"ann": 1}) == ("ann",)
    comparison, items = disagreements(tui_project, OPTIONS, viewer=EVERYONE)
    pairs = substitutions(items, OPTIONS.coders, comparison.paths)
    listed = [d for d in items if d.kind == "substitution"]
    assert sum(n for n, _, _ in pairs) * 2 >= len(listed) > 0
    for item in listed:
        coder1 = next(v for v in item.coders if v.coder == "coder1")
        mine, theirs = (
            (item.code_id, item.substitute) if coder1.applied else (item.substitute, item.code_id)
        )
        assert any(
            (a, b) == (comparison.paths[mine], comparison.paths[theirs])  # type: ignore[index]
            for _, a, b in pairs
        ), disagreement_key(item)


@pytest.mark.parametrize("size", [*SIZES, (160, 50)], ids=["120x40", "80x24", "160x50"])
def test_agreement_screen_snapshot(
    snap_compare: Any, tui_project: Project, size: tuple[int, int]
) -> None:
    app = CodebenchApp(tui_project, "coder1")

    async def open_it(pilot: Pilot[Any]) -> None:
        await open_agreement(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_agreement_review_snapshot(
    snap_compare: Any, tui_project: Project, size: tuple[int, int]
) -> None:
    """The review after one decision: the first accepted, the cursor on the next open one."""
    app = CodebenchApp(tui_project, "coder1")

    async def review(pilot: Pilot[Any]) -> None:
        await open_agreement(pilot)
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        pilot.app.clear_notifications()  # the toast fades on its own: not part of the picture
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=review)
