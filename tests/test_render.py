"""The stored layout of a transcript: labels in the text, speech offsets on each turn."""

from __future__ import annotations

from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.render import render


def test_turn_offsets_point_at_label_and_speech() -> None:
    raw = RawTranscript(
        "txt",
        [
            RawTurn(None, ["Interview 1"]),
            RawTurn("Interviewer", ["Hoe gaat het? 😀"], time=3.0),
            RawTurn("Respondent 1", ["Goed.", "Écht goed."], time=5.5, end_time=9.0),
            RawTurn("Respondent 1", []),
        ],
    )
    rendered = render(raw)

    text = rendered.text
    starts, speech, ends = rendered.starts, rendered.speech_starts, rendered.ends
    assert text == "Interview 1\n\nInterviewer: Hoe gaat het? 😀\n\nRespondent 1: Goed.\nÉcht goed."
    assert len(ends) == 3
    assert text[starts[0] : ends[0]] == "Interview 1"
    assert starts[0] == speech[0]
    assert text[starts[1] : speech[1]] == "Interviewer: "
    assert text[speech[1] : ends[1]] == "Hoe gaat het? 😀"
    assert text[speech[2] : ends[2]] == "Goed.\nÉcht goed."
    assert rendered.speakers == [None, "Interviewer", "Respondent 1"]
    assert (rendered.time_starts[2], rendered.time_ends[2]) == (5.5, 9.0)
