"""The ``codebench`` command: thin wrappers that call services and print their results.

Every error a user can cause ends as one line on stderr ("codebench: error: ...") and a
non-zero exit code; nothing here touches the database except through a service.
"""

from __future__ import annotations

import click

from codebench.cli import (
    agreement,
    codebook,
    coding,
    pseudonymise,
    reports,
    speakers,
    suggest,
    transcripts,
    tui,
)
from codebench.cli.common import CodebenchGroup


@click.group(
    cls=CodebenchGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="codebench")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """codebench: code interview transcripts against a thematic codebook.

    Without a command it opens the project in this folder in the coding workbench."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui.open_command)


for command in (
    *transcripts.COMMANDS,
    *coding.COMMANDS,
    *speakers.COMMANDS,
    *codebook.COMMANDS,
    *reports.COMMANDS,
    *agreement.COMMANDS,
    *suggest.COMMANDS,
    *pseudonymise.COMMANDS,
    *tui.COMMANDS,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="codebench")
