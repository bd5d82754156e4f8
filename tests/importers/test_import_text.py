"""parse_text: .txt and .md transcripts, including a real otter.ai export."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.importers.model import RawTurn
from codebench.importers.text import parse_text

REAL = Path(__file__).parents[1] / "fixtures" / "real"

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


def test_md_bold_labels_and_headings(tmp_path: Path) -> None:
    text = (
        "# Interview 3\n\n"
        "**Interviewer:** Wat is uw rol?  \n"
        "**Femke** Ik ben beleidsmedewerker.\n\n"
        "En ik doe **veel** projecten.\n"
        "**Interviewer**: Dank u.\n"
        "**Femke:** Graag gedaan.\n"
    )
    transcript = parse_text(write(tmp_path, "t.md", text.encode("utf-8")))
    assert transcript.source_format == "md"
    assert summary(transcript.turns) == [
        (None, ["Interview 3"]),
        ("Interviewer", ["Wat is uw rol?"]),
        ("Femke", ["Ik ben beleidsmedewerker.", "En ik doe **veel** projecten."]),
        ("Interviewer", ["Dank u."]),
        ("Femke", ["Graag gedaan."]),
    ]


def test_uppercase_md_suffix(tmp_path: Path) -> None:
    assert parse_text(write(tmp_path, "T.MD", b"I: a\nR: b\n")).source_format == "md"


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


# --- real otter.ai export --------------------------------------------------------------------


@pytest.fixture(scope="module")
def otter() -> list[RawTurn]:
    return parse_text(REAL / "otter_interview_lantana.md").turns


def test_otter_header_block_is_speakerless(otter: list[RawTurn]) -> None:
    header = otter[0]
    assert header.speaker is None
    assert header.paragraphs == [
        "Transcript of interview with Danny Silvers of Lantana Games",
        "Details",
        "Interview took place on November 19, 2020. Interviewer is Jonas Rosland.",
        "Transcription is provided by https://otter.ai.",
        "Transcript",
    ]


def test_otter_speakers_alternate(otter: list[RawTurn]) -> None:
    turns = otter[1:]
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
    turns = otter[1:]
    assert [turn.time for turn in turns[:4]] == [0.0, 61.0, 105.0, 122.0]
    assert turns[-1].speaker == "Danny Silvers"
    assert turns[-1].paragraphs == ["Bye thanks Jonas."]
    assert turns[0].paragraphs[0].startswith("Hi, folks, and welcome to the Hit Save podcast.")
    for turn in otter:
        for paragraph in turn.paragraphs:
            assert "otter.ai" not in paragraph or turn.speaker is None
            assert paragraph == paragraph.strip()
            assert "Jonas Rosland  " not in paragraph
