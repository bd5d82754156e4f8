"""The transcript view: layout, cursor and selection, codings, partial repaints, mouse.

pytest-asyncio is not installed: each test runs its scenario with `asyncio.run`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import ClassVar

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot

from codebench.services.coding.views import CodingView
from codebench.services.documents.overview import DocumentView, SentenceView, TurnView
from codebench.tui.transcript.layout import BLANK, TEXT, build_layout, wrap_paragraph
from codebench.tui.transcript_view import GUTTER, TranscriptView

_SENTENCE = re.compile(r"[^.?!\s][^.?!\n]*[.?!]*")


def make_view(
    turns: list[tuple[str | None, str]], times: dict[int, float] | None = None
) -> DocumentView:
    """A DocumentView laid out like the importers do ("Label: speech", turns by a blank line)."""
    parts: list[str] = []
    views: list[TurnView] = []
    offset = 0
    number = 1
    for index, (speaker, speech) in enumerate(turns):
        if parts:
            parts.append("\n\n")
            offset += 2
        label = f"{speaker}: " if speaker else ""
        start = offset
        speech_start = start + len(label)
        end = speech_start + len(speech)
        parts.extend((label, speech))
        offset = end
        sentences = []
        for match in _SENTENCE.finditer(speech):
            text = match.group().rstrip()
            s = speech_start + match.start()
            sentences.append(SentenceView(number, s, s + len(text), text))
            number += 1
        role = None if speaker is None else "interviewer" if speaker == "I" else "respondent"
        views.append(
            TurnView(
                speaker,
                role,
                (times or {}).get(index),
                start,
                speech_start,
                end,
                sentences,
            )
        )
    return DocumentView("doc", "nl", "".join(parts), views)


LONG = (
    "Het begon eigenlijk heel klein, met een café 🎉 op de hoek waar we elke week samenkwamen "
    "om over de wijk te praten, en daarna groeide het uit tot een coöperatie met honderden "
    "leden die allemaal iets wilden bijdragen aan een betere buurt. "
) * 3

DOC = make_view(
    [
        (None, "Interview 3 — Gemeente Utrecht"),
        ("I", "Hoe begon het project? Vertel eens."),
        ("Respondent 1", "Het begon in 2019 met een café 🎉 op de hoek. Daarna groeiden we."),
        ("I", "En toen?"),
        ("Respondent 2", "Toen kwam de subsidie. Dat was fijn.\nMaar het duurde lang."),
    ],
    times={1: 63.0, 2: 3725.0},
)


class ViewApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "escaped", "Back")]

    def __init__(self, view: DocumentView, highlights: list[CodingView] | None = None) -> None:
        super().__init__()
        self.view = view
        self.highlights = highlights or []
        self.moves: list[TranscriptView.CursorMoved] = []
        self.escapes = 0

    def action_escaped(self) -> None:
        self.escapes += 1

    def compose(self) -> ComposeResult:
        yield TranscriptView()

    def on_mount(self) -> None:
        transcript = self.query_one(TranscriptView)
        transcript.load(self.view, self.highlights)
        transcript.focus()

    def on_transcript_view_cursor_moved(self, message: TranscriptView.CursorMoved) -> None:
        self.moves.append(message)


Scenario = Callable[[ViewApp, TranscriptView, Pilot[None]], Awaitable[None]]


def run(
    scenario: Scenario,
    view: DocumentView = DOC,
    highlights: list[CodingView] | None = None,
    size: tuple[int, int] = (100, 30),
) -> None:
    async def main() -> None:
        app = ViewApp(view, highlights)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, app.query_one(TranscriptView), pilot)

    asyncio.run(main())


def rows(tv: TranscriptView) -> list[str]:
    """The visible rows as plain text."""
    height = tv.scrollable_content_region.height
    return ["".join(s.text for s in tv.render_line(y)) for y in range(height)]


def sentence_text(view: DocumentView, number: int) -> str:
    return next(s.text for t in view.turns for s in t.sentences if s.number == number)


def span_of(view: DocumentView, fragment: str) -> tuple[int, int]:
    start = view.text.index(fragment)
    return start, start + len(fragment)


def hl(coding_id: int, code_id: int, span: tuple[int, int], colour: str = "#e6194b") -> CodingView:
    return CodingView(
        id=coding_id,
        document_id=1,
        code_id=code_id,
        code_name=f"code {code_id}",
        code_path=f"code {code_id}",
        colour=colour,
        coder="ann",
        start=span[0],
        end=span[1],
        exemplar=False,
        memo=None,
        created_at=datetime(2026, 1, 1),
    )


# ---------------------------------------------------------------------------- layout


def test_wrap_keeps_every_code_point_and_fits_in_cells() -> None:
    text = "x " + LONG + "a" * 50 + " 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 éé"
    for width in (10, 23, 40, 77):
        lines = wrap_paragraph(text, 0, len(text), width)
        assert lines[0][0] == 0 and lines[-1][1] == len(text)
        for (_, end), (start, _) in pairwise(lines):
            assert end == start
        for start, end in lines:
            assert cell_len(text[start:end].rstrip()) <= width


@pytest.mark.parametrize("width", [40, 60, 100])
def test_long_paragraph_wraps_within_the_text_area(width: int) -> None:
    view = make_view([("I", "Vertel eens?"), ("Respondent 1", LONG + "\n" + LONG)])

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        layout = tv.text_layout
        assert layout is not None
        content = tv.scrollable_content_region.width
        # narrow: the gutter gives way to short labels ("I", "R1"), the margin to two lanes
        assert layout.gutter == (GUTTER if width >= 100 else 4)
        assert tv.margin.lanes == (3 if width >= 100 else 2)
        assert layout.width == content - layout.gutter - tv.margin.width
        text_lines = [i for i in range(len(layout)) if layout.kinds[i] == TEXT]
        assert len(text_lines) > 6
        for i in text_lines:
            drawn = view.text[layout.starts[i] : layout.ends[i]].rstrip()
            assert "\n" not in drawn
            assert cell_len(drawn) <= layout.width
        for row in rows(tv):
            assert cell_len(row) == content
        # the paragraph break of the speech is kept: a line starts right after the newline
        newline = view.text.index("\n", view.turns[1].speech_start)
        assert newline + 1 in list(layout.starts)

    run(scenario, view, size=(width, 40))


def test_labels_never_part_of_the_drawn_speech() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        drawn = rows(tv)
        text_columns = [row[GUTTER:] for row in drawn]
        joined = "\n".join(text_columns)
        for label in ("I:", "Respondent 1:", "Respondent 2:"):
            assert label not in joined
        # the speaker is in the gutter, the speech right of it
        first = next(r for r in drawn if "Respondent 1" in r)
        assert first.index("Respondent 1") < GUTTER
        assert first[GUTTER:].startswith("Het begon in 2019")
        # title blocks have an empty gutter
        assert drawn[0][:GUTTER].strip() == ""
        assert drawn[0][GUTTER:].startswith("Interview 3")
        # one blank line between turns
        layout = tv.text_layout
        assert layout is not None
        assert list(layout.kinds).count(BLANK) == len(DOC.turns) - 1

    run(scenario)


def test_gutter_shows_time_and_sentence_numbers() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        drawn = rows(tv)
        interviewer = next(i for i, r in enumerate(drawn) if r[1:GUTTER].strip() == "I")
        assert drawn[interviewer].startswith("▌")  # the cursor sentence is marked
        # a one-line turn with a time gets a second row for it
        assert drawn[interviewer + 1][:GUTTER].strip() == "00:01:03"
        assert any(r[1:GUTTER].strip() == "01:02:05" for r in drawn)
        assert next(r for r in drawn if "Het begon" in r)[1:GUTTER].strip() == "Respondent 1"
        tv.show_numbers = True
        await pilot.pause()
        numbered = rows(tv)
        het = next(r for r in numbered if "Het begon" in r)
        assert het[:GUTTER].rstrip().endswith(" 4")
        assert "Respondent 1" in het[:GUTTER]

    run(scenario)


def test_layout_is_built_once_per_width() -> None:
    layout_a = build_layout(DOC.text, DOC.turns, range(len(DOC.turns)), 30)
    layout_b = build_layout(DOC.text, DOC.turns, range(len(DOC.turns)), 300)
    assert len(layout_a) > len(layout_b)

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        before = tv.text_layout
        tv.refresh()
        await pilot.pause()
        assert tv.text_layout is before
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert tv.text_layout is not before
        assert tv.virtual_size.height == len(tv.text_layout or ())

    run(scenario)


# ---------------------------------------------------------------------------- cursor


def test_cursor_moves_by_sentence_and_turn() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        # starts on the first sentence of the first turn with a speaker (not the title)
        assert tv.cursor_sentence == DOC.turns[1].sentences[0]
        assert tv.selected_text == "Hoe begon het project?"
        await pilot.press("down")
        assert tv.selected_text == "Vertel eens."
        await pilot.press("j")
        assert tv.cursor_sentence == DOC.turns[2].sentences[0]
        await pilot.press("k", "up")
        assert tv.selected_text == "Hoe begon het project?"
        await pilot.press("up")
        assert tv.selected_text == "Interview 3 — Gemeente Utrecht"
        await pilot.press("up")  # stays at the top
        assert tv.cursor_index == 0
        await pilot.press("]", "]")
        assert tv.cursor_sentence == DOC.turns[2].sentences[0]
        await pilot.press("down", "[")
        assert tv.cursor_sentence == DOC.turns[1].sentences[0]
        await pilot.press("end")
        assert tv.selected_text == "Maar het duurde lang."
        await pilot.press("]")
        assert tv.selected_text == "Maar het duurde lang."
        await pilot.press("home")
        assert tv.cursor_index == 0
        assert app.moves and app.moves[-1].sentence == tv.cursor_sentence
        assert app.moves[-1].selection == tv.selection

    run(scenario)


def test_selection_extends_by_sentence_with_an_anchor() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        await pilot.press("]")  # Respondent 1, "Het begon ..."
        het = DOC.turns[2].sentences[0]
        await pilot.press("shift+down")
        assert tv.selection == (het.start, DOC.turns[2].sentences[1].end)
        await pilot.press("shift+down")  # crosses into the next turn
        assert tv.selection == (het.start, DOC.turns[3].sentences[0].end)
        assert tv.cursor_sentence == DOC.turns[3].sentences[0]
        await pilot.press("shift+up", "shift+up", "shift+up")  # back past the anchor
        assert tv.selection == (DOC.turns[1].sentences[1].start, het.end)
        assert tv.selected_text.startswith("Vertel eens.")
        await pilot.press("escape")
        assert tv.selection == (DOC.turns[1].sentences[1].start, DOC.turns[1].sentences[1].end)
        assert app.escapes == 0
        await pilot.press("escape")  # nothing left to collapse: the key reaches the app
        assert app.escapes == 1
        await pilot.press("shift+down", "down")  # a plain move collapses
        daarna = DOC.turns[2].sentences[1]
        assert tv.selection == (daarna.start, daarna.end)

    run(scenario)


def test_selection_end_moves_by_word_and_character_exactly() -> None:
    view = make_view([("I", "Waar?"), ("R", "Een café 🎉 naïef, zó gaat het. Klaar.")])

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        await pilot.press("down")
        assert tv.selected_text == "Een café 🎉 naïef, zó gaat het."
        for _ in range(5):
            await pilot.press("shift+left")
        assert tv.selected_text == "Een café 🎉 naïef"
        await pilot.press("shift+left")
        assert tv.selected_text == "Een café 🎉"
        await pilot.press("shift+left")
        assert tv.selected_text == "Een café"
        await pilot.press("ctrl+shift+left")
        assert tv.selected_text == "Een caf"
        await pilot.press("ctrl+shift+right", "ctrl+shift+right", "ctrl+shift+right")
        assert tv.selected_text == "Een café 🎉"
        await pilot.press("shift+right")
        assert tv.selected_text == "Een café 🎉 naïef"
        await pilot.press("shift+right", "shift+right", "shift+right")
        assert tv.selected_text == "Een café 🎉 naïef, zó gaat"
        await pilot.press("shift+left", "shift+left", "shift+left", "shift+left", "shift+left")
        await pilot.press("shift+left", "shift+left", "shift+left")
        assert tv.selected_text == "Een"  # never shrinks to nothing
        await pilot.press("ctrl+shift+left", "ctrl+shift+left", "ctrl+shift+left")
        assert tv.selected_text == "E"

    run(scenario, view)


def test_word_extension_crosses_turns_without_stopping_in_labels() -> None:
    view = make_view([("I", "Waar?"), ("Respondent 1", "Hier.")])

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        assert tv.selected_text == "Waar?"
        await pilot.press("shift+right")
        assert tv.selection[1] == view.text.index("Hier") + 4
        assert tv.cursor_sentence == view.turns[1].sentences[0]
        await pilot.press("shift+left")
        assert tv.selected_text == "Waar?"
        await pilot.press("ctrl+shift+right")
        assert tv.selected_text.endswith("Respondent 1: H")

    run(scenario, view)


def test_page_down_moves_cursor_with_the_page() -> None:
    view = make_view([("R" if i % 2 else "I", f"Zin nummer {i}. En nog een.") for i in range(80)])

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        await pilot.press("pagedown")
        assert tv.scroll_offset.y > 0
        layout = tv.text_layout
        sentence = tv.cursor_sentence
        assert layout is not None and sentence is not None
        line = layout.line_of(sentence.start)
        assert tv.scroll_offset.y <= line < tv.scroll_offset.y + 20
        assert line >= 15
        await pilot.press("pageup")
        assert tv.scroll_offset.y == 0

    run(scenario, view, size=(80, 20))


def test_go_to_puts_the_cursor_on_the_sentence_and_scrolls() -> None:
    view = make_view([("R" if i % 2 else "I", f"Zin nummer {i}. En nog een.") for i in range(80)])

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        target = view.text.index("Zin nummer 70.") + 4
        tv.go_to(target)
        await pilot.pause()
        assert tv.selected_text == "Zin nummer 70."
        layout = tv.text_layout
        assert layout is not None
        line = layout.line_of(target)
        assert tv.scroll_offset.y <= line < tv.scroll_offset.y + 20
        # an offset between sentences goes to the nearest
        gap = view.text.index("nummer 3.") + len("nummer 3.")
        tv.go_to(gap)
        assert tv.selected_text == "Zin nummer 3."
        tv.go_to(view.turns[5].start)  # inside a label: the nearest sentence is the speech
        assert tv.cursor_sentence == view.turns[5].sentences[0]

    run(scenario, view, size=(80, 20))


def test_filter_by_speaker() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        tv.set_filter(lambda turn: turn.speaker == "I")
        await pilot.pause()
        drawn = "\n".join(rows(tv))
        assert "Hoe begon" in drawn and "En toen?" in drawn
        assert "Het begon" not in drawn and "Interview 3" not in drawn
        assert tv.selected_text == "Hoe begon het project?"
        await pilot.press("shift+down", "shift+down", "shift+right", "ctrl+shift+right")
        # a selection never reaches into a hidden turn
        assert tv.selected_text == "Hoe begon het project? Vertel eens."
        await pilot.press("down")
        assert tv.selected_text == "En toen?"
        await pilot.press("down", "]")
        assert tv.selected_text == "En toen?"
        tv.set_filter(None)
        await pilot.pause()
        assert tv.selected_text == "En toen?"
        assert "Het begon" in "\n".join(rows(tv))

    run(scenario)


def test_find_selects_matches_in_speech_only() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        assert tv.find("respondent") is None  # labels are not speech
        span = tv.find("HET")
        assert span is not None and DOC.text[span[0] : span[1]] == "het"
        assert tv.selected_text == "het"
        second = tv.find("het")
        assert second is not None and second[0] > span[0]
        assert tv.find("het", -1) == span

    run(scenario)


# ---------------------------------------------------------------------------- codings


def test_codings_at_and_in_selection() -> None:
    a = hl(1, 10, span_of(DOC, "begon in 2019"))
    b = hl(2, 11, span_of(DOC, "2019 met een café"), "#3cb44b")

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        at_2019 = DOC.text.index("2019")
        assert tv.codings_at(at_2019) == [a, b]
        assert tv.codings_at(DOC.text.index("begon in")) == [a]
        assert tv.codings_at(DOC.text.index("café")) == [b]
        assert tv.codings_at(DOC.text.index("hoek")) == []
        assert tv.codings_in_selection() == []
        await pilot.press("]")
        assert tv.codings_in_selection() == [a, b]

    run(scenario, highlights=[a, b])


def test_overlapping_codings_draw_the_newest_colour_and_every_stripe() -> None:
    a = hl(1, 10, span_of(DOC, "begon in 2019"), "#ff0000")
    b = hl(2, 11, span_of(DOC, "2019 met"), "#0000ff")

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        layout = tv.text_layout
        assert layout is not None
        row = layout.line_of(a.start)
        segments = list(tv.render_line(row))
        background = {s.text: s.style.bgcolor for s in segments if s.style and s.text.strip()}
        plain = background["Het "]
        assert background["begon in "] != plain
        assert background["2019"] != background["begon in "]
        assert background["2019"] == background[" met"]  # the newest coding's colour
        margin = segments[-tv.margin.lanes * 2 - 2 :]
        stripes = [s for s in margin if s.text == "▌"]
        assert [s.style.color.name for s in stripes if s.style and s.style.color] == [
            "#ff0000",
            "#0000ff",
        ]

    run(scenario, highlights=[a, b])


def test_coded_text_is_strongly_tinted_and_readable() -> None:
    """A code's tint is clearly its hue (not a grey), and the text on it keeps contrast."""
    blue = hl(1, 10, span_of(DOC, "begon in 2019"), "#0072B2")

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        layout = tv.text_layout
        assert layout is not None
        segments = list(tv.render_line(layout.line_of(blue.start)))
        coded = next(s for s in segments if s.text == "begon in 2019")
        assert coded.style is not None and coded.style.bgcolor is not None
        red, green, blue_part = coded.style.bgcolor.get_truecolor()
        assert blue_part - red > 40 and blue_part - green > 20  # visibly blue
        plain = next(s for s in segments if s.text.startswith("Het"))
        assert plain.style is not None and coded.style.color != plain.style.bgcolor

    run(scenario, highlights=[blue])


def test_stripes_are_named_on_the_first_line_of_each_coding() -> None:
    first = hl(1, 10, span_of(DOC, "Het begon in 2019"))
    second = hl(2, 11, span_of(DOC, "met een café"), "#3cb44b")
    first = replace(first, code_name="Druk om GenAI te gebruiken")
    second = replace(second, code_name="Voorkomen van schaduwgebruik")
    long_turn = make_view([("I", "Vertel eens?"), ("Respondent 1", LONG)])
    start = long_turn.text.index("Het begon")
    spanning = replace(hl(3, 12, (start, start + 400)), code_name="Aanleiding")

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        drawn = rows(tv)
        row = next(r for r in drawn if "Het begon" in r)
        assert row.rstrip().endswith("▌DGG▌VS")  # each in its own lane, by short name
        tv.load(long_turn, [spanning])
        await pilot.pause()
        stripes = [r[-tv.margin.width :] for r in rows(tv) if r.strip()]
        named = [s for s in stripes if "Aan" in s]
        continued = [s for s in stripes if s.strip() == "▌"]
        assert len(named) == 1 and len(continued) >= 2  # the name once, then the stripe

    run(scenario, highlights=[first, second])


def test_lanes_keep_overlapping_codings_apart() -> None:
    from codebench.tui.transcript.lanes import assign_lanes

    a = hl(1, 1, (0, 100))
    b = hl(2, 2, (10, 20))
    c = hl(3, 3, (30, 40))  # after b ended: takes b's lane
    d = hl(4, 4, (35, 120))
    lanes = assign_lanes([d, c, b, a])
    assert lanes == {1: 0, 2: 1, 3: 1, 4: 2}
    # by visual lines: b and c on one line (50 code points a line) never share a lane
    assert assign_lanes([b, c], lambda h: (h.start // 50, (h.end - 1) // 50 + 1)) == {2: 0, 3: 1}


def test_a_new_coding_leaves_the_other_stripes_in_their_lanes() -> None:
    outer = hl(1, 1, span_of(DOC, "Het begon in 2019 met een café"))
    inner = hl(2, 2, span_of(DOC, "met een café"))

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        assert (tv.lane_of(1), tv.lane_of(2)) == (0, 1)
        early = hl(3, 3, span_of(DOC, "Het begon"))  # starts first: a full layout would
        tv.set_highlights([outer, inner, early])  # put it in lane 1 and move "inner"
        assert (tv.lane_of(1), tv.lane_of(2), tv.lane_of(3)) == (0, 1, 2)
        tv.set_highlights([outer, early])  # removing one frees its lane, moves nothing
        assert (tv.lane_of(1), tv.lane_of(3)) == (0, 2)

    run(scenario, highlights=[outer, inner])


def test_a_coding_beyond_the_lanes_takes_a_free_lane_named() -> None:
    view = make_view([("I", "Vertel eens?"), ("Respondent 1", LONG)])
    start = view.text.index("Het begon")
    early = hl(1, 1, (start, start + 80))  # its first line and part of the second
    later = start + 75
    a, b = hl(2, 2, (later, later + 300)), hl(3, 3, (later, later + 300))
    fourth = replace(hl(4, 4, (later, later + 300)), code_name="Vierde code")

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        assert [tv.lane_of(i) for i in (1, 2, 3, 4)] == [0, 1, 2, 3]
        layout = tv.text_layout
        assert layout is not None
        second = layout.line_of(later) - tv.scroll_offset.y
        drawn = rows(tv)
        assert drawn[second].rstrip().endswith("▌   ▌C2  +2")  # four codings, three lanes
        # on the next line the early coding has ended: the fourth takes its lane, by name
        assert drawn[second + 1].rstrip().endswith("▌VC ▌   ▌")

    run(scenario, view, highlights=[early, a, b, fourth])


def test_more_than_three_codes_on_a_line_show_a_plus() -> None:
    words = ["Het", "begon", "2019", "café", "hoek"]
    highlights = [hl(i + 1, i + 1, span_of(DOC, w)) for i, w in enumerate(words)]

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        row = next(r for r in rows(tv) if "Het begon" in r)
        assert tv.margin.lanes == 3
        # four codings on the line ("begon" is coded on an earlier line): the first two lanes
        # named, the two codings beyond counted in the last
        assert row.rstrip().endswith("▌C1 ▌C3  +2")

    run(scenario, highlights=highlights)


def test_narrow_view_shows_short_distinct_speaker_labels() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        assert tv.short_labels == {"I": "I", "Respondent 1": "R1", "Respondent 2": "R2"}
        wide = rows(tv)
        assert any(r[1:GUTTER].strip() == "Respondent 1" for r in wide)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        layout = tv.text_layout
        assert layout is not None and layout.gutter < GUTTER
        narrow = rows(tv)
        gutters = [r[1 : layout.gutter].strip() for r in narrow]
        assert "R1" in gutters and "R2" in gutters and "I" in gutters
        assert not any("Respond" in g for g in gutters)
        # the time of a turn still shows, in the short form
        assert "1:03" in gutters

    run(scenario)


def test_set_highlights_refreshes_only_the_touched_lines() -> None:
    view = make_view([("R" if i % 2 else "I", f"Zin nummer {i}. En nog een.") for i in range(20)])
    first = view.turns[1].sentences[0]
    kept = hl(1, 1, (first.start, first.end))

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        await pilot.pause()
        layout = tv.text_layout
        assert layout is not None
        before = {y: tv.render_line(y) for y in range(25)}
        refreshed: list[tuple[int, int]] = []
        original = tv.refresh_lines

        def spy(y_start: int, line_count: int = 1) -> None:
            refreshed.append((y_start, line_count))
            original(y_start, line_count)

        tv.refresh_lines = spy  # type: ignore[method-assign]
        target = view.turns[6].sentences[1]
        added = hl(2, 2, (target.start, target.end), "#00ff00")
        tv.set_highlights([kept, added])
        line = layout.line_of(target.start)
        assert refreshed == [(line, 1)]
        after = {y: tv.render_line(y) for y in range(25)}
        for y in range(25):
            if y == line:
                assert after[y] is not before[y]
            else:
                assert after[y] is before[y], y
        # unchanged codings repaint nothing; removing one repaints only its line
        refreshed.clear()
        tv.set_highlights([kept, added])
        assert refreshed == []
        tv.set_highlights([added])
        assert refreshed == [(layout.line_of(first.start), 1)]
        # a changed coding (e.g. starred) repaints its line
        refreshed.clear()
        tv.set_highlights([replace(added, exemplar=True)])
        assert refreshed == [(line, 1)]
        bold = [s for s in tv.render_line(line) if s.text == target.text]
        assert bold and bold[0].style is not None and bold[0].style.bold

    run(scenario, view, highlights=[kept], size=(100, 30))


def test_cursor_moves_repaint_only_the_cursor_lines() -> None:
    view = make_view([("R" if i % 2 else "I", f"Zin nummer {i}. En nog een.") for i in range(20)])

    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        before = {y: tv.render_line(y) for y in range(25)}
        await pilot.press("down")
        after = {y: tv.render_line(y) for y in range(25)}
        changed = [y for y in range(25) if after[y] is not before[y]]
        assert changed == [0]  # both sentences share the first line

        await pilot.press("down")
        again = {y: tv.render_line(y) for y in range(25)}
        assert [y for y in range(25) if again[y] is not after[y]] == [0, 2]

    run(scenario, view)


def test_theme_change_clears_the_line_cache() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        dark = tv.render_line(2)
        app.theme = "textual-light"
        await pilot.pause()
        light = tv.render_line(2)
        assert light is not dark
        assert [s.style for s in light] != [s.style for s in dark]

    run(scenario)


# ---------------------------------------------------------------------------- mouse


def test_click_moves_the_cursor_and_drag_selects_characters() -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        drawn = rows(tv)
        y = next(i for i, r in enumerate(drawn) if "Daarna" in r)
        x = cell_len(drawn[y][: drawn[y].index("Daarna")])
        # the emoji before "Daarna" is two cells wide: columns are cells, not code points
        assert tv.offset_at(x, y) == DOC.text.index("Daarna")
        await pilot.click(TranscriptView, offset=(x + 2, y))
        assert tv.selected_text == "Daarna groeiden we."
        await pilot.mouse_down(TranscriptView, offset=(x, y))
        await pilot.hover(TranscriptView, offset=(x + 5, y))
        await pilot.mouse_up(TranscriptView, offset=(x + 5, y))
        assert tv.selected_text == "Daarna"
        assert tv.cursor_sentence == DOC.turns[2].sentences[1]

    run(scenario)


# ---------------------------------------------------------------------------- real import


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DocumentView]:
    from codebench.services.documents.importing import ImportOptions, import_file
    from codebench.services.documents.overview import document_view
    from codebench.services.project import init_project

    folder: Path = tmp_path_factory.mktemp("transcript")
    source = folder / "interview.txt"
    source.write_text(
        "Interviewer: Hoe begon het project? Vertel eens.\n\n"
        "Respondent 1: Het begon in 2019 met een café 🎉 op de hoek. Daarna groeiden we snel.\n"
        "We hadden geen geld.\n\n"
        "Interviewer: En toen?\n",
        encoding="utf-8",
    )
    with init_project(folder / "study.codebench", "Test") as project:
        import_file(project, source, ImportOptions())
        yield document_view(project, "interview")


def test_a_real_imported_document(imported: DocumentView) -> None:
    async def scenario(app: ViewApp, tv: TranscriptView, pilot: Pilot[None]) -> None:
        drawn = rows(tv)
        speech = "\n".join(r[GUTTER:] for r in drawn)
        assert "Interviewer:" not in speech and "Respondent 1:" not in speech
        assert tv.selected_text == "Hoe begon het project?"
        await pilot.press("]", "shift+down")
        assert tv.selected_text == (
            "Het begon in 2019 met een café 🎉 op de hoek. Daarna groeiden we snel."
        )
        await pilot.press("shift+down")
        assert tv.selected_text.endswith("snel.\nWe hadden geen geld.")
        assert any(r[GUTTER:].startswith("We hadden geen geld.") for r in drawn)

    run(scenario, imported)
