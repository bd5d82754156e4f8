"""Opening the TUI: ``codebench open``, plain ``codebench``, and the end of ``codebench demo``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from codebench.cli.common import open_for_command, project_option

if TYPE_CHECKING:
    from codebench.services.project import Project


def run_tui(project: Project, coder: str | None, blind: bool) -> None:
    """Start the coding workbench; the coder comes from --coder, the settings, or a prompt."""
    from codebench.settings import load_settings
    from codebench.tui.app import CodebenchApp

    CodebenchApp(project, coder or load_settings().coder, blind).run()


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


coder_option = click.option(
    "--coder", help="Who is coding (default: your setting; asked the first time)."
)
blind_option = click.option("--blind", is_flag=True, help="Blind mode: see only your own codings.")


@click.command("open")
@click.argument("location", required=False, metavar="[PATH|URL]")
@coder_option
@blind_option
@project_option
def open_command(
    location: str | None, coder: str | None, blind: bool, project_location: str | None
) -> None:
    """Open a project in the coding workbench (the TUI)."""
    with open_for_command(location or project_location) as project:
        run_tui(project, coder, blind)


COMMANDS = (open_command,)
