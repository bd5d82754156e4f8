"""Zips read within limits counted on what they really inflate to, never on the sizes they
state (their imports under a memory cap: ``test_hostile_imports.py``)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from codebench.errors import InputError
from codebench.files.archive import BoundedZip, docx_zip
from codebench.refi.archive import QdpxArchive
from helpers.zip_bombs import MEGABYTE, lying, plain, word_entries, write_zip, zip_bytes

BOMB = "refused as a zip bomb"
NOISE = bytes(range(256)) * 4096  # a megabyte that deflate can hardly shrink


def test_an_entry_lying_about_its_size_is_stopped_by_the_ratio(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "lying.zip", [lying("big.txt")])
    with BoundedZip(path) as archive:
        with pytest.raises(InputError, match=BOMB) as refused:
            archive.read("big.txt")
        assert archive.inflated < 8 * MEGABYTE
    assert str(refused.value).startswith(f"{path}: ")


def test_an_entry_is_stopped_at_its_limit_as_it_inflates(tmp_path: Path) -> None:
    """Incompressible bytes pass the ratio; the entry's limit still counts what inflates."""
    path = write_zip(tmp_path / "big.zip", [plain("noise.bin", NOISE + NOISE[::-1])])
    too_large = r"entry 'noise\.bin' inflates to more than 1\.0 MB"
    with (
        BoundedZip(path, entry_limit=MEGABYTE) as archive,
        pytest.raises(InputError, match=too_large),
    ):
        archive.read("noise.bin")


def test_all_entries_read_count_towards_the_archive_limit(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "two.zip", [plain("a.bin", NOISE), plain("b.bin", NOISE)])
    with BoundedZip(path, total_limit=MEGABYTE + 1) as archive:
        archive.read("a.bin")
        with pytest.raises(InputError, match=r"what is read of it inflates to more than 1\.0 MB"):
            archive.read("b.bin")


def test_other_compression_methods_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "bz2.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.txt", "hallo")
    with BoundedZip(path) as archive, pytest.raises(InputError, match="method 12"):
        archive.read("a.txt")


def test_a_docx_zip_reads_as_a_zipfile_does(tmp_path: Path) -> None:
    data = zip_bytes(word_entries(tmp_path))
    with docx_zip(tmp_path / "x.docx", data) as archive, zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            assert archive.read(info) == z.read(info)
            with archive.open(info.filename) as stream:
                assert stream.read() == z.read(info)


def test_a_qdpx_source_lying_about_its_size(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "p.qdpx", [lying("sources/a.txt")])
    with QdpxArchive(path) as archive, pytest.raises(InputError, match=BOMB):
        archive.read_entry("sources/a.txt", 1024 * MEGABYTE)


def test_a_damaged_qdpx_entry_is_one_line(tmp_path: Path) -> None:
    damaged = replace(plain("sources/a.txt", b"Interviewer: Hoe ging het?"), crc=1)
    path = write_zip(tmp_path / "p.qdpx", [damaged])
    with QdpxArchive(path) as archive, pytest.raises(InputError) as refused:
        archive.read_entry("sources/a.txt", MEGABYTE)
    assert (
        str(refused.value)
        == f"{path}: cannot read 'sources/a.txt': Bad CRC-32 for file 'sources/a.txt'"
    )
