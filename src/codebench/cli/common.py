"""What every command shares: the console, the --project option, one-line errors.

The command line loads only click and rich: every command module imports the services it calls
inside the command, so ``codebench --help`` or a database command never pays for spaCy, pandas,
matplotlib or Textual (tests/test_startup.py holds it so).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.text import Text

from codebench.environment import ACTOR_ENV, PROJECT_ENV, default_actor
from codebench.errors import CodebenchError
from codebench.files.spreadsheet import inert

if TYPE_CHECKING:
    from codebench.services.project import Project
    from codebench.services.viewer import Viewer

F = TypeVar("F", bound=Callable[..., Any])

# C0 and C1 control characters (but tab and newline) and the bidirectional overrides and
# isolates that reorder what follows them: shown as escapes, never sent to the terminal.
_HIDDEN = {
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _HIDDEN}


def visible(text: str) -> str:
    """``text`` safe to print: a transcript, code name or file name holding an escape sequence
    cannot clear the screen, retitle the window or reorder the line; it shows as ``\\x1b``."""
    return text.translate(_ESCAPES)


class TerminalConsole(Console):
    """A console that prints text as text: no markup ("[bold]" in a code name stays as typed)
    and no control characters, whether a string is printed or sits in a table or a tree."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)


console = TerminalConsole(highlight=False, markup=False)


def project_option(func: F) -> F:
    return click.option(
        "--project",
        "-p",
        "project_location",
        metavar="PATH|URL",
        help=f"Project file or postgresql+psycopg:// URL (default: ${PROJECT_ENV}, "
        "else the one .codebench file in this folder).",
    )(func)


def blind_reading_option(func: F) -> F:
    """``--blind``: act as a coder who codes blind, so a reading command shows only their own
    codings, a command that compares coders is refused, and a change to a code that carries
    others' codings is refused without counting them, as in the blind workbench."""
    return click.option(
        "--blind",
        is_flag=True,
        help=f"As a coder coding blind: only their own codings count (the --coder, else "
        f"${ACTOR_ENV} or your login name).",
    )(func)


def force_option(func: F) -> F:
    """``--force``: replace output files that already exist (never done silently)."""
    return click.option("--force", is_flag=True, help="Replace the output file(s) if they exist.")(
        func
    )


def check_target(path: Path, force: bool, pattern: str | None = None) -> None:
    """Refuse, in one line and before any work, an output file that cannot or should not be
    written: its folder is missing, it is a folder, or it exists (or, for several files named
    by ``pattern`` beside it, one of those does) and ``--force`` was not given."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CodebenchError(f"{path}: no such folder {folder}")
    if path.is_dir():
        raise CodebenchError(f"{path}: is a folder; name a file")
    if force:
        return
    existing = [path] if path.exists() else sorted(folder.glob(pattern)) if pattern else []
    if existing:
        raise CodebenchError(f"{existing[0]}: exists; add --force to replace it")


def viewer_for(coder: str | None, blind: bool) -> Viewer:
    """Who a command reads for: with --blind the named coder (or the default one), blind."""
    from codebench.services.viewer import Viewer

    return Viewer(coder or default_actor(), blind)


def open_for_command(location: str | None) -> Project:
    from codebench.services.project import locate_project, open_project

    project = open_project(locate_project(location))
    if project.backup is not None:
        console.print(f"Upgraded the project's schema; backup written to {project.backup}")
    return project


class UserError(click.ClickException):
    """A :class:`CodebenchError` shown as one line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"codebench: error: {visible(self.message)}", err=True)


class CodebenchGroup(click.Group):
    """Turns errors a user caused into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CodebenchError as exc:
            raise UserError(str(exc)) from exc


def print_rows(rows: list[dict[str, Any]], output_format: str, fields: list[str]) -> None:
    """Rows to standard output as JSON or CSV (a listing a script or a spreadsheet reads)."""
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    writer.writerows({key: inert(value) for key, value in row.items()} for row in rows)
    sys.stdout.write(buffer.getvalue())
