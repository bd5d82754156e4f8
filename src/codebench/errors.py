"""Errors a user can cause, each rendered as one line that names the file (and line).

Every layer raises these instead of library exceptions so that the CLI and the TUI can show a
single readable line and leave the project unchanged.
"""

from __future__ import annotations

from pathlib import Path


class CodebenchError(Exception):
    """A problem the user can act on; its message is shown as it is, on one line."""


class InputError(CodebenchError):
    """A file the user gave cannot be used; the message names the file and, if known, its line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class ProjectError(CodebenchError):
    """The project cannot be found, opened or changed as asked."""
