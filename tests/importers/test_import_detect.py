"""parse_file recognises a transcript by its content: wrong extensions, no extension, cues
pasted into a document."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from codebench.errors import InputError
from codebench.importers import parse_file
from codebench.importers.model import RawTranscript, RawTurn

REAL = Path(__file__).parents[1] / "fixtures" / "real"
TIMING_LEFT = re.compile(r"-->|\d{2}:\d{2}[.,]\d{3}|WEBVTT|^\d+$|```")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def summary(turns: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in turns]


def assert_no_timings(transcript: RawTranscript) -> None:
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            assert not TIMING_LEFT.search(paragraph), paragraph


TEAMS = """WEBVTT

8a1c5a4e-37d1-4b59-9a7c-0f1e2d3c4b5a/12-0
00:00:02.150 --> 00:00:04.900
<v Anouk de Jong>Fijn dat je tijd hebt.</v>

8a1c5a4e-37d1-4b59-9a7c-0f1e2d3c4b5a/13-0
00:00:05.400 --> 00:00:08.000
<v Pieter Bakker>Graag gedaan.</v>
"""

TEAMS_TURNS = [("Anouk de Jong", ["Fijn dat je tijd hebt."]), ("Pieter Bakker", ["Graag gedaan."])]

SRT = """1
00:00:01,000 --> 00:00:02,500
Sanne Visser: Welkom.

2
00:00:03,000 --> 00:00:04,000
Ravi Kalpoe: Dank je.

3
00:00:04,200 --> 00:00:05,000
Sanne Visser: Zullen we?

4
00:00:05,200 --> 00:00:06,000
Ravi Kalpoe: Ja.
"""


@pytest.mark.parametrize("name", ["teams.txt", "teams.md", "teams", "teams.srt", "teams.TSV"])
def test_webvtt_under_any_name(tmp_path: Path, name: str) -> None:
    transcript = parse_file(write(tmp_path, name, TEAMS))
    assert transcript.source_format == "vtt"
    assert summary(transcript.turns) == TEAMS_TURNS


@pytest.mark.parametrize("name", ["zoom.txt", "zoom", "zoom.vtt"])
def test_subrip_under_any_name(tmp_path: Path, name: str) -> None:
    transcript = parse_file(write(tmp_path, name, SRT))
    assert transcript.source_format == "srt"
    assert [turn.speaker for turn in transcript.turns] == [
        "Sanne Visser",
        "Ravi Kalpoe",
        "Sanne Visser",
        "Ravi Kalpoe",
    ]
    assert_no_timings(transcript)


@pytest.mark.parametrize(
    ("source", "name", "source_format"),
    [
        ("whisper_goodboy.tsv", "goodboy", "whisper-tsv"),
        ("whisper_goodboy.tsv", "goodboy.txt", "whisper-tsv"),
        ("whisper_goodboy.txt", "goodboy", "whisper-txt"),
        ("whisper_goodboy.txt", "goodboy.md", "whisper-txt"),
        ("whisper_goodboy.vtt", "goodboy.txt", "vtt"),
        ("whisper_goodboy.srt", "goodboy", "srt"),
    ],
)
def test_whisper_output_renamed(tmp_path: Path, source: str, name: str, source_format: str) -> None:
    path = tmp_path / name
    shutil.copyfile(REAL / source, path)
    transcript = parse_file(path)
    assert transcript.source_format == source_format
    assert transcript.turns == parse_file(REAL / "whisper_goodboy.vtt").turns


def test_whisper_json_without_extension(tmp_path: Path) -> None:
    text = '{"text": " Ja.", "segments": [{"start": 1.0, "end": 2.0, "text": " Ja."}]}'
    transcript = parse_file(write(tmp_path, "result", text))
    assert transcript.source_format == "whisper-json"
    assert summary(transcript.turns) == [(None, ["Ja."])]


@pytest.mark.parametrize("name", ["interview", "interview.bin", "Interview 3.DOCX"])
def test_word_document_by_its_content(tmp_path: Path, name: str) -> None:
    document = Document()
    document.add_paragraph("I: Hallo.")
    document.add_paragraph("R: Dag.")
    path = tmp_path / name
    document.save(str(path))
    transcript = parse_file(path)
    assert transcript.source_format == "docx"
    assert [turn.speaker for turn in transcript.turns] == ["I", "R"]


# --- cues pasted into a document -------------------------------------------------------------

PASTED_MD = """# Interview 7 — focusgroep

Opname via Zoom, transcript hieronder geplakt.

```
1
00:00:01.000 --> 00:00:03.000
Sanne Visser: Welkom allemaal.
2
00:00:03.500 --> 00:00:05.000
Sanne Visser: Zullen we beginnen?

3
00:00:06.000 --> 00:00:08.000
Ravi Kalpoe: Ja,
prima.

4
00:00:08.100 --> 00:00:09,000
Ravi Kalpoe: Ik begin wel.
```
"""


def test_vtt_cues_pasted_into_markdown_without_header(tmp_path: Path) -> None:
    transcript = parse_file(write(tmp_path, "focusgroep.md", PASTED_MD))
    assert transcript.source_format == "vtt"
    *front, sanne, ravi = transcript.turns
    words = " ".join(p for turn in front for p in turn.paragraphs)
    assert "Interview 7" in words and "transcript hieronder geplakt" in words
    assert all(turn.speaker is None and turn.time is None for turn in front)
    assert summary([sanne, ravi]) == [
        ("Sanne Visser", ["Welkom allemaal. Zullen we beginnen?"]),
        ("Ravi Kalpoe", ["Ja, prima. Ik begin wel."]),
    ]
    assert [(sanne.time, sanne.end_time), (ravi.time, ravi.end_time)] == [(1.0, 5.0), (6.0, 9.0)]
    assert_no_timings(transcript)


def test_zoom_cues_pasted_into_a_text_file_with_header(tmp_path: Path) -> None:
    text = (
        "Notities bij het gesprek\n\nWEBVTT\nKind: captions\n\n"
        '1 "Jane Doe" (1063281152)\n00:00:01.000 --> 00:00:02.000\nHello there.\n\n'
        '2 "Jan de Vries" (16779264)\n00:00:02.500 --> 00:00:04.000\nHoi Jane.\n'
    )
    transcript = parse_file(write(tmp_path, "notes.txt", text))
    assert transcript.source_format == "vtt"
    assert summary(transcript.turns) == [
        (None, ["Notities bij het gesprek"]),
        ("Jane Doe", ["Hello there."]),
        ("Jan de Vries", ["Hoi Jane."]),
    ]


def test_pasted_cues_without_identifiers_or_blank_lines(tmp_path: Path) -> None:
    text = (
        "00:00:01.000 --> 00:00:02.000\nEerste zin.\n"
        "00:00:02.100 --> 00:00:03.000\nTweede zin.\n"
        "00:00:06.000 --> 00:00:07.000\nNa een pauze.\n"
    )
    transcript = parse_file(write(tmp_path, "plak.txt", text))
    assert summary(transcript.turns) == [
        (None, ["Eerste zin. Tweede zin."]),
        (None, ["Na een pauze."]),
    ]


def test_numbered_webvtt_cues_without_header_are_not_subrip(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01.000 --> 00:00:02.000\nA: Hoi &amp; dag.\n\n"
        "2\n00:00:02.500 --> 00:00:03.000\nA: Ja.\n"
    )
    transcript = parse_file(write(tmp_path, "export", text))
    assert transcript.source_format == "vtt"
    assert summary(transcript.turns) == [("A", ["Hoi & dag. Ja."])]


def test_pasted_cue_with_a_broken_timing_names_its_line(tmp_path: Path) -> None:
    text = "Titel\n\n00:00:01.000 --> 00:00:02.000\nJa.\n\n00:00:0x.000 --> 00:00:03.000\nNee.\n"
    with pytest.raises(InputError) as info:
        parse_file(write(tmp_path, "plak.md", text))
    assert info.value.line == 6
    assert info.value.reason.startswith("bad cue timing")


def test_text_mentioning_an_arrow_stays_text(tmp_path: Path) -> None:
    transcript = parse_file(write(tmp_path, "t.txt", "I: Van A --> B?\nR: Ja, 10 --> 20.\n"))
    assert transcript.source_format == "txt"
    assert [turn.speaker for turn in transcript.turns] == ["I", "R"]
