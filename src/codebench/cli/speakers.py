"""Correcting who speaks, and taking changes back: ``speakers ...``, ``undo`` and ``redo``.

Speaker detection is a guess; these commands fix it after import without touching the text or
its codings, each as one event that ``codebench undo`` (as the same coder) reverses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.table import Table

from codebench.cli.common import console, open_for_command, print_rows, project_option
from codebench.environment import ACTOR_ENV, default_actor
from codebench.roles import ROLES

if TYPE_CHECKING:
    from codebench.services.documents.speakers import SpeakerChange

F = TypeVar("F", bound=Callable[..., Any])


def actor_option(func: F) -> F:
    """``--coder``: whose history the change goes into (undo takes back one's own changes)."""
    return click.option(
        "--coder",
        default=default_actor,
        show_default=f"${ACTOR_ENV} or your login name",
        help="Who makes the change (undo takes it back as the same coder).",
    )(func)


def _said(change: SpeakerChange) -> None:
    console.print(change.description[:1].upper() + change.description[1:], soft_wrap=True)


@click.group(invoke_without_command=True)
@click.option("--document", "document", metavar="NAME", help="Only this document's speakers.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table"
)
@project_option
@click.pass_context
def speakers(
    ctx: click.Context, document: str | None, output_format: str, project_location: str | None
) -> None:
    """List the speakers per document (role, respondent, turns, words), or correct them."""
    from codebench.services.documents.speakers import list_speakers

    if ctx.invoked_subcommand is not None:
        return
    with open_for_command(project_location) as project:
        rows = list_speakers(project, document)
    if output_format != "table":
        fields = ["document", "label", "role", "respondent", "turns", "words"]
        print_rows([row.__dict__ for row in rows], output_format, fields)
        return
    table = Table()
    for column in ("Document", "Speaker", "Role", "Respondent"):
        table.add_column(column)
    for column in ("Turns", "Words"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            row.document,
            row.label,
            row.role,
            row.respondent or "",
            f"{row.turns:,}",
            f"{row.words:,}",
        )
    console.print(table)


@speakers.command("rename")
@click.argument("document")
@click.argument("label")
@click.argument("new_label")
@actor_option
@project_option
def rename(
    document: str, label: str, new_label: str, coder: str, project_location: str | None
) -> None:
    """Call speaker LABEL of DOCUMENT by NEW_LABEL (the text keeps what the file said)."""
    from codebench.services.documents.speakers import rename_speaker

    with open_for_command(project_location) as project:
        _said(rename_speaker(project, document, label, new_label, actor=coder))


@speakers.command("merge")
@click.argument("document")
@click.argument("label")
@click.argument("into")
@actor_option
@project_option
def merge(document: str, label: str, into: str, coder: str, project_location: str | None) -> None:
    """LABEL and INTO are one person in DOCUMENT: LABEL's turns become INTO's."""
    from codebench.services.documents.speakers import merge_speakers

    with open_for_command(project_location) as project:
        _said(merge_speakers(project, document, label, into, actor=coder))


@speakers.command("role")
@click.argument("document")
@click.argument("label")
@click.argument("role", type=click.Choice(ROLES))
@actor_option
@project_option
def role(document: str, label: str, role: str, coder: str, project_location: str | None) -> None:
    """Make LABEL of DOCUMENT the interviewer, a respondent or other (reports per respondent
    count respondents only)."""
    from codebench.services.documents.speakers import set_speaker_role

    with open_for_command(project_location) as project:
        _said(set_speaker_role(project, document, label, role, actor=coder))


@speakers.command("link")
@click.argument("document")
@click.argument("label")
@click.argument("respondent")
@actor_option
@project_option
def link(
    document: str, label: str, respondent: str, coder: str, project_location: str | None
) -> None:
    """LABEL of DOCUMENT is RESPONDENT (a person across documents, with attributes)."""
    from codebench.services.documents.speakers import link_speaker

    with open_for_command(project_location) as project:
        _said(link_speaker(project, document, label, respondent, actor=coder))


@click.command()
@actor_option
@project_option
def undo(coder: str, project_location: str | None) -> None:
    """Take back your latest change: a coding, a speaker edit, a removal or a re-import."""
    from codebench.services.coding import history

    with open_for_command(project_location) as project:
        step = history.undo(project, coder)
    console.print(f"Undo: {step.description}", soft_wrap=True)


@click.command()
@actor_option
@project_option
def redo(coder: str, project_location: str | None) -> None:
    """Make again the change your latest undo took back."""
    from codebench.services.coding import history

    with open_for_command(project_location) as project:
        step = history.redo(project, coder)
    console.print(f"Redo: {step.description}", soft_wrap=True)


COMMANDS = (speakers, undo, redo)
