"""parse_markdown: Markdown transcripts as blogs, podcast sites and otter.ai publish them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.importers.markdown import parse_markdown
from codebench.importers.model import RawTurn
from codebench.importers.render import render

REAL = Path(__file__).parents[1] / "fixtures" / "real"
MARKUP_RE = re.compile(r"<[a-z/!]|&[a-z#]\w*;|\*\*|__|^#|^---|title:", re.MULTILINE)


def summary(turns: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in turns]


def write(tmp_path: Path, text: str, name: str = "t.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BLOG = """\
---
layout: post
title: "Een gesprek met Ruben over de Vecht"
tags: [interview, rivier]
---

## Inleiding

Ruben woont al <i>dertig jaar</i> aan de rivier. We spraken hem op zijn boot.

<b>Interviewer:</b><br>Hoe ben je hier terechtgekomen?

<b>Ruben:</b><br>Via opa. Hij had een werf &amp; een boot, <em>De Ho&euml;k</em>.<br>
Dat was in 1974.

<b>Interviewer:</b><br>Wat is er sindsdien veranderd?

<b>Ruben:</b><br>Drie dingen:

- het water is _schoner_,
- er zijn meer *toeristen*,
- en de [werf](https://example.org/werf) is weg.

### Toekomst

<strong>Interviewer</strong>: En nu?

<strong>Ruben</strong>: We blijven. Zie ook <a href="https://example.org">de site</a>.
"""


def test_blog_interview_with_front_matter_and_html_labels(tmp_path: Path) -> None:
    transcript = parse_markdown(write(tmp_path, BLOG))

    assert transcript.source_format == "md"
    assert summary(transcript.turns) == [
        (None, ["Een gesprek met Ruben over de Vecht"]),
        (None, ["Inleiding"]),
        (None, ["Ruben woont al dertig jaar aan de rivier. We spraken hem op zijn boot."]),
        ("Interviewer", ["Hoe ben je hier terechtgekomen?"]),
        (
            "Ruben",
            [
                "Via opa. Hij had een werf & een boot, De Hoëk.",
                "Dat was in 1974.",
            ],
        ),
        ("Interviewer", ["Wat is er sindsdien veranderd?"]),
        (
            "Ruben",
            [
                "Drie dingen:",
                "het water is schoner,",
                "er zijn meer toeristen,",
                "en de werf is weg.",
                "Toekomst",
            ],
        ),
        ("Interviewer", ["En nu?"]),
        ("Ruben", ["We blijven. Zie ook de site."]),
    ]


def test_no_markup_reaches_the_stored_text(tmp_path: Path) -> None:
    rendered = render(parse_markdown(write(tmp_path, BLOG)))
    assert MARKUP_RE.search(rendered.text) is None
    assert "layout" not in rendered.text
    assert "Ruben: Via opa." in rendered.text


def test_bold_markdown_labels_and_headings(tmp_path: Path) -> None:
    text = (
        "# Interview 3\n\n"
        "**Interviewer:** Wat is uw rol?  \n"
        "**Femke** Ik ben beleidsmedewerker.\n\n"
        "En ik doe **veel** projecten.\n"
        "__Interviewer__: Dank u.\n"
        "**Femke:** Graag gedaan.\n"
    )
    transcript = parse_markdown(write(tmp_path, text))
    assert transcript.source_format == "md"
    assert summary(transcript.turns) == [
        (None, ["Interview 3"]),
        ("Interviewer", ["Wat is uw rol?"]),
        ("Femke", ["Ik ben beleidsmedewerker.", "En ik doe veel projecten."]),
        ("Interviewer", ["Dank u."]),
        ("Femke", ["Graag gedaan."]),
    ]


def test_html_blocks_are_read_as_text(tmp_path: Path) -> None:
    text = (
        "<div class='interview'>\n"
        "<p><b>I:</b> Waar&nbsp;woont u?</p>\n"
        "<p><b>R:</b> In\n  Zwolle.<br/>Al lang.</p>\n"
        "<script>track('interview')</script>\n"
        "</div>\n"
        "<!-- einde -->\n"
    )
    assert summary(parse_markdown(write(tmp_path, text)).turns) == [
        ("I", ["Waar\xa0woont u?"]),
        ("R", ["In Zwolle.", "Al lang."]),
    ]


def test_table_rows_are_turns(tmp_path: Path) -> None:
    text = (
        "| Tijd | Spreker | Tekst |\n"
        "| --- | --- | --- |\n"
        "| 00:00:05 | Interviewer | Welkom. |\n"
        "| 00:00:09 | Respondent 5 | Dank je, *echt*. |\n"
    )
    turns = parse_markdown(write(tmp_path, text)).turns
    assert summary(turns) == [
        (None, ["Tijd: Spreker"]),
        (None, ["Tekst"]),
        ("Interviewer", ["Welkom."]),
        ("Respondent 5", ["Dank je, echt."]),
    ]
    assert [turn.time for turn in turns[2:]] == [5.0, 9.0]


@pytest.mark.parametrize(
    "front_matter",
    ["---\nauthor: x\n---\n", "---\ntitle: [unclosed\n---\n", "---\n- a list\n---\n"],
    ids=["no-title", "not-yaml", "not-a-mapping"],
)
def test_front_matter_without_a_title_is_dropped(tmp_path: Path, front_matter: str) -> None:
    turns = parse_markdown(write(tmp_path, front_matter + "I: Hallo.\nR: Dag.\n")).turns
    assert summary(turns) == [("I", ["Hallo."]), ("R", ["Dag."])]


def test_uppercase_suffix_and_code_blocks(tmp_path: Path) -> None:
    transcript = parse_markdown(write(tmp_path, "```\nI: Hallo\nR: Dag\n```\n", "T.MD"))
    assert transcript.source_format == "md"
    assert summary(transcript.turns) == [("I", ["Hallo"]), ("R", ["Dag"])]


@pytest.mark.parametrize("text", ["", "---\ntitle: ''\n---\n", "<!-- nothing -->\n\n---\n"])
def test_empty_markdown(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        parse_markdown(path)
    assert str(info.value) == f"{path}: file is empty"


# --- real otter.ai export --------------------------------------------------------------------


@pytest.fixture(scope="module")
def otter() -> list[RawTurn]:
    return parse_markdown(REAL / "otter_interview_lantana.md").turns


def test_otter_export_format_and_interviewer() -> None:
    transcript = parse_markdown(REAL / "otter_interview_lantana.md")
    assert transcript.source_format == "otter"
    assert transcript.interviewers == frozenset({"Jonas Rosland"})


def test_otter_header_lines_are_speakerless_turns(otter: list[RawTurn]) -> None:
    assert summary(otter[:5]) == [
        (None, ["Transcript of interview with Danny Silvers of Lantana Games"]),
        (None, ["Details"]),
        (None, ["Interview took place on November 19, 2020. Interviewer is Jonas Rosland."]),
        (None, ["Transcription is provided by https://otter.ai."]),
        (None, ["Transcript"]),
    ]


def test_otter_speakers_alternate(otter: list[RawTurn]) -> None:
    turns = otter[5:]
    # 59 "Name  m:ss" lines in the file, each starting a turn.
    assert len(turns) == 59
    assert {turn.speaker for turn in turns} == {"Jonas Rosland", "Danny Silvers"}
    assert turns[0].speaker == "Jonas Rosland"
    repeats = [i for i in range(1, len(turns)) if turns[i].speaker == turns[i - 1].speaker]
    # The one place the file labels one speaker twice in a row is after otter's timer reset.
    assert repeats == [32]
    assert turns[31].paragraphs[-1] == "-- TIMER RESET --"
    assert turns[32].time == 0.0


def test_otter_times_and_clean_text(otter: list[RawTurn]) -> None:
    turns = otter[5:]
    assert [turn.time for turn in turns[:4]] == [0.0, 61.0, 105.0, 122.0]
    assert turns[-1].speaker == "Danny Silvers"
    assert turns[-1].paragraphs == ["Bye thanks Jonas."]
    assert turns[0].paragraphs[0].startswith("Hi, folks, and welcome to the Hit Save podcast.")
    assert "called Mondrian - Plastic Reality, which" in turns[1].paragraphs[1]
    for turn in otter:
        for paragraph in turn.paragraphs:
            assert "otter.ai" not in paragraph or turn.speaker is None
            assert paragraph == paragraph.strip()
            assert "Jonas Rosland  " not in paragraph
            assert "_" not in paragraph


def test_otter_export_with_two_interviewers_and_labels_without_times() -> None:
    transcript = parse_markdown(REAL / "otter_get_a_grip_chip.md")

    assert transcript.source_format == "otter"
    assert transcript.interviewers == frozenset({"Jonas Rosland", "Rich McGrath"})
    spoken = [turn for turn in transcript.turns if turn.speaker is not None]
    # 192 label lines in the file: Jon Lawitts 80, Vicky Wei 70, Jonas Rosland 28, Rich 14.
    assert len(spoken) == 192
    assert [turn.speaker for turn in transcript.turns[:8]] == [None] * 6 + [
        "Jonas Rosland",
        "Jon Lawitts",
    ]
    assert transcript.turns[-1].paragraphs == ["Thanks."]
