"""read_text: encodings researchers' files arrive in, line endings, and files that are not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.files.encoding import read_text

DUTCH = "I: Hoe ging het met de coöperatie?\nR: Goed – ‘echt’ en “prima”, één keer ë.\n"


def write(tmp_path: Path, data: bytes, name: str = "t.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8_with_emoji_and_accents(tmp_path: Path) -> None:
    text = "R: Dat was 👍 en café-achtig “zo”.\n"
    assert read_text(write(tmp_path, text.encode("utf-8"))) == text


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + DUTCH.encode("utf-8"))
    assert read_text(path) == DUTCH


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = write(tmp_path, bom + DUTCH.encode(codec))
    assert read_text(path) == DUTCH


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, DUTCH.encode(codec))
    assert read_text(path) == DUTCH


def test_python_utf16_codec_output_with_crlf(tmp_path: Path) -> None:
    # What Word's "Unicode text" export looks like: UTF-16 LE, BOM, CRLF.
    path = write(tmp_path, DUTCH.replace("\n", "\r\n").encode("utf-16"))
    assert read_text(path) == DUTCH


def test_cp1252_curly_quotes_and_dashes(tmp_path: Path) -> None:
    path = write(tmp_path, DUTCH.encode("cp1252"))
    text = read_text(path)
    assert text == DUTCH
    for char in "éë‘’“”–":
        assert char in text


def test_short_cp1252_text_is_not_taken_for_cyrillic(tmp_path: Path) -> None:
    path = write(tmp_path, "Café één".encode("cp1252"))
    assert read_text(path) == "Café één"


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\r\nb\rc\n\r\nd")
    assert read_text(path) == "a\nb\nc\n\nd"


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: file is empty"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    path = write(tmp_path, png)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: not a text file (binary content)"


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(1, 32)) * 40 + bytes(range(128, 256)) * 10)
    with pytest.raises(InputError, match="not a text file"):
        read_text(path)


def test_invalid_utf8_after_bom_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + b"line one\nline two\nbad \xff byte\n")
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: cannot read file: No such file or directory"


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text(tmp_path)
    assert "cannot read file" in str(info.value)
    assert "\n" not in str(info.value)
