"""A ``.qdpx`` zip, read within the size limits and with entries found whatever their case.

Real tools write ``project.qde`` or ``Project.qde`` and ``sources/`` or ``Sources/``, so
entries are looked up case-insensitively. A ``.qdpx`` may carry large media files that
codebench never reads, so only the entries read count towards the limits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from codebench.errors import InputError
from codebench.files.archive import ZIP_ERRORS
from codebench.files.encoding import one_line
from codebench.files.limits import MAX_TOTAL_BYTES, too_large


class QdpxArchive:
    """The zip with case-insensitive look-up of entries, read within the size limits; a
    context manager that closes the zip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except ZIP_ERRORS as exc:
            raise InputError(path, f"not a .qdpx (zip) file: {one_line(str(exc))}") from None
        self.names = {name.casefold(): name for name in self.zip.namelist()}
        self.inflated = 0

    def __enter__(self) -> QdpxArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def find(self, name: str) -> str | None:
        """The entry's name as stored in the zip, or ``None`` when there is none."""
        return self.names.get(name.casefold())

    def read(self, name: str, limit: int) -> bytes:
        """The content of entry ``name``, refused if it would inflate beyond ``limit`` bytes or
        take all entries read beyond the archive's limit."""
        info = self.allow(name, limit)
        try:
            return self.zip.read(info)
        except ZIP_ERRORS as exc:
            raise self.unreadable(name, exc) from None

    def allow(self, name: str, limit: int) -> zipfile.ZipInfo:
        """Count entry ``name`` towards the archive's limit, once for however many readings;
        refused if it would inflate beyond ``limit`` bytes or the entries read beyond the
        archive's limit."""
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise InputError(self.path, too_large(f"entry {name!r}", info.file_size, limit))
        self.inflated += info.file_size
        if self.inflated > MAX_TOTAL_BYTES:
            what = "the entries read"
            raise InputError(self.path, too_large(what, self.inflated, MAX_TOTAL_BYTES))
        return info

    @contextmanager
    def stream(self, name: str) -> Iterator[_Entry]:
        """Entry ``name`` (allowed first, :meth:`allow`) as a stream read as it inflates (no more
        than its stated size); a damaged entry is refused as :meth:`read` refuses it, also
        when the damage shows only while it is being read."""
        try:
            opened = self.zip.open(name)
        except ZIP_ERRORS as exc:
            raise self.unreadable(name, exc) from None
        with opened:
            yield _Entry(self, name, opened)

    def unreadable(self, name: str, exc: BaseException) -> InputError:
        return InputError(self.path, f"cannot read {name!r}: {one_line(str(exc))}")


class _Entry:
    """A zip entry being read: the reads of a parser, with zip errors made one-line refusals."""

    def __init__(self, archive: QdpxArchive, name: str, stream: IO[bytes]) -> None:
        self.archive = archive
        self.name = name
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self.stream.read(size)
        except ZIP_ERRORS as exc:
            raise self.archive.unreadable(self.name, exc) from None

    def readline(self, size: int = -1) -> bytes:
        try:
            return self.stream.readline(size)
        except ZIP_ERRORS as exc:
            raise self.archive.unreadable(self.name, exc) from None
