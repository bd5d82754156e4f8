"""A long transcript is split into sentences a stream of paragraphs at a time, through a spaCy
pipeline renewed once its vocabulary is full, and stored a block of turns at a time: what a
user then sees of it is what one stream and one block give, on both databases, after a
re-import and after its undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from codebench.cli import cli
from codebench.segmentation import pipeline
from codebench.segmentation.pipeline import sentence_spans
from codebench.services.documents import importing
from codebench.services.documents.overview import DocumentView, document_view
from codebench.services.project import open_project


def _time(second: int) -> str:
    return f"00:{second // 60:02d}:{second % 60:02d}.000"


def _write_cues(path: Path, cues: int) -> Path:
    """Speakers A, B and C in turns of five cues; a pause now and then starts a paragraph, and
    some cues end in the middle of a sentence."""
    lines = ["WEBVTT", ""]
    for i in range(cues):
        start = 3 * i + (5 if i % 7 == 0 else 0)
        text = f"Zin {i} loopt door" if i % 4 == 1 else f"Zin {i} is af. Nog {i * 7}!"
        lines += [f"{_time(start)} --> {_time(start + 2)}", f"<v {'ABC'[i // 5 % 3]}>{text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _seen(location: str) -> tuple[DocumentView, str]:
    """The document as the service gives it (turns, times, offsets, sentences) and as
    ``codebench show`` prints it."""
    with open_project(location) as project:
        view = document_view(project, "gesprek")
    return view, _run("show", "gesprek", "--project", location)


def test_turns_and_sentences_stored_in_small_blocks_are_those_of_one_block(
    tmp_path: Path, backend_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CODEBENCH_CODER", "anna")
    path = _write_cues(tmp_path / "gesprek.vtt", 120)
    whole = str(tmp_path / "whole.codebench")
    _run("init", whole)
    _run("import", str(path), "--project", whole, "--language", "en")
    expected = _seen(whole)
    sentences = [sentence.text for turn in expected[0].turns for sentence in turn.sentences]
    assert (len(expected[0].turns), len(sentences)) == (24, 189)
    assert {"Zin 1 loopt door Zin 2 is af.", "Zin 13 loopt door"} <= set(sentences)

    monkeypatch.setattr(importing, "_BLOCK_TURNS", 5)
    monkeypatch.setattr(pipeline, "_PARAGRAPHS", 7)
    monkeypatch.setattr(pipeline, "_MAX_STRINGS", 0)  # a new pipeline for every stream
    first = pipeline.sentence_pipeline("en")
    _run("init", backend_location)
    _run("import", str(path), "--project", backend_location, "--language", "en")
    assert pipeline.sentence_pipeline("en") is not first
    assert _seen(backend_location) == expected

    _run("import", str(path), "--project", backend_location, "--language", "en", "--replace")
    assert _seen(backend_location) == expected
    _run("undo", "--project", backend_location)
    assert _seen(backend_location) == expected


def test_a_text_of_more_paragraphs_than_a_stream_is_split_as_in_one_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long = "\n".join(f"Regel {i} eindigt hier. En dan {i}" for i in range(30))
    texts = ["Kort.", long, "", " \n", "Nog een. Twee."]
    expected = list(sentence_spans(texts, "nl"))
    assert len(expected[1]) == 60

    monkeypatch.setattr(pipeline, "_PARAGRAPHS", 10)
    monkeypatch.setattr(pipeline, "_MAX_STRINGS", 0)
    assert list(sentence_spans(texts, "nl")) == expected


def test_sentences_come_a_stream_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first text's sentences are given once a stream has been read, not all texts."""
    monkeypatch.setattr(pipeline, "_PARAGRAPHS", 4)
    read: list[int] = []

    def texts() -> Iterator[str]:
        for i in range(100):
            read.append(i)
            yield f"Zin {i}.\nNog een zin."

    spans = sentence_spans(texts(), "nl")
    assert next(spans) == [(0, 6), (7, 19)]
    assert len(read) == 3
