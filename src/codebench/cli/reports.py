"""``codebench report`` prints one table; ``codebench export`` writes tables to report files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.text import Text

from codebench.cli.common import (
    blind_reading_option,
    check_target,
    console,
    force_option,
    open_for_command,
    project_option,
    viewer_for,
    visible,
)
from codebench.errors import CodebenchError
from codebench.i18n import LANGUAGES
from codebench.reports.model import ALL_CODERS
from codebench.reports.registry import NAMES

if TYPE_CHECKING:
    from codebench.cli.report_text import Line
    from codebench.reports.model import Filters, ReportTable
    from codebench.services.viewer import Viewer

F = TypeVar("F", bound=Callable[..., Any])
QUOTES_PER_CODE = 3
"""Exemplar quotes printed per code without --limit or --all."""


def _attribute_filters(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        name, sep, wanted = value.partition("=")
        if not sep or not name.strip() or not wanted.strip():
            raise click.BadParameter(f"'{value}' is not NAME=VALUE", param_hint="--where")
        pairs.append((name.strip(), wanted.strip()))
    return tuple(pairs)


def filter_options(func: F) -> F:
    options = (
        click.option(
            "--coder",
            "coders",
            multiple=True,
            metavar="NAME|all",
            help="Whose codings count (repeatable). Default: the consensus coder if there is "
            "one, else the only coder. Several coders, or 'all' (every coder but the "
            "consensus), count as a union: a passage coded by several counts once.",
        ),
        click.option("--code", "code", help="Only this code and the codes below it."),
        click.option("--document", "documents", multiple=True, help="Only these documents."),
        click.option(
            "--where",
            "where",
            multiple=True,
            metavar="NAME=VALUE",
            help="Only respondents with this attribute value (repeatable).",
        ),
    )
    for option in reversed(options):
        func = option(func)
    return blind_reading_option(func)


def _viewer(coders: tuple[str, ...], blind: bool) -> Viewer:
    """With --blind, the one --coder (or the default coder) reads, blind."""
    if blind and (len(coders) > 1 or ALL_CODERS in coders):
        raise CodebenchError("--blind reads one coder's codings: give at most one --coder")
    return viewer_for(coders[0] if coders else None, blind)


def _filters(
    coders: tuple[str, ...], code: str | None, documents: tuple[str, ...], where: tuple[str, ...]
) -> Filters:
    from codebench.reports.model import Filters

    return Filters(coders, code, documents, _attribute_filters(where))


def print_lines(lines: list[Line]) -> None:
    """Lines laid out already (to the terminal's width), printed in one go, never re-wrapped."""
    text = Text()
    for line in lines:
        text.append(visible(line.text) + "\n", style=line.style or None)
    console.print(text, end="", soft_wrap=True)


def print_table(table: ReportTable, per_code: int | None) -> None:
    """A table as the terminal shows it (:func:`codebench.cli.report_text.report_lines`)."""
    from codebench.cli.report_text import report_lines

    print_lines(report_lines(table, console.width, per_code))


def _report_help() -> str:
    """The ``report`` command's help, naming every registered table."""
    from codebench.reports.registry import KINDS

    described = (f"{k.name} ({k.summary})" if k.summary else k.name for k in KINDS)
    return f"Print a report table: {', '.join(described)}."


@click.command(help=_report_help())
@click.argument("name", type=click.Choice(sorted(NAMES)))
@filter_options
@click.option("--by", "attribute", help="Respondent attribute (for attributes, by-attribute).")
@click.option("--presence", is_flag=True, help="Codes by respondent: 1/0 instead of counts.")
@click.option(
    "--level",
    type=click.Choice(["unit", "turn", "overlap"]),
    default="unit",
    show_default=True,
    help="Co-occurrence in one sentence unit, turn, or overlap.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "md", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help=f"Quotes: at most N per code, starred first (printed: {QUOTES_PER_CODE}).",
)
@click.option("--all", "every_quote", is_flag=True, help="Quotes: print every quote of a code.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file.")
@force_option
@project_option
def report(
    name: str,
    coders: tuple[str, ...],
    code: str | None,
    documents: tuple[str, ...],
    where: tuple[str, ...],
    blind: bool,
    attribute: str | None,
    presence: bool,
    level: str,
    output_format: str,
    limit: int | None,
    every_quote: bool,
    output: Path | None,
    force: bool,
    project_location: str | None,
) -> None:
    """Print a report table (the help text names them): the coders it counts come first; a
    table wider than the terminal is shortened or points to the formats that hold it."""
    from codebench.exports.tabular import csv_text, to_json, to_markdown
    from codebench.files.private import write_private_text
    from codebench.reports.display import first_quotes
    from codebench.services.reports.build import build_report

    if limit is not None and every_quote:
        raise CodebenchError("give --limit N or --all, not both")
    if output is not None:
        check_target(output, force)
    filters = _filters(coders, code, documents, where)
    viewer = _viewer(coders, blind)
    with open_for_command(project_location) as project:
        table = build_report(
            project,
            name,
            filters,
            attribute=attribute,
            presence=presence,
            level=level,
            viewer=viewer,
        )
    if output_format == "table":
        if output is not None:
            raise CodebenchError("--output needs --format csv, md or json")
        print_table(table, None if every_quote else limit or QUOTES_PER_CODE)
        return
    if table.name == "quotes" and limit is not None:
        table = first_quotes(table, limit)
    writers: dict[str, Callable[[ReportTable], str]] = {
        "csv": csv_text,
        "md": to_markdown,
        "json": to_json,
    }
    text = writers[output_format](table)
    stated = table.filters.get("coders")
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        if output_format == "csv" and stated:  # a CSV holds data only: its coders go aside
            click.echo(visible(f"Coders: {stated}"), err=True)
    else:
        write_private_text(output, text)
        console.print(f"Wrote {output}" + (f" (coders: {stated})" if stated else ""))


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--tables", "names", help="Comma-separated tables (default: all that apply).")
@filter_options
@click.option(
    "--by",
    "attribute",
    default="organisation_type",
    show_default=True,
    help="Respondent attribute for the attribute tables.",
)
@click.option(
    "--agreement",
    "agreement_coders",
    metavar="CODER,CODER",
    help="Add the inter-coder agreement table of these coders.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    help="Language of the report's own words (default: the interviews', else English).",
)
@force_option
@project_option
def export(
    file: Path,
    names: str | None,
    coders: tuple[str, ...],
    code: str | None,
    documents: tuple[str, ...],
    where: tuple[str, ...],
    blind: bool,
    attribute: str,
    agreement_coders: str | None,
    language: str | None,
    force: bool,
    project_location: str | None,
) -> None:
    """Write report tables to FILE: .xlsx (a sheet per table), .docx (a report with the theme
    table, a chart and quotes per theme), .md, .csv (a file per table) or .json; or the whole
    project as a REFI-QDA .qdpx for ATLAS.ti, MAXQDA, NVivo or QualCoder (with --blind, only
    that coder's codings and memos)."""
    from codebench.agreement.model import AgreementOptions

    several = f"{file.stem}-*.csv" if file.suffix.casefold() == ".csv" else None
    check_target(file, force, several)
    filters = _filters(coders, code, documents, where)
    viewer = _viewer(coders, blind)
    wanted = tuple(n.strip() for n in names.split(",")) if names else None
    from codebench.services.reports.export import export_tables

    if file.suffix.casefold() == ".qdpx":
        from codebench.services.exchange.qdpx_export import write_qdpx

        with open_for_command(project_location) as project:
            console.print(f"Wrote {write_qdpx(project, file, viewer=viewer)}")
        return
    from codebench.i18n import chosen_language
    from codebench.services.reports.coders import chosen_coders

    with open_for_command(project_location) as project, chosen_language(language):
        agreement = (
            AgreementOptions(tuple(c.strip() for c in agreement_coders.split(",")), bootstrap=1000)
            if agreement_coders
            else None
        )
        coders_line = f"Coders: {chosen_coders(project, filters, viewer).coders_in_words()}"
        written = export_tables(project, file, filters, wanted, attribute, agreement, viewer=viewer)
    for path in written:
        console.print(f"Wrote {path}")
    console.print(coders_line)


COMMANDS = (report, export)
