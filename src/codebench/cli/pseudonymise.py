"""``codebench pseudonymise``: replace names, places and contact details with surrogates.

Review first: ``--dry-run`` lists every replacement with its context and category, and
``--exclude`` / ``--include`` correct it (remembered for the next run, in the corrections file
beside the key). Without ``--dry-run`` the replacements are made in one transaction and the
key is written beside the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.table import Table
from rich.text import Text

from codebench.cli.common import console, open_for_command, print_rows, project_option
from codebench.environment import ACTOR_ENV, default_actor
from codebench.errors import CodebenchError

if TYPE_CHECKING:
    from codebench.services.pseudonymisation import Applied, Plan

FIELDS = ["document", "start", "end", "category", "text", "surrogate", "before", "after"]


@click.command("pseudonymise")
@click.argument("documents", nargs=-1, metavar="[DOC]...")
@click.option("--all", "all_documents", is_flag=True, help="Every document of the project.")
@click.option("--dry-run", is_flag=True, help="List the replacements; change nothing.")
@click.option(
    "--exclude",
    multiple=True,
    metavar="WORD",
    help="Never replace WORD (remembered for later runs). Repeatable.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="WORD",
    help="Always replace WORD, as a person or as CATEGORY:WORD (e.g. organisation:UWV). "
    "Remembered for later runs. Repeatable.",
)
@click.option("--format", "output_format", type=click.Choice(["table", "csv"]), default="table")
@click.option(
    "--coder",
    default=default_actor,
    show_default=f"${ACTOR_ENV} or your login name",
    help="Who pseudonymises (recorded in the event log).",
)
@project_option
def pseudonymise(
    documents: tuple[str, ...],
    all_documents: bool,
    dry_run: bool,
    exclude: tuple[str, ...],
    include: tuple[str, ...],
    output_format: str,
    coder: str,
    project_location: str | None,
) -> None:
    """Replace person names, places, organisations, dates, phone numbers, e-mail addresses,
    URLs and ID numbers in DOC... (or --all) with labels such as [PERSOON-3], the same label
    for the same entity in every document. The key (label -> original) is written owner-only
    next to the project, never into it. Codings stay on the same words."""
    from codebench.services.pseudonymisation import apply_plan, plan_pseudonymisation

    if bool(documents) == all_documents:
        raise CodebenchError("name the documents to pseudonymise, or give --all (not both)")
    with open_for_command(project_location) as project:
        plan = plan_pseudonymisation(project, documents, exclude=exclude, include=include)
        if dry_run:
            _list(plan, output_format)
            return
        applied = apply_plan(project, plan, actor=coder)
    say_applied(applied)


def _list(plan: Plan, output_format: str) -> None:
    if output_format == "csv":
        rows = [{name: getattr(f, name) for name in FIELDS} for f in plan.findings]
        print_rows(rows, "csv", FIELDS)
        return
    table = Table(title=f"{len(plan.findings)} replacements (dry run: nothing changed)")
    for column in ("Document", "Category", "Replaced", "By", "Context"):
        table.add_column(column, overflow="fold")
    for finding in plan.findings:
        context = Text(f"…{finding.before}")
        context.append(finding.text, style="bold")
        context.append(f"{finding.after}…")
        table.add_row(finding.document, finding.category, finding.text, finding.surrogate, context)
    console.print(table)
    console.print(_counts(plan.categories()))


def say_applied(applied: Applied) -> None:
    """What a pseudonymisation did and where its key is (also after ``import --pseudonymise``)."""
    documents = len(applied.documents)
    console.print(
        f"Pseudonymised {documents} document{'s' if documents != 1 else ''}: "
        f"{applied.replacements} replacements ({_counts(applied.categories)})"
    )
    console.print(f"Key written to {applied.key} (keep it apart from the project)")
    for backup in applied.backups:
        console.print(
            f"warning: {backup} is a backup of the project from before, with the original "
            "text: remove it, or keep it with the key",
            style="yellow",
        )


def _counts(categories: dict[str, int]) -> str:
    return ", ".join(f"{category} {count}" for category, count in sorted(categories.items()))


COMMANDS = (pseudonymise,)
