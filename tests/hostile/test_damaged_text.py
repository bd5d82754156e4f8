"""A UTF-8 file with one damaged byte is refused with its line and byte, never stored as
cp1252 mojibake; a real cp1252 file is still read as cp1252."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.files.encoding import read_text

TEXT = "Interviewer: Hoe ging het café?\nAnna: Het ging één keer goed.\nToen: naïef.\n"


def test_one_bad_byte_in_utf8_names_line_and_byte(tmp_path: Path) -> None:
    data = bytearray(TEXT.encode("utf-8"))
    at = data.index(b"Toen")
    data[at:at] = b"\xe9"  # a lone cp1252 "é" typed into the UTF-8 file
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value) == (
        f"{path}:3: byte 0xe9 at offset {at} is not UTF-8 while the rest of the file is; "
        "correct it or save the file again as UTF-8"
    )


def test_a_cp1252_file_is_still_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "typed.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    assert read_text(path) == TEXT
