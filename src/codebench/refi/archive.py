"""A ``.qdpx`` zip, read within the size limits and with entries found whatever their case.

Real tools write ``project.qde`` or ``Project.qde`` and ``sources/`` or ``Sources/``, so
entries are looked up case-insensitively. A ``.qdpx`` may carry large media files that
codebench never reads, so only the entries read count towards the limits.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

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
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise InputError(self.path, too_large(f"entry {name!r}", info.file_size, limit))
        self.inflated += info.file_size
        if self.inflated > MAX_TOTAL_BYTES:
            what = "the entries read"
            raise InputError(self.path, too_large(what, self.inflated, MAX_TOTAL_BYTES))
        try:
            return self.zip.read(info)
        except ZIP_ERRORS as exc:
            raise InputError(self.path, f"cannot read {name!r}: {one_line(str(exc))}") from None
