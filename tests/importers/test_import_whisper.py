"""Whisper's txt, tsv and json output (and WhisperX's speakers): what the coder sees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.importers import parse_file
from codebench.importers.model import RawTranscript, RawTurn

TIMING_LEFT = re.compile(r"-->|\[\d+:\d{2}|WEBVTT")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def summary(turns: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in turns]


def times(transcript: RawTranscript) -> list[tuple[float | None, float | None]]:
    return [(turn.time, turn.end_time) for turn in transcript.turns]


def assert_no_timings(transcript: RawTranscript) -> None:
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            assert not TIMING_LEFT.search(paragraph), paragraph


WHISPER_TXT = """[00:00.000 --> 00:03.200]  Welkom bij dit interview.
[00:03.200 --> 00:06.480]  Kunt u zich even voorstellen?
[00:09.000 --> 00:12.500]  Ja, ik ben Anna en ik werk als verpleegkundige.
"""


def test_whisper_txt_pause_splits_speakerless_paragraphs(tmp_path: Path) -> None:
    transcript = parse_file(write(tmp_path, "interview.txt", WHISPER_TXT))
    assert transcript.source_format == "whisper-txt"
    assert summary(transcript.turns) == [
        (None, ["Welkom bij dit interview. Kunt u zich even voorstellen?"]),
        (None, ["Ja, ik ben Anna en ik werk als verpleegkundige."]),
    ]
    assert times(transcript) == [(0.0, 6.48), (9.0, 12.5)]
    assert_no_timings(transcript)


def test_whisper_txt_with_hours_a_console_log_and_a_wrapped_line(tmp_path: Path) -> None:
    text = (
        "Detecting language using up to the first 30 seconds.\n"
        "Detected language: Dutch\n"
        "[01:02:03.500 --> 01:02:05.000]   Dat was in\n"
        "het voorjaar.\n"
        "[01:02:05.100 --> 01:02:06.000]   Precies.\n"
    )
    transcript = parse_file(write(tmp_path, "whisper_output", text))
    assert transcript.source_format == "whisper-txt"
    *log, speech = transcript.turns
    assert [turn.time for turn in log] == [None] * len(log)
    assert " ".join(p for turn in log for p in turn.paragraphs) == (
        "Detecting language using up to the first 30 seconds. Detected language: Dutch"
    )
    assert summary([speech]) == [(None, ["Dat was in het voorjaar. Precies."])]
    assert (speech.time, speech.end_time) == (3723.5, 3726.0)
    assert_no_timings(transcript)


def test_whisper_txt_bad_timing_names_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "w.txt", "[00:01.000 --> 00:02.000]  Ja.\n[00:75.000 --> 00:76.000]  Nee.\n"
    )
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert info.value.line == 2
    assert "above 59" in info.value.reason


WHISPER_TSV = (
    "start\tend\ttext\n"
    "0\t2500\tGoedemorgen.\n"
    "2600\t5000\tHoe gaat het met u?\n"
    "7500\t9000\tGoed, dank u.\n"
)


def test_whisper_tsv_times_in_milliseconds(tmp_path: Path) -> None:
    transcript = parse_file(write(tmp_path, "interview.tsv", WHISPER_TSV))
    assert transcript.source_format == "whisper-tsv"
    assert summary(transcript.turns) == [
        (None, ["Goedemorgen. Hoe gaat het met u?"]),
        (None, ["Goed, dank u."]),
    ]
    assert times(transcript) == [(0.0, 5.0), (7.5, 9.0)]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("begin\teinde\ttekst\n0\t1\tJa.\n", 1, "not a Whisper TSV file"),
        ("start\tend\ttext\n0\t1000\tJa.\n1,5\t2000\tNee.\n", 3, "bad row"),
        ("start\tend\ttext\n0\t1000\n", 2, "bad row"),
        ("start\tend\ttext\n5000\t1000\tJa.\n", 2, "ends before it starts"),
    ],
)
def test_broken_whisper_tsv_names_its_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    with pytest.raises(InputError) as info:
        parse_file(write(tmp_path, "broken.tsv", text))
    assert info.value.line == line
    assert reason in info.value.reason


def whisper_json(segments: list[dict[str, object]]) -> str:
    text = "".join(str(segment["text"]) for segment in segments)
    return json.dumps({"text": text, "segments": segments, "language": "nl"}, indent=2)


def test_whisper_json_segments_in_seconds(tmp_path: Path) -> None:
    segments: list[dict[str, object]] = [
        {"id": 0, "seek": 0, "start": 0.0, "end": 2.5, "text": " Goedemorgen.", "tokens": [1]},
        {"id": 1, "seek": 0, "start": 2.6, "end": 5.0, "text": " Hoe gaat\nhet?", "tokens": [2]},
        {"id": 2, "seek": 0, "start": 7.5, "end": 9.25, "text": " Goed.", "tokens": [3]},
    ]
    transcript = parse_file(write(tmp_path, "interview.json", whisper_json(segments)))
    assert transcript.source_format == "whisper-json"
    assert summary(transcript.turns) == [
        (None, ["Goedemorgen. Hoe gaat het?"]),
        (None, ["Goed."]),
    ]
    assert times(transcript) == [(0.0, 5.0), (7.5, 9.25)]


WHISPERX = [
    {"start": 0.5, "end": 2.0, "text": " Hoe was uw week?", "speaker": "SPEAKER_00"},
    {"start": 2.4, "end": 4.0, "text": " Druk.", "speaker": "SPEAKER_01"},
    {"start": 4.1, "end": 6.0, "text": " Heel druk, eigenlijk.", "speaker": "SPEAKER_01"},
    {"start": 9.0, "end": 10.0, "text": " En nu?"},  # WhisperX leaves a speaker out at times
    {"start": 10.5, "end": 12.0, "text": " Vertelt u eens.", "speaker": "SPEAKER_00"},
]


def test_whisperx_speakers_become_turns(tmp_path: Path) -> None:
    transcript = parse_file(write(tmp_path, "meeting.json", whisper_json(WHISPERX)))
    assert summary(transcript.turns) == [
        ("Speaker 00", ["Hoe was uw week?"]),
        # the speakerless segment after a 3 s pause continues the speaker, as a new paragraph
        ("Speaker 01", ["Druk. Heel druk, eigenlijk.", "En nu?"]),
        ("Speaker 00", ["Vertelt u eens."]),
    ]
    assert [turn.time for turn in transcript.turns] == [0.5, 2.4, 10.5]


def test_whisperx_speaker_map_takes_the_label_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, "meeting.json", whisper_json(WHISPERX))
    transcript = parse_file(path, speaker_map={"SPEAKER_00": "Interviewer"})
    assert [turn.speaker for turn in transcript.turns] == [
        "Interviewer",
        "Speaker 01",
        "Interviewer",
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"segments": [', "not valid JSON"),
        ('{"text": "hallo"}', "no list of 'segments'"),
        ('{"segments": [{"start": 0, "end": 1}]}', "segment 1 needs a 'start'"),
        ('{"segments": [{"start": true, "end": 1, "text": "x"}]}', "segment 1 needs"),
        ('{"segments": [{"start": 2, "end": 1, "text": "x"}]}', "ends before it starts"),
        ('{"segments": [3]}', "segment 1 is not an object"),
        ('{"segments": []}', "file is empty"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_broken_whisper_json_is_refused_in_one_line(tmp_path: Path, text: str, reason: str) -> None:
    path = write(tmp_path, "broken.json", text)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert reason in info.value.reason
    assert "\n" not in str(info.value)


# --- speakerless cues: paragraphs, each its own turn -----------------------------------------


def tsv(rows: list[tuple[int, int, str]]) -> str:
    return "start\tend\ttext\n" + "".join(f"{s}\t{e}\t{t}\n" for s, e, t in rows)


def test_long_speakerless_speech_ends_a_paragraph_at_a_sentence_end(tmp_path: Path) -> None:
    sentence = "dit is een zin van precies tien woorden lang hier."  # 10 words
    clause = "en dan nog een stukje zonder punt aan het einde"  # 10 words, no full stop
    rows = [(i * 3000, i * 3000 + 2999, sentence if i % 2 else clause) for i in range(14)]
    transcript = parse_file(write(tmp_path, "long.tsv", tsv(rows)))
    words = [len(turn.paragraphs[0].split()) for turn in transcript.turns]
    # no pause of 2 s anywhere: the first paragraph ends at the first sentence end at 60 words
    assert words == [60, 60, 20]
    assert all(turn.paragraphs[0].endswith(".") for turn in transcript.turns)
    assert [turn.time for turn in transcript.turns] == [0.0, 18.0, 36.0]
    assert transcript.turns[0].end_time == 17.999


def test_speakerless_speech_without_sentence_ends_is_capped(tmp_path: Path) -> None:
    clause = "en dan nog een stukje zonder punt aan het einde"  # 10 words
    rows = [(i * 1000, i * 1000 + 999, clause) for i in range(40)]
    transcript = parse_file(write(tmp_path, "runon.tsv", tsv(rows)))
    assert [len(turn.paragraphs[0].split()) for turn in transcript.turns] == [150, 150, 100]
    assert all(turn.speaker is None and len(turn.paragraphs) == 1 for turn in transcript.turns)
