"""parse_text: plain-text transcripts, and the tools that wrote them (otter.ai, Transcribe)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.importers.model import RawTurn
from codebench.importers.render import render
from codebench.importers.text import parse_text

TRANSCRIPT = (
    "Interview 9 – Gemeente Zwolle\n"
    "\n"
    "I: Hoe is het project begonnen?\n"
    "R: Met een ‘pilot’ – in 2019.\n"
    "De directeur zei: doe maar.\n"
    "\n"
    "I: En toen?\n"
    "R: Toen werd het “echt”. 😀\n"
)
EXPECTED = [
    (None, ["Interview 9 – Gemeente Zwolle"]),
    ("I", ["Hoe is het project begonnen?"]),
    ("R", ["Met een ‘pilot’ – in 2019.", "De directeur zei: doe maar."]),
    ("I", ["En toen?"]),
    ("R", ["Toen werd het “echt”. 😀"]),
]


def summary(turns: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in turns]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_txt_utf8(tmp_path: Path) -> None:
    transcript = parse_text(write(tmp_path, "t.txt", TRANSCRIPT.encode("utf-8")))
    assert transcript.source_format == "txt"
    assert summary(transcript.turns) == EXPECTED


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TRANSCRIPT.replace("\n", "\r\n").encode("utf-8"),
        TRANSCRIPT.replace("\n", "\r\n").encode("utf-16"),
        codecs.BOM_UTF16_BE + TRANSCRIPT.encode("utf-16-be"),
    ],
    ids=["utf8-bom-crlf", "utf16-le-bom-crlf", "utf16-be-bom"],
)
def test_txt_encodings_and_crlf(tmp_path: Path, data: bytes) -> None:
    assert summary(parse_text(write(tmp_path, "t.txt", data)).turns) == EXPECTED


def test_txt_cp1252_crlf(tmp_path: Path) -> None:
    text = TRANSCRIPT.replace(" 😀", "").replace("\n", "\r\n")
    expected = [(s, [p.replace(" 😀", "") for p in ps]) for s, ps in EXPECTED]
    assert summary(parse_text(write(tmp_path, "t.txt", text.encode("cp1252"))).turns) == expected


def test_binary_txt(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(512))
    with pytest.raises(InputError) as info:
        parse_text(path)
    assert str(info.value) == f"{path}: not a text file (binary content)"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"Transcribed by https://otter.ai\n"])
def test_empty_txt(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(InputError) as info:
        parse_text(path)
    assert str(info.value) == f"{path}: file is empty"


def test_markdown_in_a_txt_file_is_text(tmp_path: Path) -> None:
    transcript = parse_text(write(tmp_path, "t.txt", b"# Notes\nI: **Hallo**\n"))
    assert summary(transcript.turns) == [(None, ["# Notes"]), ("I", ["**Hallo**"])]


# --- documents without speaker labels --------------------------------------------------------

UNLABELLED = [
    "Gesprek met de wijkagent, 3 mei.",
    "We begonnen bij het buurthuis. Daar was het druk.",
    "Ze vertelde over de eerste jaren in de wijk, toen er nog geen overleg was.",
    "[00:12:40] Later ging het over de nieuwe aanpak.",
    "Die werkt volgens haar beter: mensen kennen elkaar nu.",
    "Tot slot: 'kom vaker langs'.",
]


def test_unlabelled_txt_keeps_every_paragraph_as_its_own_turn(tmp_path: Path) -> None:
    data = "\n\n".join(UNLABELLED).encode("utf-8")
    transcript = parse_text(write(tmp_path, "notes.txt", data))

    assert transcript.source_format == "txt"
    assert [turn.speaker for turn in transcript.turns] == [None] * 6
    assert [turn.paragraphs for turn in transcript.turns] == [
        [p.removeprefix("[00:12:40] ")] for p in UNLABELLED
    ]
    assert transcript.turns[3].time == 760.0
    rendered = render(transcript)
    assert len(rendered.ends) == 6
    assert rendered.text.split("\n\n")[3] == "Later ging het over de nieuwe aanpak."


# --- exports of transcription tools ----------------------------------------------------------

OTTER_TXT = (
    "Interview with Mira Lang. Interviewer is Tom Berg.\n"
    "\n"
    "Tom Berg  0:00  \n"
    "Welcome, Mira.\n"
    "\n"
    "Mira Lang  0:04  \n"
    "Thanks for having me.\n"
    "\n"
    "Tom Berg  1:02:10  \n"
    "One more question.\n"
    "\n"
    "Mira Lang  1:02:15  \n"
    "Go ahead.\n"
    "\n"
    "Transcribed by https://otter.ai\n"
)


def test_otter_txt_export_names_its_interviewer(tmp_path: Path) -> None:
    transcript = parse_text(write(tmp_path, "otter.txt", OTTER_TXT.encode("utf-8")))

    assert transcript.source_format == "otter"
    assert transcript.interviewers == frozenset({"Tom Berg"})
    assert summary(transcript.turns) == [
        (None, ["Interview with Mira Lang. Interviewer is Tom Berg."]),
        ("Tom Berg", ["Welcome, Mira."]),
        ("Mira Lang", ["Thanks for having me."]),
        ("Tom Berg", ["One more question."]),
        ("Mira Lang", ["Go ahead."]),
    ]
    assert [turn.time for turn in transcript.turns] == [None, 0.0, 4.0, 3730.0, 3735.0]


def test_interviewer_named_in_the_header_follows_the_speaker_map(tmp_path: Path) -> None:
    path = write(tmp_path, "otter.txt", OTTER_TXT.encode("utf-8"))
    transcript = parse_text(path, {"Tom Berg": "Interviewer Tom"})
    assert transcript.interviewers == frozenset({"Interviewer Tom"})
    assert transcript.turns[1].speaker == "Interviewer Tom"


@pytest.mark.parametrize(
    "text",
    [
        "I: Wie was er?\nR: De interviewer is Jan. Hij was laat.\n",  # speech, not the header
        "Our interviewer is interested in parks.\nI: Welcome.\nR: Thanks.\n",  # not a name
    ],
)
def test_interviewer_sentences_that_name_nobody(tmp_path: Path, text: str) -> None:
    assert parse_text(write(tmp_path, "t.txt", text.encode("utf-8"))).interviewers == frozenset()


def test_otter_label_lines_without_a_footer(tmp_path: Path) -> None:
    text = OTTER_TXT.replace("Transcribed by https://otter.ai\n", "")
    assert parse_text(write(tmp_path, "otter.txt", text.encode("utf-8"))).source_format == "otter"


def test_word_transcribe_txt_export(tmp_path: Path) -> None:
    text = (
        "Opname 14 maart.m4a\n"
        "00:00:03 Speaker 1\n"
        "Goedemorgen, zullen we beginnen?\n"
        "00:00:07 Speaker 2\n"
        "Ja, prima.\n"
    )
    transcript = parse_text(write(tmp_path, "transcribe.txt", text.encode("utf-8")))
    assert transcript.source_format == "transcribe"
    assert [(turn.speaker, turn.time) for turn in transcript.turns] == [
        (None, None),
        ("Speaker 1", 3.0),
        ("Speaker 2", 7.0),
    ]


def test_one_timed_line_is_no_tool_export(tmp_path: Path) -> None:
    text = "Meeting at  10:30\nI: Welkom.\nR: Dank u.\n"
    assert parse_text(write(tmp_path, "t.txt", text.encode("utf-8"))).source_format == "txt"
