"""Writing export files so only their owner can read them.

Exports hold interview quotes, which are personal data: every file is written owner-only
(0600), also when it replaces an older file that had wider permissions, and every folder
codebench makes for one is owner-only (0700). The bytes go to a
temporary file next to the target first and are moved into place at the end, so a failed
export never leaves a half-written file under the real name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


def private_folder(folder: Path) -> Path:
    """Make ``folder`` and every missing folder above it owner-only (0700). ``Path.mkdir``
    gives its mode to the last folder alone: ``init a/b/x.codebench`` left ``a`` readable by
    everyone, a folder that holds transcripts."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
    return folder


def write_private(path: Path, content: bytes) -> Path:
    """Write ``content`` to ``path`` atomically, readable and writable by the owner only."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_MODE)
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path


def write_private_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line endings, owner-only (see :func:`write_private`)."""
    return write_private(path, text.encode("utf-8"))
