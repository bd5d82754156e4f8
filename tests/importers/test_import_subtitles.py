"""parse_vtt / parse_srt: Teams, Zoom and Whisper subtitles, merging cues, and broken files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.importers.model import RawTurn
from codebench.importers.subtitles import parse_srt, parse_vtt

REAL = Path(__file__).parents[1] / "fixtures" / "real"


def summary(turns: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in turns]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


TEAMS = """WEBVTT

0a6f2c1e-1b7d-4f51-9d0a-2b3c4d5e6f70/11-0
00:00:01.000 --> 00:00:03.500
<v Anouk de Jong>Goedemorgen allemaal,</v>

0a6f2c1e-1b7d-4f51-9d0a-2b3c4d5e6f70/11-1
00:00:03.600 --> 00:00:05.000
<v Anouk de Jong>fijn dat jullie er zijn.</v>

0a6f2c1e-1b7d-4f51-9d0a-2b3c4d5e6f70/12-0
00:00:07.000 --> 00:00:09.000
<v Anouk de Jong>Zullen we <i>beginnen</i>?</v>

1b6f2c1e-1b7d-4f51-9d0a-2b3c4d5e6f70/3-0
00:00:10.999 --> 00:00:12.000
<v Pieter Bakker>Ja, prima &amp; graag. 😀</v>

1b6f2c1e-1b7d-4f51-9d0a-2b3c4d5e6f70/3-1
00:00:12.000 --> 00:00:13.000
<v Pieter Bakker>Eén ding nog.</v>

2c6f2c1e-1b7d-4f51-9d0a-2b3c4d5e6f70/4-0
00:00:14.000 --> 00:00:15.250
<v Anouk de Jong>Ga je gang.</v>
"""


def test_teams_voices_merge_consecutive_cues_and_split_on_two_second_pause(
    tmp_path: Path,
) -> None:
    transcript = parse_vtt(write(tmp_path, "teams.vtt", TEAMS))
    assert transcript.source_format == "vtt"
    turns = transcript.turns
    assert summary(turns) == [
        # 5.000 -> 7.000 is a pause of exactly 2 s: a new paragraph in the same turn.
        (
            "Anouk de Jong",
            ["Goedemorgen allemaal, fijn dat jullie er zijn.", "Zullen we beginnen?"],
        ),
        # 9.000 -> 10.999 is just under 2 s: a new turn (other speaker) anyway.
        ("Pieter Bakker", ["Ja, prima & graag. 😀 Eén ding nog."]),
        ("Anouk de Jong", ["Ga je gang."]),
    ]
    assert [(turn.time, turn.end_time) for turn in turns] == [
        (1.0, 9.0),
        (10.999, 13.0),
        (14.0, 15.25),
    ]


def test_pause_just_under_two_seconds_stays_in_the_paragraph(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>een</v>\n\n"
        "00:00:03.999 --> 00:00:05.000\n<v A>twee</v>\n"
    )
    assert summary(parse_vtt(write(tmp_path, "t.vtt", text)).turns) == [("A", ["een twee"])]


def test_two_voices_in_one_cue(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jan>Klaar?</v>\n<v Els>Ja.</v>\n"
    assert summary(parse_vtt(write(tmp_path, "t.vtt", text)).turns) == [
        ("Jan", ["Klaar?"]),
        ("Els", ["Ja."]),
    ]


def test_speaker_map_applies_to_voices(tmp_path: Path) -> None:
    transcript = parse_vtt(
        write(tmp_path, "teams.vtt", TEAMS),
        speaker_map={"Anouk de Jong": "Interviewer", "Pieter Bakker": "Respondent 3"},
    )
    assert [turn.speaker for turn in transcript.turns] == [
        "Interviewer",
        "Respondent 3",
        "Interviewer",
    ]


ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:02.000
Sanne Visser: Welkom.

2
00:00:02.100 --> 00:00:04.000
Sanne Visser: Zullen we starten?

3
00:00:04.500 --> 00:00:06.000
Ravi Kalpoe: Ja. Mijn collega zei: prima.

4
00:00:06.100 --> 00:00:07.000
Ravi Kalpoe: Note: dat klopt.

5
00:00:07.500 --> 00:00:08.000
Sanne Visser: Mooi.
"""


def test_zoom_name_prefixes_are_learned_and_merged(tmp_path: Path) -> None:
    turns = parse_vtt(write(tmp_path, "zoom.vtt", ZOOM)).turns
    assert summary(turns) == [
        ("Sanne Visser", ["Welkom. Zullen we starten?"]),
        ("Ravi Kalpoe", ["Ja. Mijn collega zei: prima. Note: dat klopt."]),
        ("Sanne Visser", ["Mooi."]),
    ]


ZOOM_CUE_IDS = """WEBVTT

1 "Jane Doe" (1063281152)
00:00:01.230 --> 00:00:04.560
Thanks everyone for joining today.

2 "Jane Doe" (1063281152)
00:00:04.800 --> 00:00:07.100
Shall we start with introductions?

3 "Ravi Kalpoe" (16779264)
00:00:08.000 --> 00:00:10.500
Sure. I'm Ravi, I work in the clinic.

4 "Jane Doe" (1063281152)
00:00:11.000 --> 00:00:12.000
Thank you, Ravi.
"""


def test_zoom_speaker_in_a_quoted_cue_identifier(tmp_path: Path) -> None:
    transcript = parse_vtt(write(tmp_path, "zoom.vtt", ZOOM_CUE_IDS))
    assert summary(transcript.turns) == [
        ("Jane Doe", ["Thanks everyone for joining today. Shall we start with introductions?"]),
        ("Ravi Kalpoe", ["Sure. I'm Ravi, I work in the clinic."]),
        ("Jane Doe", ["Thank you, Ravi."]),
    ]
    assert [turn.time for turn in transcript.turns] == [1.23, 8.0, 11.0]


def test_zoom_cue_identifier_speaker_is_mapped(tmp_path: Path) -> None:
    path = write(tmp_path, "zoom.vtt", ZOOM_CUE_IDS)
    transcript = parse_vtt(path, speaker_map={"Jane Doe": "Interviewer"})
    assert [turn.speaker for turn in transcript.turns] == [
        "Interviewer",
        "Ravi Kalpoe",
        "Interviewer",
    ]


def test_speakerless_cues_become_one_turn_per_paragraph(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nEerst dit.\n\n"
        "2\n00:00:02,100 --> 00:00:03,000\nEn dan dat.\n\n"
        "3\n00:00:05,000 --> 00:00:06,500\nNa een stilte.\n"
    )
    transcript = parse_srt(write(tmp_path, "t.srt", text))
    assert summary(transcript.turns) == [
        (None, ["Eerst dit. En dan dat."]),
        (None, ["Na een stilte."]),
    ]
    assert [(t.time, t.end_time) for t in transcript.turns] == [(1.0, 3.0), (5.0, 6.5)]


def test_one_off_prefix_in_a_cue_is_text(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nThe minister said: no.\n\n"
        "00:00:02.000 --> 00:00:03.000\nAnd that was it.\n"
    )
    assert summary(parse_vtt(write(tmp_path, "t.vtt", text)).turns) == [
        (None, ["The minister said: no. And that was it."])
    ]


def test_speaker_in_cue_identifier(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\nInterviewer\n00:00:01.000 --> 00:00:02.000\nHoe gaat het?\n\n"
        "Lotte\n00:00:02.500 --> 00:00:03.000\nGoed.\n\n"
        "Interviewer\n00:00:03.500 --> 00:00:04.000\nFijn.\n\n"
        "Lotte\n00:00:04.500 --> 00:00:05.000\nJa.\n"
    )
    turns = parse_vtt(write(tmp_path, "t.vtt", text)).turns
    assert [turn.speaker for turn in turns] == ["Interviewer", "Lotte", "Interviewer", "Lotte"]


def test_vtt_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "t.vtt"
    path.write_bytes(codecs.BOM_UTF8 + TEAMS.replace("\n", "\r\n").encode("utf-8"))
    assert parse_vtt(path).turns == parse_vtt(write(tmp_path, "u.vtt", TEAMS)).turns


def test_srt_basic_and_tags(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n<i>Hallo</i>\nallemaal.\n\n"
        "2\n00:00:02,500 --> 00:00:03,000\nTot zo.\n"
    )
    transcript = parse_srt(write(tmp_path, "t.srt", text))
    assert transcript.source_format == "srt"
    assert summary(transcript.turns) == [(None, ["Hallo allemaal. Tot zo."])]
    assert (transcript.turns[0].time, transcript.turns[0].end_time) == (1.0, 3.0)


# --- real files ------------------------------------------------------------------------------


def test_whisper_srt_and_vtt_give_identical_turns() -> None:
    srt = parse_srt(REAL / "whisper_goodboy.srt")
    vtt = parse_vtt(REAL / "whisper_goodboy.vtt")
    assert srt.turns == vtt.turns
    turns = vtt.turns
    # No speakers: each paragraph (ended by a pause of 2 s or more, or by a sentence end once it
    # has 60 words) is a turn of its own with its own times, instead of one hour-long turn.
    assert len(turns) == 115
    assert all(turn.speaker is None and len(turn.paragraphs) == 1 for turn in turns)
    assert (turns[0].time, turns[0].end_time) == (43.81, 69.41)
    assert (turns[1].time, turns[-1].end_time) == (69.67, 3125.56)
    assert (
        turns[0]
        .paragraphs[0]
        .startswith(
            "Hello everyone and welcome to yet another Hit Save podcast. I'm here with Rick Nickel"
        )
    )
    assert turns[-1].paragraphs[-1].endswith("♪♪♪")
    assert max(len(turn.paragraphs[0].split()) for turn in turns) <= 150
    assert not any("\r" in p or "\n" in p or "-->" in p for t in turns for p in t.paragraphs)


def test_zoom_real_file() -> None:
    turns = parse_vtt(REAL / "zoom_plc_fishbowl.vtt").turns
    # One speaker in all 264 cues, half an hour: not one giant turn, but turns of about 300
    # words ending at a sentence end, each with its time; each of the 95 gaps of 2 s or more
    # starts a paragraph (or one of those turns).
    assert {turn.speaker for turn in turns} == {"Caleob King"}
    assert len(turns) == 9
    assert all(len(" ".join(t.paragraphs).split()) <= 600 for t in turns)
    assert all(t.paragraphs[-1].endswith((".", "?", "…")) for t in turns)
    assert (turns[0].time, turns[-1].end_time) == (4.16, 1874.72)
    assert [t.time for t in turns] == sorted(t.time for t in turns if t.time is not None)
    assert sum(len(t.paragraphs) for t in turns) >= 96
    first = turns[0].paragraphs[0]
    assert first.startswith("Hello, everybody, I hope you're doing all right.")
    assert "If we start out with grams, we want to… start out with a conversion" in first
    assert not any("Caleob King:" in p for t in turns for p in t.paragraphs)
    assert turns[-1].paragraphs[-1].endswith("Yep, bye.")


# --- bad input -------------------------------------------------------------------------------


def _error(path: Path) -> InputError:
    parse = parse_srt if path.suffix == ".srt" else parse_vtt
    with pytest.raises(InputError) as info:
        parse(path)
    return info.value


def test_broken_vtt_timestamp_names_its_line(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: Hoi.\n\n"
        "2\n00:00:0x.000 --> 00:00:05.000\nA: Hallo.\n"
    )
    path = write(tmp_path, "bad.vtt", text)
    error = _error(path)
    assert error.line == 8
    assert str(error).startswith(f"{path}:8: bad cue timing '00:00:0x.000 --> 00:00:05.000'")


def test_vtt_cue_ending_before_it_starts(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nHoi.\n"
    path = write(tmp_path, "bad.vtt", text)
    assert str(_error(path)) == (
        f"{path}:3: cue ends before it starts ('00:00:05.000 --> 00:00:01.000')"
    )


def test_vtt_seconds_out_of_range(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.vtt", "WEBVTT\n\n00:00:75.000 --> 00:00:80.000\nHoi.\n")
    assert _error(path).line == 3


def test_vtt_cue_without_timing_line(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHoi.\n\n2\nHallo zonder tijd.\n"
    error = _error(write(tmp_path, "bad.vtt", text))
    assert error.line == 6
    assert "cue without a timing line" in error.reason


def test_vtt_without_header(tmp_path: Path) -> None:
    error = _error(write(tmp_path, "bad.vtt", "00:00:01.000 --> 00:00:02.000\nHoi.\n"))
    assert (error.line, error.reason) == (1, "not a WebVTT file (the first line must be 'WEBVTT')")


def test_vtt_comments_and_styles_are_not_cues(tmp_path: Path) -> None:
    text = (
        "WEBVTT - met opmerkingen\n\nNOTE gemaakt door Teams\n\nSTYLE\n::cue { color: red }\n\n"
        "00:00:01.000 --> 00:00:02.000 align:start\n<v A>Hoi.</v>\n"
    )
    assert summary(parse_vtt(write(tmp_path, "t.vtt", text)).turns) == [("A", ["Hoi."])]


def test_broken_srt_timestamp_names_its_line(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nHoi.\n\n2\n00:00:03,000 --> 00:00:0x,000\nDag.\n"
    path = write(tmp_path, "bad.srt", text)
    error = _error(path)
    assert error.line == 6
    assert str(error).startswith(f"{path}:6: bad cue timing")


def test_srt_cue_ending_before_it_starts(tmp_path: Path) -> None:
    text = "1\n00:00:05,000 --> 00:00:01,000\nHoi.\n"
    assert _error(write(tmp_path, "bad.srt", text)).line == 2


def test_srt_cue_without_timing(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nHoi.\n\n2\nDag.\n"
    assert _error(write(tmp_path, "bad.srt", text)).line == 5


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("none.vtt", "WEBVTT\n\n"),
        ("notes.vtt", "WEBVTT\n\nNOTE nothing here\n"),
        ("blank.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A></v>\n"),
        ("zero.srt", ""),
        ("zero.vtt", "   \n"),
    ],
)
def test_files_without_cues_are_empty(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    assert str(_error(path)) == f"{path}: file is empty"


def test_srt_that_is_not_srt(tmp_path: Path) -> None:
    error = _error(write(tmp_path, "bad.srt", "Dit is gewoon tekst.\nGeen ondertitels.\n"))
    assert error.line == 1


def test_binary_vtt(tmp_path: Path) -> None:
    path = tmp_path / "bad.vtt"
    path.write_bytes(b"WEBVTT\x00\x00\x01\x02" + bytes(300))
    assert _error(path).reason == "not a text file (binary content)"
