"""parse_file: suffixes it knows, and refusing files that are no transcript."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from codebench.errors import InputError
from codebench.importers import SUPPORTED, parse_file
from codebench.importers.detect import NOT_A_TRANSCRIPT
from codebench.importers.docx import OLE_MAGIC, PROTECTED

REAL = Path(__file__).parents[1] / "fixtures" / "real"


def test_supported_suffixes() -> None:
    assert SUPPORTED == (".docx", ".txt", ".md", ".markdown", ".vtt", ".srt", ".tsv", ".json")


@pytest.mark.parametrize(
    ("name", "source_format"),
    [("a.txt", "txt"), ("b.TXT", "txt"), ("c.md", "md"), ("d.Md", "md"), ("e.markdown", "md")],
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


@pytest.mark.parametrize("name", ["notes.xyz", "README", "old.doc"])
def test_text_under_another_name_is_plain_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("I: Hallo.\nR: Dag.\n", encoding="utf-8")
    transcript = parse_file(path)
    assert transcript.source_format == "txt"
    assert [turn.speaker for turn in transcript.turns] == ["I", "R"]


def test_a_zip_that_is_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "project.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<Project/>")
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert str(info.value) == f"{path}: {NOT_A_TRANSCRIPT}"


def test_an_old_word_file_under_any_name(tmp_path: Path) -> None:
    path = tmp_path / "interview"
    path.write_bytes(OLE_MAGIC + bytes(600))
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert info.value.reason == PROTECTED


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "file is empty"), (b" \n\n", "file is empty"), (bytes(range(256)) * 4, "binary")],
)
def test_empty_and_binary_files_without_extension(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "interview"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert reason in str(info.value)
    assert str(info.value).startswith(f"{path}: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"a\.XYZ: cannot read file"):
        parse_file(tmp_path / "a.XYZ")
