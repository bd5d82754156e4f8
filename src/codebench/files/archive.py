"""Reading zip containers (.docx, .qdpx) without trusting them.

A damaged or hostile zip fails in many ways: :mod:`zipfile` raises ``BadZipFile`` for a broken
directory, ``zlib.error`` or ``EOFError`` for a corrupt or cut-off deflate stream,
``NotImplementedError`` for an unknown compression method, ``RuntimeError`` for an encrypted
entry, ``OSError`` from bz2, ``LZMAError`` from lzma, ``ValueError`` for an entry said to start
before the file does (a negative seek). :data:`ZIP_ERRORS` names them once, so every reader of
a zip turns all of them into a one-line :class:`InputError`.

A zip states the size of each entry, and may lie: :mod:`zipfile` inflates up to the stated size
and only then finds the checksum wrong, so a 2 MB file stating 1,000 MB takes 1,000 MB before
it fails. :class:`BoundedZip` therefore counts what its entries really inflate to, as they
inflate, a little at a time, and stops at the entry's limit, at the archive's, or when the
archive inflates more than :data:`~codebench.files.limits.MAX_RATIO` times the bytes really
read from it. Only stored and deflated entries are read: the other methods inflate a whole
block at once, however large, so they could not be stopped in time (and no .docx or .qdpx
uses them).
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, BinaryIO, Literal, cast

from codebench.errors import InputError
from codebench.files.limits import (
    MAX_DOCX_BODY_BYTES,
    MAX_DOCX_XML_BYTES,
    MAX_ENTRY_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    RATIO_GRACE_BYTES,
    inflates_beyond,
    too_large,
)
from codebench.files.regular import open_regular

#: Everything :mod:`zipfile` raises for a damaged archive or entry.
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)

#: The most an entry inflates by in one step. zipfile reads about as many compressed bytes
#: as it is asked to inflate, so this also bounds how far a bomb gets past the ratio: 100
#: times one step.
CHUNK_BYTES = 64 * 2**10

_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def check_inflated_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive whose entries, all read, would inflate beyond the limits they state
    (an honest bomb, refused before anything inflates)."""
    total = 0
    for info in infos:
        if info.file_size > MAX_ENTRY_BYTES:
            what = f"entry {info.filename!r} inflated"
            raise InputError(path, too_large(what, info.file_size, MAX_ENTRY_BYTES))
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise InputError(path, too_large("the archive inflated", total, MAX_TOTAL_BYTES))


def docx_zip(path: Path, data: bytes) -> BoundedZip:
    """The zip of the .docx ``data`` read from ``path``: no part it reads inflates beyond
    :data:`MAX_DOCX_BODY_BYTES`, nor all of them together beyond :data:`MAX_DOCX_XML_BYTES`."""
    return BoundedZip(path, io.BytesIO(data), MAX_DOCX_BODY_BYTES, MAX_DOCX_XML_BYTES)


class _Counted:
    """The file under a zip, counting the bytes :mod:`zipfile` reads from it: the compressed
    bytes of the entries read so far (and the zip's directory)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.taken = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.taken += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()


class BoundedZip(zipfile.ZipFile):
    """A zip read as :class:`zipfile.ZipFile` reads one, but every entry opened for reading
    (by :meth:`open`, :meth:`read` or :meth:`stream`) counted as it inflates against the
    limits (see the module docstring); past one, reading raises a one-line
    :class:`InputError`. Damage raises :data:`ZIP_ERRORS` as :mod:`zipfile` does, unless
    :meth:`refusal` words it.

    ``source`` is the zip's bytes, or ``None`` to open ``path``, which must be a regular file
    (:func:`~codebench.files.regular.open_regular`). ``entry_limit`` bounds each entry read
    (unless :meth:`stream` names another), ``total_limit`` all entries read together, an
    entry read twice counting twice.
    """

    def __init__(
        self,
        path: Path,
        source: BinaryIO | None = None,
        entry_limit: int = MAX_ENTRY_BYTES,
        total_limit: int = MAX_TOTAL_BYTES,
    ) -> None:
        self.path = path
        self.entry_limit = entry_limit
        self.total_limit = total_limit
        self.inflated = 0
        # What close() (also called when a half-made object is collected) looks at.
        self.fp = None
        self._counted: _Counted | None = None
        self._counted = _Counted(source if source is not None else open_regular(path))
        try:
            super().__init__(cast(IO[bytes], self._counted))
        except BaseException:
            self._counted.close()
            raise

    def close(self) -> None:
        super().close()
        if self._counted is not None:
            self._counted.close()

    def open(
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        if mode != "r":
            return super().open(name, mode, pwd, force_zip64=force_zip64)
        return self.stream(name, self.entry_limit, pwd)

    def stream(
        self, name: str | zipfile.ZipInfo, limit: int, pwd: bytes | None = None
    ) -> IO[bytes]:
        """Entry ``name`` opened for reading as it inflates, refused once it inflates beyond
        ``limit`` bytes."""
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if info.compress_type not in _READABLE_METHODS:
            raise InputError(
                self.path,
                f"entry {info.filename!r} is compressed with method {info.compress_type}; "
                "only stored and deflated entries are read",
            )
        try:
            opened = super().open(info, "r", pwd)
        except ZIP_ERRORS as exc:
            raise self.refusal(info.filename, exc) or exc from None
        return cast(IO[bytes], BoundedEntry(self, info.filename, opened, limit))

    def refusal(self, name: str, exc: Exception) -> InputError | None:
        """How damage to entry ``name`` met while reading it is reported: ``None`` lets
        :mod:`zipfile`'s own error through, for the caller to word."""
        return None

    def count(self, size: int) -> None:
        """Count ``size`` more bytes inflated; refuse the archive past its limits."""
        self.inflated += size
        if self.inflated > self.total_limit:
            raise InputError(self.path, inflates_beyond("what is read of it", self.total_limit))
        assert self._counted is not None, "entries are read only from an opened zip"
        if self.inflated > RATIO_GRACE_BYTES and self.inflated > MAX_RATIO * self._counted.taken:
            raise InputError(
                self.path,
                f"its entries inflate to more than {MAX_RATIO} times the bytes they take: "
                "refused as a zip bomb",
            )


_Reader = Callable[[int], bytes]


class BoundedEntry(io.BufferedIOBase):
    """A zip entry being read: reads of at most :data:`CHUNK_BYTES`, each counted against the
    entry's limit and the archive's (:meth:`BoundedZip.count`)."""

    def __init__(self, archive: BoundedZip, name: str, stream: IO[bytes], limit: int) -> None:
        super().__init__()
        self.archive = archive
        self.name = name
        self.stream = stream
        self.limit = limit
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.stream.close()
        super().close()

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes, never more than :data:`CHUNK_BYTES` at once; all the rest with
        a negative or no ``size``."""
        if size is not None and size >= 0:
            return self._counted(self.stream.read, min(size, CHUNK_BYTES))
        parts = []
        while part := self._counted(self.stream.read, CHUNK_BYTES):
            parts.append(part)
        return b"".join(parts)

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size >= 0 else CHUNK_BYTES)

    def readline(self, size: int | None = -1) -> bytes:
        """A line, or its first ``size`` bytes (at most :data:`CHUNK_BYTES`)."""
        bounded = size if size is not None and 0 <= size < CHUNK_BYTES else CHUNK_BYTES
        return self._counted(self.stream.readline, bounded)

    def _counted(self, reader: _Reader, size: int) -> bytes:
        try:
            data = reader(size)
        except ZIP_ERRORS as exc:
            raise self.archive.refusal(self.name, exc) or exc from None
        self.inflated += len(data)
        if self.inflated > self.limit:
            raise InputError(self.archive.path, inflates_beyond(f"entry {self.name!r}", self.limit))
        self.archive.count(len(data))
        return data
