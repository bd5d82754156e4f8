"""Hostile files imported as a user imports them, in a child process capped at 500 MB
(:mod:`helpers.capped`), into a project on SQLite and on PostgreSQL.

Each zip here is a few megabytes on disk that inflates to gigabytes; each is refused in one
line naming it, or (pictures that are never read) imported, and the memory cap turns a
regression that inflates what it should not into a failure instead of a swapping machine. A
FIFO and a link to ``/dev/zero`` are refused by their type before a byte is read. A refused file
leaves the project as it was.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from codebench.services.project import Project
from codebench.storage import models
from helpers.capped import error_line, run_capped, shown
from helpers.zip_bombs import MEGABYTE, inflating, lying, plain, replaced, word_entries, write_zip

BOMB = "refused as a zip bomb"
PROJECT_HEAD = b'<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="b">'
COMMENT = b"<!--" + b" " * 1017 + b"-->"  # a kilobyte, so that a megabyte holds whole ones
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def counts(project: Project) -> list[int]:
    """Documents and codes in the project."""
    with project.reading() as session:
        return [
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (models.Document, models.Code)
        ]


def pictures_docx(folder: Path) -> Path:
    """A Word file linking four pictures of 1,000 MB each (4 MB on disk)."""
    entries = word_entries(folder)
    rels = next(entry for entry in entries if entry.name == "word/_rels/document.xml.rels")
    with zipfile.ZipFile(folder / "source.docx") as source:
        text = source.read(rels.name).decode()
    links = "".join(
        f'<Relationship Id="rIdPicture{n}" Type="{IMAGE}" Target="media/image{n}.jpeg"/>'
        for n in range(4)
    )
    linked = plain(rels.name, text.replace("</Relationships>", f"{links}</Relationships>").encode())
    pictures = [
        inflating(f"word/media/image{n}.jpeg", b"", b"\x00", 1000, 1000 * MEGABYTE)
        for n in range(4)
    ]
    return write_zip(folder / "pictures.docx", replaced(entries, linked, *pictures))


def test_zip_bombs_are_refused_within_the_memory_cap(
    project: Project, backend_location: str, tmp_path: Path
) -> None:
    words = word_entries(tmp_path)
    refused = {
        # The project stating 1,000 MB (within the limit) and inflating to 2,000 MB.
        write_zip(tmp_path / "bomb.qdpx", [lying("project.qde", PROJECT_HEAD, COMMENT)]): BOMB,
        # The body stating 60 MB (within the limit), inflating to 2,000 MB.
        write_zip(
            tmp_path / "body.docx",
            replaced(words, lying("word/document.xml", b"<w:document>", b"<w:p/>  ", 60)),
        ): BOMB,
        # Styles honestly stating and inflating to 1,000 MB: no limit on stated sizes stops it.
        write_zip(
            tmp_path / "styles.docx",
            replaced(words, inflating("word/styles.xml", b"", b" ", 1000, 1000 * MEGABYTE)),
        ): BOMB,
    }
    pictures = pictures_docx(tmp_path)
    assert all(path.stat().st_size < 5 * MEGABYTE for path in [*refused, pictures])
    result = run_capped("import", "--project", backend_location, *refused, pictures)
    assert result.returncode == 1, shown(result)
    for path, reason in refused.items():
        assert reason in error_line(result, path)
    assert "imported pictures (Word" in result.stdout, shown(result)
    assert counts(project) == [1, 0]


def test_a_fifo_and_a_device_are_refused_by_their_type(
    project: Project, backend_location: str, tmp_path: Path
) -> None:
    fifo, qdpx_fifo, zero = tmp_path / "fifo.txt", tmp_path / "fifo.qdpx", tmp_path / "x.txt"
    os.mkfifo(fifo)
    os.mkfifo(qdpx_fifo)
    zero.symlink_to("/dev/zero")
    result = run_capped("import", "--project", backend_location, fifo, qdpx_fifo, zero, timeout=30)
    assert result.returncode == 1, shown(result)
    for path in (fifo, qdpx_fifo):
        assert error_line(result, path).endswith(
            f"{path}: cannot read file: it is a named pipe (FIFO), not a regular file"
        )
    assert error_line(result, zero).endswith(
        f"{zero}: cannot read file: it is a character device (through a symbolic link), "
        "not a regular file"
    )
    assert counts(project) == [0, 0]
