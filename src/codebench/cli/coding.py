"""Coding from the command line: ``code``, ``uncode`` and ``codings``, for scripts and bulk work."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from codebench.cli.common import (
    blind_reading_option,
    console,
    open_for_command,
    print_rows,
    project_option,
    viewer_for,
    visible,
)
from codebench.environment import ACTOR_ENV, default_actor
from codebench.errors import CodebenchError

if TYPE_CHECKING:
    from codebench.services.coding.by_name import Location
    from codebench.services.coding.views import Passage

F = TypeVar("F", bound=Callable[..., Any])


def _sentence_range(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    first, _, last = value.partition("-")
    try:
        numbers = (int(first), int(last or first))
    except ValueError:
        raise click.BadParameter(f"'{value}' is not N or N-M", param_hint="--sentences") from None
    if numbers[0] < 1:
        raise click.BadParameter("sentences are numbered from 1", param_hint="--sentences")
    return numbers


def location_options(func: F) -> F:
    options = (
        click.option("--quote", help="The exact text of the passage."),
        click.option("--occurrence", type=click.IntRange(min=1), help="Which match of --quote."),
        click.option("--sentences", help="Sentence numbers N or N-M, as 'codebench show' prints."),
        click.option("--start", type=click.IntRange(min=0), help="Start offset (code points)."),
        click.option("--end", type=click.IntRange(min=1), help="End offset (code points)."),
        click.option(
            "--coder",
            default=default_actor,
            show_default=f"${ACTOR_ENV} or your login name",
            help="Who codes.",
        ),
    )
    for option in reversed(options):
        func = option(func)
    return func


def _location(
    quote: str | None,
    occurrence: int | None,
    sentences: str | None,
    start: int | None,
    end: int | None,
) -> Location:
    from codebench.services.coding.by_name import Location

    given = [quote is not None, sentences is not None, start is not None or end is not None]
    if sum(given) != 1:
        raise CodebenchError("give exactly one of --quote, --sentences or --start/--end")
    if (start is None) != (end is None):
        raise CodebenchError("--start and --end go together")
    span = (start, end) if start is not None and end is not None else None
    return Location(quote, occurrence, _sentence_range(sentences), span)


@click.command()
@click.argument("document")
@click.argument("code")
@location_options
@click.option("--memo", help="A note on this coding.")
@click.option("--exemplar", is_flag=True, help="Star the passage as an exemplar quote.")
@project_option
def code(
    document: str,
    code: str,
    quote: str | None,
    occurrence: int | None,
    sentences: str | None,
    start: int | None,
    end: int | None,
    coder: str,
    memo: str | None,
    exemplar: bool,
    project_location: str | None,
) -> None:
    """Apply CODE (a path like "Knelpunten > Digitale afhankelijkheid", or a unique name) to a
    passage of DOCUMENT."""
    from codebench.services.coding.by_name import apply_code

    where = _location(quote, occurrence, sentences, start, end)
    with open_for_command(project_location) as project:
        coding_id = apply_code(project, document, code, coder, where, memo, exemplar)
    console.print(f"Coded #{coding_id}: {document} with '{code}' by {coder}")


@click.command()
@click.argument("document")
@click.argument("code")
@location_options
@project_option
def uncode(
    document: str,
    code: str,
    quote: str | None,
    occurrence: int | None,
    sentences: str | None,
    start: int | None,
    end: int | None,
    coder: str,
    project_location: str | None,
) -> None:
    """Remove CODE from a passage of DOCUMENT (the coder's codings of CODE overlapping it)."""
    from codebench.services.coding.by_name import remove_code

    where = _location(quote, occurrence, sentences, start, end)
    with open_for_command(project_location) as project:
        removed = remove_code(project, document, code, coder, where)
    console.print(f"Removed {removed} coding{'s' if removed != 1 else ''} of '{code}' by {coder}")


CSV_FIELDS = (
    "id",
    "document",
    "code",
    "coder",
    "speaker",
    "sentences",
    "start",
    "end",
    "text",
    "memo",
    "exemplar",
)


def _as_dict(passage: Passage) -> dict[str, Any]:
    coding = passage.coding
    sentences = f"{passage.sentences[0]}-{passage.sentences[1]}" if passage.sentences else ""
    return {
        "id": coding.id,
        "document": passage.document,
        "code": coding.code_path,
        "coder": coding.coder,
        "speaker": passage.speaker or "",
        "sentences": sentences,
        "start": coding.start,
        "end": coding.end,
        "text": passage.text,
        "memo": coding.memo or "",
        "exemplar": coding.exemplar,
    }


@click.command()
@click.option("--coder", help="Only this coder's codings.")
@click.option(
    "--code", "code_ref", help="Only this code (path or unique name); a group with its codes."
)
@click.option("--document", help="Only this document.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@blind_reading_option
@project_option
def codings(
    coder: str | None,
    code_ref: str | None,
    document: str | None,
    output_format: str,
    blind: bool,
    project_location: str | None,
) -> None:
    """List codings with their text, speaker and location."""
    from codebench.services.coding.by_name import list_codings

    viewer = viewer_for(coder, blind)
    with open_for_command(project_location) as project:
        found = list_codings(project, coder, code_ref, document, viewer=viewer)
    rows = [_as_dict(r) for r in found]
    if output_format != "table":
        print_rows(rows, output_format, list(CSV_FIELDS))
    else:
        click.echo(_listing(rows, console.width), nl=False)
        console.print(f"{len(rows)} codings")


def _listing(rows: list[dict[str, Any]], width: int) -> str:
    """Codings as a reader scans them: where (document, sentences, speaker, coder), then the
    code, then the passage wrapped to the terminal. A block per coding keeps the passage at
    nearly full width, where a table column would squeeze it into a few words per line, and
    it prints hundreds of codings at once (a terminal table takes a second per 600 rows)."""
    wrap = textwrap.TextWrapper(
        width=max(40, width), initial_indent="    ", subsequent_indent="    "
    )
    blocks = []
    for row in (
        {k: visible(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows
    ):
        where = [row["document"]]
        if row["sentences"]:
            where.append(f"sentences {row['sentences']}")
        where += [row["speaker"], row["coder"]] if row["speaker"] else [row["coder"]]
        code = f"  {row['code']}" + ("  ★ exemplar" if row["exemplar"] else "")
        memo = [f"    memo: {row['memo']}"] if row["memo"] else []
        blocks.append("\n".join([" · ".join(where), code, wrap.fill(row["text"]), *memo, ""]))
    return "\n".join(blocks) + ("\n" if blocks else "")


COMMANDS = (code, uncode, codings)
