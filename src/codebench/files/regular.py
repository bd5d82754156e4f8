"""Opening a file the user named only if it is a regular file, decided by its type before a byte
is read.

Reading a FIFO waits for a writer that never comes; a device such as ``/dev/zero`` (or a
symbolic link to it named ``x.txt``) never ends and reports a size of 0, so no size limit
catches it; opening some devices does something by itself. So the type is checked first by
``stat``, and again on the open descriptor (the name may have been swapped in between), and
the file is opened without blocking, so that even a FIFO put there at that moment cannot hang.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from codebench.errors import InputError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for binary reading, refused with one line (:class:`InputError`) unless it
    is a regular file (symbolic links followed); a file that cannot be opened raises
    :class:`OSError`, which each caller words for its own kind of file."""
    _require_regular(path, os.stat(path).st_mode)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        _require_regular(path, os.fstat(descriptor).st_mode)
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _require_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    link = " (through a symbolic link)" if os.path.islink(path) else ""
    raise InputError(path, f"cannot read file: it is {kind}{link}, not a regular file")
