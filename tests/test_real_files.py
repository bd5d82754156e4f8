"""Real transcripts written by others (tests/fixtures/real, see its README) import end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.overview import document_view
from codebench.services.project import Project

REAL = Path(__file__).parent / "fixtures" / "real"


def test_otter_export_with_a_named_interviewer(sqlite_project: Project) -> None:
    options = ImportOptions(interviewers=frozenset({"jonas rosland"}))
    doc = import_file(sqlite_project, REAL / "otter_interview_lantana.md", options)

    assert doc.speakers == ("Jonas Rosland", "Danny Silvers")
    view = document_view(sqlite_project, doc.name)
    roles = {t.speaker: t.role for t in view.turns if t.speaker}
    assert roles == {"Jonas Rosland": "interviewer", "Danny Silvers": "respondent"}
    assert view.turns[0].speaker is None  # the header block
    assert "otter.ai" not in view.text.rsplit("\n", 1)[-1]
    first_answer = next(t for t in view.turns if t.speaker == "Danny Silvers")
    assert view.text[first_answer.speech_start :].startswith("Sure thing. Hi, everybody.")
    assert first_answer.time_start == 61.0


def test_otter_header_names_two_interviewers_without_any_option(sqlite_project: Project) -> None:
    # "Interviewer is Jonas Rosland and Rich W McGrath."; the turns label him "Rich McGrath".
    doc = import_file(sqlite_project, REAL / "otter_get_a_grip_chip.md", ImportOptions())

    assert doc.source_format == "otter"
    view = document_view(sqlite_project, doc.name)
    roles = {t.speaker: t.role for t in view.turns if t.speaker}
    assert roles == {
        "Jonas Rosland": "interviewer",
        "Rich McGrath": "interviewer",
        "Jon Lawitts": "respondent",
        "Vicky Wei": "respondent",
    }
    header = [t for t in view.turns if t.speaker is None]
    assert len(header) == 6  # one turn per header line, none merged
    assert view.text.startswith("Transcript of interview with Jon Lawitts and Vicky Wei")
    assert "## " not in view.text
    assert not view.text.endswith("otter.ai")


def test_whisper_srt_and_vtt_store_the_same_text(sqlite_project: Project) -> None:
    srt = import_file(sqlite_project, REAL / "whisper_goodboy.srt", ImportOptions())
    vtt = import_file(sqlite_project, REAL / "whisper_goodboy.vtt", ImportOptions())
    srt_view = document_view(sqlite_project, srt.name)
    vtt_view = document_view(sqlite_project, vtt.name)

    assert srt_view.text == vtt_view.text
    assert srt.language == vtt.language == "en"
    assert [s.text for t in srt_view.turns for s in t.sentences] == [
        s.text for t in vtt_view.turns for s in t.sentences
    ]
    assert "\r" not in srt_view.text
    assert srt_view.text.startswith("Hello everyone and welcome to yet another Hit Save podcast.")


@pytest.mark.parametrize(
    ("suffix", "source_format"), [("tsv", "whisper-tsv"), ("txt", "whisper-txt")]
)
def test_whisper_tsv_and_txt_store_the_same_text_as_its_subtitles(
    sqlite_project: Project, suffix: str, source_format: str
) -> None:
    vtt = import_file(sqlite_project, REAL / "whisper_goodboy.vtt", ImportOptions())
    other = import_file(sqlite_project, REAL / f"whisper_goodboy.{suffix}", ImportOptions())
    vtt_view = document_view(sqlite_project, vtt.name)
    view = document_view(sqlite_project, other.name)

    assert other.source_format == source_format
    assert view.text == vtt_view.text
    assert [t.time_start for t in view.turns] == [t.time_start for t in vtt_view.turns]
    # speakerless: one turn per paragraph, each with its start time; no timing in the text
    assert len(view.turns) == 115
    assert all(t.speaker is None and t.time_start is not None for t in view.turns)
    assert view.turns[1].time_start == 69.67
    assert "-->" not in view.text and "[00:" not in view.text


def test_zoom_cues_merge_into_turns_that_keep_their_first_time(sqlite_project: Project) -> None:
    doc = import_file(sqlite_project, REAL / "zoom_plc_fishbowl.vtt", ImportOptions())
    view = document_view(sqlite_project, doc.name)

    assert doc.speakers == ("Caleob King",)
    assert view.turns[0].time_start == 4.16
    assert view.text.startswith("Caleob King: Hello, everybody, I hope you're doing all right.")
    assert doc.sentences > 100
