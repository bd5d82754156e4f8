"""``agree``, ``disagreements``, ``resolve``, ``consensus`` and ``assign``: the reviewer's
commands for inter-coder agreement."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from rich import box
from rich.table import Table

from codebench.cli.common import (
    console,
    open_for_command,
    print_rows,
    project_option,
    viewer_for,
)
from codebench.environment import default_actor
from codebench.errors import CodebenchError

if TYPE_CHECKING:
    from codebench.agreement.listing import Entry
    from codebench.agreement.model import AgreementOptions, AgreementResult

F = TypeVar("F", bound=Callable[..., Any])


def agreement_options(func: F) -> F:
    """The options that say which coders to compare and how, given to the command as one
    ``options: AgreementOptions`` (bootstrap figures are the agree command's own)."""

    @functools.wraps(func)
    def command(
        coders: tuple[str, ...],
        unit: str,
        threshold: float,
        any_overlap: bool,
        codes: str | None,
        speakers: str,
        **rest: Any,
    ) -> Any:
        from codebench.agreement.model import AgreementOptions

        names = tuple(n.strip() for value in coders for n in value.split(",") if n.strip())
        rule = None if any_overlap else threshold
        comparing = AgreementOptions(names, unit, rule, codes, speakers=speakers)
        return func(options=comparing, **rest)

    options = (
        click.option(
            "--coders",
            "coders",
            required=True,
            multiple=True,
            metavar="NAME",
            help="Two or more coders: --coders anna --coders ben, or --coders anna,ben",
        ),
        click.option(
            "--unit",
            type=click.Choice(["sentence", "turn", "char"]),
            default="sentence",
            show_default=True,
            help="Unit of comparison.",
        ),
        click.option(
            "--threshold",
            type=click.FloatRange(0, 1, min_open=True),
            default=0.5,
            show_default=True,
            help="Share of the shorter of span and unit that must overlap.",
        ),
        click.option("--any-overlap", is_flag=True, help="Count any overlap (no threshold)."),
        click.option("--codes", help="Only this code and the codes below it."),
        click.option(
            "--speakers",
            type=click.Choice(["respondents", "all"]),
            default="respondents",
            show_default=True,
            help="Units from respondents' turns only, or from every turn (the interviewer's "
            "and text nobody speaks, such as a header, included).",
        ),
    )
    decorated: Callable[..., Any] = command
    for option in reversed(options):
        decorated = option(decorated)
    return cast(
        F,
        click.option(
            "--blind",
            is_flag=True,
            help="As a coder coding blind: refused, since comparing coders shows their codings.",
        )(decorated),
    )


@click.command("agree")
@agreement_options
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Bootstrap replicates for alpha's 95% interval (0: none).",
)
@click.option(
    "--bootstrap-by",
    type=click.Choice(["unit", "document"]),
    default="unit",
    show_default=True,
    help="Resample units one by one, or whole documents with all their units (units of one "
    "interview are not independent: a wider, more honest interval).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Bootstrap seed.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "md", "json"]),
    default="table",
    show_default=True,
)
@project_option
def agree_command(
    options: AgreementOptions,
    blind: bool,
    bootstrap: int,
    bootstrap_by: str,
    seed: int,
    output_format: str,
    project_location: str | None,
) -> None:
    """Agreement between coders per code and pooled: percent and positive agreement,
    Krippendorff's alpha (with a bootstrap interval), Cohen's or Fleiss' kappa, Gwet's AC1.
    The notes printed under the table define each figure and say why a cell is empty."""
    from codebench.services.agreement import agree

    options = replace(options, bootstrap=bootstrap, seed=seed, bootstrap_by=bootstrap_by)
    with open_for_command(project_location) as project:
        result = agree(project, options, viewer=viewer_for(None, blind))
    if output_format == "table":
        # The registry's screen figures and the notes, without the report table (pandas).
        from codebench.agreement.tables import AGREEMENT_TITLE, agreement_notes

        console.print(_screen_table(result, AGREEMENT_TITLE))
        for note in agreement_notes(result):  # the run's warnings come last, once
            warning = note in result.warnings
            console.print(
                f"warning: {note}" if warning else note, style="yellow" if warning else "dim"
            )
        return
    from codebench.agreement.tables import agreement_table
    from codebench.exports.tabular import csv_text, to_json, to_markdown

    table = agreement_table(result)
    if output_format == "md":
        click.echo(to_markdown(table))
    else:
        click.echo((csv_text if output_format == "csv" else to_json)(table), nl=False)


#: Below this terminal width the table keeps only the figures the registry marks narrow.
WIDE = 110


def _screen_table(result: AgreementResult, title: str) -> Table:
    """The per-code table as a terminal shows it: the registry's screen figures (as the TUI
    shows them), with the units each row counts and a mark where positives are too few; a
    narrow terminal drops what the registry marks as wide-only (the interval)."""
    from codebench.agreement.analysis import POOLED
    from codebench.agreement.screen import screen_table

    shown = screen_table(result)
    keep = [i for i, c in enumerate(shown.columns) if c.narrow or console.width >= WIDE]
    out = Table(
        title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False
    )
    out.add_column("code", overflow="fold", min_width=16, ratio=1)
    out.add_column("units", justify="right", no_wrap=True)
    for index in keep:
        out.add_column(shown.columns[index].header, justify="right", no_wrap=True)
    out.add_column("!", no_wrap=True)
    items = [*result.codes, result.pooled]
    for item, row in zip(items, shown.rows, strict=True):
        code = row.code.rsplit(" > ", 1)[-1] if row.code is not None else POOLED
        cells = [row.cells[index] for index in keep]
        warned = "few" if row.warned else ""
        out.add_row(code, str(item.units), *cells, warned, style=None if row.code else "bold")
    return out


@click.command("disagreements")
@agreement_options
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["presence", "substitution", "below threshold", "boundary"]),
    help="Only these kinds (repeatable).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@project_option
def disagreements_command(
    options: AgreementOptions,
    blind: bool,
    kinds: tuple[str, ...],
    output_format: str,
    project_location: str | None,
) -> None:
    """Every unit and code where the coders differ, with context, for review (CSV opens in a
    spreadsheet); resolve them with 'codebench resolve KEY'. The table gives each unit's text
    once, with what each coder did there."""
    from codebench.agreement.tables import disagreement_rows, substitution_frame
    from codebench.services.agreement import disagreements
    from codebench.services.consensus import resolutions

    with open_for_command(project_location) as project:
        viewer = viewer_for(None, blind)
        comparison, found = disagreements(project, options, viewer=viewer)
        decided = resolutions(project, viewer=viewer)
    entries = [
        (item, row)
        for item, row in zip(found, disagreement_rows(comparison, found, decided), strict=True)
        if not kinds or row["kind"] in kinds
    ]
    if output_format != "table":
        rows = [row for _, row in entries]
        print_rows(rows, output_format, list(rows[0]) if rows else ["key"])
        return
    console.print(_disagreement_table(entries, comparison.texts, options.coders))
    confusion = substitution_frame(comparison, found)
    if not confusion.empty:
        console.print(
            "[bold]Substituted codes[/bold] (applied by one coder -> applied instead by another):"
        )
        for applied, row in confusion.iterrows():
            for instead, n in row.items():
                if n:
                    console.print(f"  {n} x  {applied}  ->  {instead}", soft_wrap=True)


def _disagreement_table(
    entries: Sequence[Entry], texts: dict[str, str], coders: tuple[str, ...]
) -> Table:
    """One section per unit: its place and text once, then a line per disagreement on it
    with what each coder did (see :mod:`~codebench.agreement.listing`)."""
    from codebench.agreement.listing import by_unit, code_cell, coder_cell

    units = by_unit(entries, texts)
    table = Table(
        title=f"{len(entries)} disagreements on {len(units)} units",
        title_justify="left",
        header_style="bold",
        expand=True,
    )
    # The unit's text and the code take the room; the short columns keep their width.
    table.add_column("unit", overflow="fold", ratio=3, min_width=20)
    table.add_column("key", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("code", overflow="fold", ratio=2, min_width=12)
    for coder in coders:
        table.add_column(coder, overflow="fold", ratio=1, min_width=7)
    table.add_column("resolution", no_wrap=True)
    for listed in units:
        document = texts[listed.unit.document]
        last = len(listed.entries) - 1
        for number, (item, row) in enumerate(listed.entries):
            table.add_row(
                f"{listed.heading}\n{listed.text}" if number == 0 else "",
                row["key"],
                row["kind"],
                code_cell(row),
                *(coder_cell(view, item.unit, document) for view in item.coders),
                row["resolution"],
                end_section=number == last,
            )
    return table


@click.command("resolve")
@click.argument("key")
@agreement_options
@click.option("--accept", "accepted", metavar="CODER", help="The consensus takes this coder's.")
@click.option("--merge", is_flag=True, help="The consensus takes the union of the spans.")
@click.option("--codebook-issue", is_flag=True, help="Flag overlapping definitions.")
@click.option("--reopen", is_flag=True, help="Mark it open again.")
@click.option("--note", help="The reviewer's note.")
@click.option("--reviewer", default=default_actor, show_default="your coder name")
@project_option
def resolve_command(
    key: str,
    options: AgreementOptions,
    blind: bool,
    accepted: str | None,
    merge: bool,
    codebook_issue: bool,
    reopen: bool,
    note: str | None,
    reviewer: str,
    project_location: str | None,
) -> None:
    """Settle disagreement KEY (from 'codebench disagreements') into the consensus coder."""
    from codebench.services.consensus import resolve

    chosen = [
        name
        for name, on in (
            ("accept", accepted is not None),
            ("merge", merge),
            ("codebook", codebook_issue),
            ("open", reopen),
        )
        if on
    ]
    if len(chosen) != 1:
        raise CodebenchError("choose one of --accept CODER, --merge, --codebook-issue, --reopen")
    with open_for_command(project_location) as project:
        viewer = viewer_for(reviewer, blind)
        done = resolve(project, options, key, chosen[0], reviewer, accepted, note, viewer=viewer)
    console.print(f"{done.key}: {done.decision}; consensus +{done.added} -{done.removed} codings")


@click.group("consensus")
def consensus() -> None:
    """The consensus coder built from the coders' agreement and the reviewer's decisions."""


@consensus.command("start")
@agreement_options
@click.option("--reviewer", default=default_actor, show_default="your coder name")
@project_option
def consensus_start(
    options: AgreementOptions,
    blind: bool,
    reviewer: str,
    project_location: str | None,
) -> None:
    """Start the consensus from every passage all coders agree on."""
    from codebench.services.consensus import start_consensus

    with open_for_command(project_location) as project:
        added = start_consensus(project, options, reviewer, viewer=viewer_for(reviewer, blind))
    console.print(f"Consensus started with {added} agreed codings")


@click.command("assign")
@click.argument("documents", nargs=-1, required=True)
@click.option("--coder", required=True, help="The coder.")
@click.option("--done", is_flag=True, help="Mark the documents as finished by the coder.")
@project_option
def assign(
    documents: tuple[str, ...], coder: str, done: bool, project_location: str | None
) -> None:
    """Assign documents to a coder (or mark them done). Once a coder has assignments, only the
    documents they finished count for them in agreement; the rest are missing data."""
    from codebench.services.agreement import mark_assignment

    with open_for_command(project_location) as project:
        n = mark_assignment(project, documents, coder, "done" if done else "assigned")
    console.print(f"{n} documents {'done' if done else 'assigned'} for {coder}")


COMMANDS = (agree_command, disagreements_command, resolve_command, consensus, assign)
