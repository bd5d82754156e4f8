"""A ``.qdpx`` zip, read within the size limits and with entries found whatever their case.

Real tools write ``project.qde`` or ``Project.qde`` and ``sources/`` or ``Sources/``, so
entries are looked up case-insensitively. A ``.qdpx`` may carry large media files that
codebench never reads, so only the entries read count towards the limits: the sizes they
state, checked before they are read, and what they really inflate to, counted as they inflate
(:class:`~codebench.files.archive.BoundedZip`).
"""

from __future__ import annotations

from pathlib import Path

from codebench.errors import InputError
from codebench.files.archive import ZIP_ERRORS, BoundedZip
from codebench.files.encoding import one_line
from codebench.files.limits import MAX_TOTAL_BYTES, too_large


class QdpxArchive(BoundedZip):
    """The zip with case-insensitive look-up of entries, read within the size limits, damage
    refused in one line; a context manager that closes the zip. A path that is not a regular
    file (a FIFO, a device) is refused before it is read."""

    def __init__(self, path: Path) -> None:
        try:
            super().__init__(path)
        except ZIP_ERRORS as exc:
            raise InputError(path, f"not a .qdpx (zip) file: {one_line(str(exc))}") from None
        self.names = {name.casefold(): name for name in self.namelist()}
        self.stated = 0

    def find(self, name: str) -> str | None:
        """The entry's name as stored in the zip, or ``None`` when there is none."""
        return self.names.get(name.casefold())

    def read_entry(self, name: str, limit: int) -> bytes:
        """The content of entry ``name``, refused if it states or inflates to more than
        ``limit`` bytes, or takes all entries read beyond the archive's limit."""
        self.allow(name, limit)
        with self.stream(name, limit) as entry:
            return entry.read()

    def allow(self, name: str, limit: int) -> None:
        """Refuse entry ``name`` before reading it if it states a size beyond ``limit`` bytes,
        or all entries allowed so far (each once, however often it is read) state more than
        the archive's limit."""
        info = self.getinfo(name)
        if info.file_size > limit:
            raise InputError(self.path, too_large(f"entry {name!r}", info.file_size, limit))
        self.stated += info.file_size
        if self.stated > MAX_TOTAL_BYTES:
            what = "the entries read"
            raise InputError(self.path, too_large(what, self.stated, MAX_TOTAL_BYTES))

    def refusal(self, name: str, exc: Exception) -> InputError:
        return InputError(self.path, f"cannot read {name!r}: {one_line(str(exc))}")
