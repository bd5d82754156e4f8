"""How codings read on the coding screen: a colour per code, named stripes, the codes-here
panel, the view switch (mine, all coders, one coder, consensus), short speaker labels and side
panes that fold away in a narrow terminal. Pilot tests against the demo's codings.

pytest-asyncio is not installed: each test runs its scenario with ``asyncio.run``.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from textual.color import Color
from textual.pilot import Pilot

from codebench.errors import CodebenchError
from codebench.services.codebook.tree import CodeNode
from codebench.services.coding.actions import apply_code_to_span, set_coding_memo
from codebench.services.coding.views import document_codings
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models
from codebench.tui.app import CodebenchApp
from codebench.tui.code_styles import (
    PALETTE,
    Reserved,
    assign_colours,
    distance,
    eight_bit,
    short_name,
    short_names,
    tint,
)
from codebench.tui.coder_view import CODER, CoderView
from codebench.tui.codes_here import CodesHere
from codebench.tui.coding_header import CodingHeader
from codebench.tui.look import theme_colours
from codebench.tui.modals import ChoiceList
from codebench.tui.status_bar import StatusBar
from codebench.tui.transcript_view import TranscriptView
from helpers.pilots import drive, screen, view

WIDE = (160, 50)
"""The size these tests look at unless they say otherwise: every pane shown."""
PRESSURE = "Er hangt zo'n sfeer van"
"""A sentence of interview_01 both demo coders coded 'Druk om GenAI te gebruiken', starred."""


def rows(tv: TranscriptView) -> list[str]:
    height = tv.scrollable_content_region.height
    return ["".join(s.text for s in tv.render_line(y)) for y in range(height)]


def plain(widget: CodesHere | CodingHeader | StatusBar) -> str:
    return str(widget.render())


async def go_to(app: CodebenchApp, pilot: Pilot[None], fragment: str) -> None:
    tv = view(app)
    tv.go_to(tv.document.text.index(fragment))
    await pilot.pause()


async def choose_view(pilot: Pilot[None], label: str) -> None:
    await pilot.press("v")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceList)
    labels = [str(o.prompt) for o in dialog.query_one("OptionList").options]  # type: ignore[attr-defined]
    index = next(i for i, text in enumerate(labels) if label in text)
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()


# ---------------------------------------------------------------------------- colours


def test_every_code_gets_its_own_colour_not_its_groups() -> None:
    group_blue = "#4c72b0"
    codes = [(1, group_blue)] + [(i, None) for i in range(2, 9)]  # a group and seven codes
    colours = assign_colours(codes)
    assert len(set(colours.values())) == len(codes)
    assert all(colours[i] in PALETTE for i in range(2, 9))
    # codes that share their group's hue (as many codebooks colour them) are told apart too
    shades = [(1, "#4c72b0"), (2, "#4889d4"), (3, "#3961d1"), (4, "#237096")]
    spread = assign_colours(shades)
    assert all(distance(a, b) >= 25 for a in spread.values() for b in spread.values() if a != b)
    assert len(set(spread.values())) == 4


def test_no_code_takes_the_cursor_or_selection_colour() -> None:
    cursor, selection = "#0178d4", "#ffa62b"  # textual-dark's primary and accent
    marks = ("#1b3d57", "#0e5288", "#5b4228", "#8e6426")
    reserved = Reserved((cursor, selection), marks, dark=True)
    colours = assign_colours([(i, None) for i in range(20)] + [(99, "#0072B2")], reserved)
    assert colours[99] != "#0072B2"  # a blue code beside a blue cursor gets another colour
    as_drawn = {eight_bit(Color.parse(mark)) for mark in marks}
    for colour in colours.values():
        assert distance(colour, cursor) >= 30 and distance(colour, selection) >= 30
        assert eight_bit(tint(colour)) not in as_drawn  # not even in 256 colours


def test_tints_stay_distinct_colours_in_256_colours() -> None:
    """Blue, purple and pink codes must not all round to one grey in a 256-colour terminal."""
    dark = [eight_bit(tint(colour, dark=True)) for colour in PALETTE]
    light = [eight_bit(tint(colour, dark=False)) for colour in PALETTE]
    assert len(set(dark)) == len(PALETTE)
    assert len(set(light)) == len(PALETTE)
    greys = set(range(232, 256)) | {59, 102, 145, 188}
    assert not set(dark) & greys


def test_short_names_are_initials_and_unique() -> None:
    assert short_name("Druk om GenAI te gebruiken") == "DGG"
    assert short_name("Aanleiding") == "Aan"
    names = short_names([(1, "Druk om GenAI te gebruiken"), (2, "Doel, Geld en Gebruikers")])
    assert names[1] == "DGG" and names[2] != "DGG" and len(names[2]) <= 3


# ---------------------------------------------------------------------------- the screen


def test_overlapping_codings_of_two_coders_are_named_and_listed(tui_project: Project) -> None:
    with tui_project.reading() as session:
        coding = session.scalar(
            select(models.Coding.id)
            .join(models.Coder)
            .join(models.Document)
            .where(
                models.Coder.name == "coder2",
                models.Document.name == "interview_01",
                models.Coding.exemplar.is_(True),
            )
            .order_by(models.Coding.start)
        )
    assert coding is not None
    set_coding_memo(tui_project, coding, "coder2", "sfeer, niet de techniek")
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await go_to(app, pilot, PRESSURE)
        tv = view(app)
        seen["rows"] = rows(tv)
        seen["here"] = plain(screen(app).query_one(CodesHere))
        seen["header"] = plain(screen(app).query_one(CodingHeader))
        seen["status"] = plain(screen(app).query_one(StatusBar))
        seen["listed"] = screen(app).query_one(CodesHere).codings

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=WIDE)
    drawn = "\n".join(seen["rows"])  # type: ignore[arg-type]
    assert "▌DGG¹" in drawn and "▌DGG²" in drawn  # a stripe per coder, named, marked
    here = str(seen["here"])
    assert here.count("Druk om GenAI te gebruiken") == 2
    assert "coder1 ★" in here and "coder2 ★ ✎ memo" in here  # never cut
    assert [c.coder for c in seen["listed"]] == ["coder1", "coder2"]  # type: ignore[attr-defined]
    header = str(seen["header"])
    assert "all coders" in header and "¹coder1" in header and "²coder2" in header
    assert "coder coder1" in header and "? help" in header
    assert "2 codings here" in str(seen["status"])


def test_the_view_switch_changes_whose_codings_show(tui_project: Project) -> None:
    seen: dict[str, tuple[set[str], str, str]] = {}

    async def look(app: CodebenchApp, name: str) -> None:
        tv = view(app)
        header = plain(screen(app).query_one(CodingHeader))
        seen[name] = ({h.coder for h in tv.highlights}, header, "\n".join(rows(tv)))

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await go_to(app, pilot, PRESSURE)
        await look(app, "all")
        await choose_view(pilot, "mine")
        await go_to(app, pilot, PRESSURE)
        await look(app, "mine")
        await choose_view(pilot, "coder2 only")
        await go_to(app, pilot, PRESSURE)
        await look(app, "coder2")
        await choose_view(pilot, "all coders")
        await look(app, "all again")

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=WIDE)
    assert seen["all"][0] == {"coder1", "coder2"}
    assert seen["mine"][0] == {"coder1"} and "view mine (coder1)" in seen["mine"][1]
    assert "▌DGG " in seen["mine"][2] and "¹" not in seen["mine"][2]  # one coder: no marks
    assert seen["coder2"][0] == {"coder2"} and "view coder2 only" in seen["coder2"][1]
    assert seen["all again"][0] == {"coder1", "coder2"}


def test_consensus_view_shows_the_consensus_coders_codings(tui_project: Project) -> None:
    with tui_project.reading() as session:
        document = session.scalar(
            select(models.Document.id).where(models.Document.name == "interview_01")
        )
        code = session.scalar(
            select(models.Code.id).where(models.Code.name == "Druk om GenAI te gebruiken")
        )
        text = session.scalar(select(models.Document.text).where(models.Document.id == document))
    assert document is not None and code is not None and text is not None
    start = text.index(PRESSURE)
    apply_code_to_span(tui_project, document, code, "consensus", start, start + 40)
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await choose_view(pilot, "consensus")
        seen["coders"] = {h.coder for h in view(app).highlights}
        seen["header"] = plain(screen(app).query_one(CodingHeader))

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=WIDE)
    assert seen["coders"] == {"consensus"}
    assert "view consensus" in str(seen["header"])


def test_blind_coding_keeps_to_ones_own_codings(tui_project: Project) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("v")
        await pilot.pause()
        seen["dialog"] = isinstance(app.screen, ChoiceList)
        seen["notes"] = [n.message for n in app._notifications]
        seen["coders"] = {h.coder for h in view(app).highlights}
        seen["header"] = plain(screen(app).query_one(CodingHeader))
        # even asked directly, the open document gets no other coder's codings
        try:
            screen(app).looks.show(CoderView(CODER, "coder1"))
        except CodebenchError:  # pragma: no cover - the look reports it, never raises
            seen["raised"] = True
        await pilot.pause()
        seen["after"] = {h.coder for h in view(app).highlights}

    drive(CodebenchApp(tui_project, "coder2", blind=True), scenario, size=WIDE)
    assert seen["dialog"] is False
    assert any("blind" in str(n) for n in seen["notes"])  # type: ignore[attr-defined]
    assert seen["coders"] == {"coder2"} and seen["after"] == {"coder2"}
    assert "mine (coder2) blind" in str(seen["header"])
    assert "raised" not in seen
    with pytest.raises(CodebenchError, match="blind"):
        document_codings(tui_project, 1, Viewer("coder2", blind=True), ["coder1"])


# ---------------------------------------------------------------------------- narrow


def test_at_80_columns_the_side_panes_fold_and_unfold(tui_project: Project) -> None:
    seen: dict[str, object] = {}

    def shown(app: CodebenchApp) -> tuple[bool, bool]:
        return (
            screen(app).query_one("#documents").styles.display != "none",
            screen(app).query_one("#codebook").styles.display != "none",
        )

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        seen["start"] = shown(app)
        seen["text width"] = view(app).text_layout.width  # type: ignore[union-attr]
        await pilot.press("d")
        await pilot.pause()
        seen["d"] = shown(app)
        seen["focus"] = app.focused is not None and app.focused.id == "documents"
        await pilot.press("t")
        await pilot.pause()
        seen["t"] = shown(app)
        await pilot.press("b")
        await pilot.pause()
        seen["b"] = shown(app)
        await pilot.press("t", "backslash")
        await pilot.pause()
        seen["\\"] = shown(app)
        await pilot.press("backslash")
        await pilot.pause()
        seen["\\\\"] = shown(app)
        await pilot.press("backslash")
        await pilot.pause()
        seen["\\\\\\"] = shown(app)

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(80, 24))
    assert seen["start"] == (False, False)
    assert int(seen["text width"]) >= 50  # type: ignore[call-overload]
    assert seen["d"] == (True, False) and seen["focus"]
    assert seen["t"] == (False, False)
    assert seen["b"] == (False, True)
    assert seen["\\"] == (True, False) and seen["\\\\"] == (False, True)
    assert seen["\\\\\\"] == (False, False)


def test_wide_terminal_shows_both_panes_and_backslash_hides_them(tui_project: Project) -> None:
    seen: list[tuple[bool, bool]] = []

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        for _ in range(3):
            seen.append(
                (
                    screen(app).query_one("#documents").styles.display != "none",
                    screen(app).query_one("#codebook").styles.display != "none",
                )
            )
            await pilot.press("backslash")
            await pilot.pause()

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(160, 50))
    assert seen == [(True, True), (False, False), (True, True)]


def test_narrow_labels_are_short_and_distinct_and_the_coder_stays_visible(
    tui_project: Project,
) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await go_to(app, pilot, PRESSURE)
        seen["header"] = plain(screen(app).query_one(CodingHeader))
        seen["status"] = plain(screen(app).query_one(StatusBar))
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "enter")  # interview_02: two respondents
        await pilot.pause()
        tv = view(app)
        layout = tv.text_layout
        assert layout is not None
        seen["gutters"] = {r[1 : layout.gutter].strip() for r in rows(tv)}
        seen["labels"] = tv.short_labels

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=(80, 24))
    assert "coder coder1" in str(seen["header"]) and "? help" in str(seen["header"])
    assert str(seen["status"]).startswith("Respondent 1")  # the speaker in full
    assert seen["labels"] == {"Interviewer": "I", "Respondent 2": "R2", "Respondent 3": "R3"}
    gutters = seen["gutters"]
    assert {"I", "R2", "R3"} <= gutters  # type: ignore[operator]
    assert not any("Respond" in g for g in gutters)  # type: ignore[attr-defined]


def test_codebook_swatches_use_the_display_colours(tui_project: Project) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        ws = screen(app).ws
        nodes: list[CodeNode] = ws.codes
        seen["colours"] = [ws.colour_of(n.id, n.colour) for n in nodes]
        seen["reserved"] = theme_colours(app)
        tree = screen(app).codebook.code_tree
        first = tree.root.children[0].children[0]
        seen["swatch"] = first.label.spans[0].style  # type: ignore[union-attr]
        seen["first"] = ws.colour_of(first.data, None) if first.data else None

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=WIDE)
    colours: list[str] = seen["colours"]  # type: ignore[assignment]
    siblings = colours[1:7]  # the first group's codes: one hue each in the codebook file
    assert len(set(siblings)) == len(siblings)
    reserved: Reserved = seen["reserved"]  # type: ignore[assignment]
    assert not any(reserved.clashes(c) for c in colours)
    assert str(seen["swatch"]) == str(seen["first"])


@pytest.mark.parametrize(("size", "documents_shown"), [((120, 40), False), ((160, 50), True)])
def test_the_first_screen_wraps_the_transcript_once_at_its_final_width(
    tui_project: Project,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    documents_shown: bool,
) -> None:
    """A long interview is wrapped once before its first paint: the side panes fold for the
    terminal's width before anything is laid out, not after a first layout at full width."""
    import codebench.tui.transcript_view as transcript_view

    widths: list[int] = []
    build = transcript_view.build_layout

    def counted(*args: object, **kwargs: object) -> object:
        layout = build(*args, **kwargs)  # type: ignore[arg-type]
        widths.append(layout.width)
        return layout

    monkeypatch.setattr(transcript_view, "build_layout", counted)
    seen: dict[str, object] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        seen["documents"] = screen(app).query_one("#documents").styles.display != "none"

    drive(CodebenchApp(tui_project, "coder1"), scenario, size=size)
    assert seen["documents"] is documents_shown
    assert len(widths) == 1, widths
