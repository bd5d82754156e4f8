"""Reading zip containers (.docx, .qdpx) without trusting them.

A damaged or hostile zip fails in many ways: :mod:`zipfile` raises ``BadZipFile`` for a broken
directory, ``zlib.error`` or ``EOFError`` for a corrupt or cut-off deflate stream,
``NotImplementedError`` for an unknown compression method, ``RuntimeError`` for an encrypted
entry, ``OSError`` from bz2, ``LZMAError`` from lzma. :data:`ZIP_ERRORS` names them once, so
every reader of a zip turns all of them into a one-line :class:`InputError`.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from pathlib import Path

from codebench.errors import InputError
from codebench.files.limits import MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, too_large

#: Everything :mod:`zipfile` raises for a damaged archive or entry.
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
)


def check_inflated_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive whose entries, all read, would inflate beyond the limits."""
    total = 0
    for info in infos:
        if info.file_size > MAX_ENTRY_BYTES:
            what = f"entry {info.filename!r} inflated"
            raise InputError(path, too_large(what, info.file_size, MAX_ENTRY_BYTES))
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise InputError(path, too_large("the archive inflated", total, MAX_TOTAL_BYTES))
