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

    assert rendered.text == (
        "Interview 1\n\nInterviewer: Hoe gaat het? 😀\n\nRespondent 1: Goed.\nÉcht goed."
    )
    assert len(rendered.turns) == 3
    title, question, answer = rendered.turns
    assert rendered.text[title.start : title.end] == "Interview 1"
    assert title.start == title.speech_start
    assert rendered.text[question.start : question.speech_start] == "Interviewer: "
    assert rendered.text[question.speech_start : question.end] == "Hoe gaat het? 😀"
    assert rendered.text[answer.speech_start : answer.end] == "Goed.\nÉcht goed."
    assert (answer.time_start, answer.time_end) == (5.5, 9.0)
