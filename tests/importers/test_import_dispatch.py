"""parse_file: choosing the parser by suffix, and refusing other file types."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from codebench.errors import InputError
from codebench.importers import SUPPORTED, parse_file

REAL = Path(__file__).parents[1] / "fixtures" / "real"


def test_supported_suffixes() -> None:
    assert SUPPORTED == (".docx", ".txt", ".md", ".vtt", ".srt")


@pytest.mark.parametrize(
    ("name", "source_format"),
    [("a.txt", "txt"), ("b.TXT", "txt"), ("c.md", "md"), ("d.Md", "md")],
)
def test_text_suffixes_case_insensitive(tmp_path: Path, name: str, source_format: str) -> None:
    path = tmp_path / name
    path.write_text("I: Hallo.\nR: Dag.\n", encoding="utf-8")
    transcript = parse_file(path)
    assert transcript.source_format == source_format
    assert [turn.speaker for turn in transcript.turns] == ["I", "R"]


def test_docx_uppercase_suffix_and_speaker_map(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("I: Hallo.")
    document.add_paragraph("R: Dag.")
    path = tmp_path / "Interview 3.DOCX"
    document.save(str(path))
    transcript = parse_file(path, speaker_map={"R": "Respondent 3"})
    assert transcript.source_format == "docx"
    assert [turn.speaker for turn in transcript.turns] == ["I", "Respondent 3"]


def test_subtitle_suffixes() -> None:
    assert parse_file(REAL / "whisper_goodboy.vtt").source_format == "vtt"
    assert parse_file(REAL / "whisper_goodboy.srt").source_format == "srt"


@pytest.mark.parametrize("name", ["notes.xyz", "project.qdpx", "old.doc", "README"])
def test_unsupported_file_types(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("I: Hallo.\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        parse_file(path)
    suffix = f"'{path.suffix}'" if path.suffix else "(none)"
    assert str(info.value) == (
        f"{path}: unsupported file type {suffix} (supported: .docx, .txt, .md, .vtt, .srt)"
    )


def test_unsupported_message_keeps_the_suffix_as_written(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unsupported file type '\.XYZ'"):
        parse_file(tmp_path / "a.XYZ")
