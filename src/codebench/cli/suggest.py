"""``suggest`` and ``similar``: the local suggestion model from the command line.

``suggest DOC`` lists codes for the sentences a coder has not coded yet; ``suggest --evaluate``
measures the model against two baselines by cross-validation over documents; ``similar``
finds passages like a given one. Nothing leaves the machine: the model learns from the
project's own codings, on this computer.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich import box
from rich.table import Table

from codebench.cli.common import (
    blind_reading_option,
    check_target,
    console,
    force_option,
    open_for_command,
    print_rows,
    project_option,
    viewer_for,
    visible,
)
from codebench.environment import ACTOR_ENV, default_actor
from codebench.errors import CodebenchError

if TYPE_CHECKING:
    from codebench.services.suggestions.evaluating import CoderEvaluation
    from codebench.services.suggestions.suggesting import Suggestions
    from codebench.services.viewer import Viewer

SUGGESTION_FIELDS = ["document", "sentence", "start", "end", "code", "confidence", "text"]
EVALUATION_FIELDS = [
    "table",
    "name",
    "support",
    "predicted",
    "precision",
    "recall",
    "f1",
    "macro_f1",
    "documents",
    "sentences",
]


@click.command("suggest")
@click.argument("document", required=False)
@click.option(
    "--coder",
    default=default_actor,
    show_default=f"${ACTOR_ENV} or your login name",
    help="Whose codings the model learns from (theirs alone).",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=3, show_default=True, help="Codes per sentence."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Only codes at least this sure (default: the model's own threshold).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--evaluate",
    is_flag=True,
    help="Measure the model instead: cross-validation by document, per code and pooled, "
    "against a most-frequent-code and a keyword baseline, with a learning curve.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --evaluate: also write the figures to FILE.csv or FILE.md.",
)
@force_option
@blind_reading_option
@project_option
def suggest_command(
    document: str | None,
    coder: str,
    top: int,
    min_confidence: float | None,
    output_format: str,
    evaluate: bool,
    output: Path | None,
    force: bool,
    blind: bool,
    project_location: str | None,
) -> None:
    """Suggest codes for the sentences of DOCUMENT the coder has not coded, learned from the
    coder's own codings (the model is trained on this computer, kept beside the project and
    trained again when the codings change); or, with --evaluate, measure how good those
    suggestions would have been."""
    viewer = viewer_for(coder, blind)
    if evaluate:
        _evaluate(coder, output, force, viewer, project_location)
        return
    if document is None:
        raise CodebenchError("name a document (or give --evaluate)")
    if output is not None:
        raise CodebenchError("--output goes with --evaluate; use --format csv or json instead")
    from codebench.services.suggestions.suggesting import suggest

    with open_for_command(project_location) as project:
        found = suggest(
            project, document, coder, viewer=viewer, top=top, min_confidence=min_confidence
        )
    if output_format != "table":
        rows = [
            {
                "document": s.document,
                "sentence": s.sentence,
                "start": s.start,
                "end": s.end,
                "code": s.code,
                "confidence": round(s.confidence, 3),
                "text": s.text,
            }
            for s in found.items
        ]
        print_rows(rows, output_format, SUGGESTION_FIELDS)
        return
    click.echo(_listing(found, console.width), nl=False)
    console.print(_summary(found, min_confidence), style="dim")


def _listing(found: Suggestions, width: int) -> str:
    """A block per sentence: its number and text, then each suggested code with its
    confidence (a table column would squeeze the sentence into a few words per line)."""
    wrap = textwrap.TextWrapper(width=max(40, width), initial_indent="    ")
    wrap.subsequent_indent = "    "
    blocks: list[str] = []
    current = None
    for item in found.items:
        if item.start != current:
            current = item.start
            blocks.append(f"sentence {item.sentence}\n{wrap.fill(visible(item.text))}")
        blocks.append(f"  {item.confidence:4.2f}  {visible(item.code)}")
    return "\n".join(blocks) + ("\n" if blocks else "")


def _summary(found: Suggestions, min_confidence: float | None) -> str:
    trained = found.trained
    sentences = len({item.start for item in found.items})
    floor = (
        f"confidence at least {min_confidence:.2f}"
        if min_confidence is not None
        else f"confidence at least {found.threshold:.2f} (the model's threshold)"
    )
    state = "trained now" if trained.retrained else "up to date"
    return (
        f"{len(found.items)} suggestions for {sentences} uncoded sentences, {floor}; "
        f"model of {trained.coder} from {trained.codings} codings in {trained.documents} "
        f"documents ({state})"
    )


def _evaluate(
    coder: str, output: Path | None, force: bool, viewer: Viewer, project_location: str | None
) -> None:
    from codebench.services.suggestions.evaluating import evaluate_coder

    if output is not None:
        if output.suffix.lower() not in (".csv", ".md"):
            raise CodebenchError(f"{output}: write the figures as .csv or .md")
        check_target(output, force)
    with open_for_command(project_location) as project:
        found = evaluate_coder(project, coder, viewer=viewer)
    rows = evaluation_rows(found)
    for title, table in _tables(found, rows):
        console.print(table, soft_wrap=False)
        console.print(title, style="dim")
    if output is not None:
        from codebench.files.private import write_private_text

        text = _csv(rows) if output.suffix.lower() == ".csv" else _markdown(found, rows)
        write_private_text(output, text)
        console.print(f"Wrote {output}")


def evaluation_rows(found: CoderEvaluation) -> list[dict[str, Any]]:
    """The figures as rows of one table: the methods, then the codes, then the curve."""
    ev = found.evaluation
    rows: list[dict[str, Any]] = []
    for method in ev.methods:
        score = method.micro
        rows.append(
            {
                "table": "methods",
                "name": method.name,
                "support": score.support,
                "predicted": score.predicted,
                "precision": round(score.precision, 3),
                "recall": round(score.recall, 3),
                "f1": round(score.f1, 3),
                "macro_f1": round(method.macro_f1, 3),
            }
        )
    for code, score in zip(ev.codes, ev.per_code, strict=True):
        rows.append(
            {
                "table": "codes",
                "name": found.paths.get(code, f"#{code}"),
                "support": score.support,
                "predicted": score.predicted,
                "precision": round(score.precision, 3),
                "recall": round(score.recall, 3),
                "f1": round(score.f1, 3),
            }
        )
    for point in ev.curve:
        rows.append(
            {
                "table": "curve",
                "name": f"{point.documents} documents",
                "f1": round(point.micro_f1, 3),
                "documents": point.documents,
                "sentences": point.sentences,
            }
        )
    return rows


def _tables(found: CoderEvaluation, rows: list[dict[str, Any]]) -> list[tuple[str, Table]]:
    ev = found.evaluation
    heading = (
        f"Suggestions for {found.coder}: {ev.folds} folds by document over {ev.documents} "
        f"documents, {ev.sentences} sentences ({ev.models} models trained)"
    )
    curve = "learning curve: micro F1 with this many coded documents to learn from"
    if ev.curve_folds < ev.folds:
        curve += f" (on {ev.curve_folds} of the {ev.folds} folds)"
    columns = {
        "methods": ("name", "precision", "recall", "f1", "macro_f1"),
        "codes": ("name", "support", "precision", "recall", "f1"),
        "curve": ("documents", "sentences", "f1"),
    }
    notes = {
        "methods": "micro figures pool every sentence and code; macro F1 averages the codes",
        "codes": "support: sentences the coder gave the code; the model's figures",
        "curve": curve,
    }
    titles = {"methods": heading, "codes": "Per code", "curve": "Learning curve"}
    tables = []
    for name, shown in columns.items():
        table = Table(
            title=titles[name], title_justify="left", box=box.SIMPLE_HEAD, header_style="bold"
        )
        for column in shown:
            table.add_column(
                column.replace("_", " "), justify="left" if column == "name" else "right"
            )
        for row in rows:
            if row["table"] == name:
                table.add_row(*(_cell(row.get(column)) for column in shown))
        tables.append((notes[name], table))
    return tables


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def _csv(rows: list[dict[str, Any]]) -> str:
    import csv
    import io

    from codebench.files.spreadsheet import inert

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVALUATION_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: inert(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def _markdown(found: CoderEvaluation, rows: list[dict[str, Any]]) -> str:
    sections = []
    for note, table in _tables(found, rows):
        headers = [str(column.header) for column in table.columns]
        cells = [list(column.cells) for column in table.columns]
        lines = [
            f"## {table.title}",
            "",
            "| " + " | ".join(headers) + " |",
            "|" + "|".join(" --- " for _ in headers) + "|",
        ]
        for row in zip(*cells, strict=True):
            lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |")
        sections.append("\n".join([*lines, "", note, ""]))
    return "\n".join(sections)


@click.command("similar")
@click.argument("document")
@click.option("--sentences", help="Sentence numbers N or N-M, as 'codebench show' prints.")
@click.option("--quote", help="The exact text of the passage.")
@click.option(
    "--count", type=click.IntRange(min=1), default=10, show_default=True, help="How many."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@project_option
def similar_command(
    document: str,
    sentences: str | None,
    quote: str | None,
    count: int,
    output_format: str,
    project_location: str | None,
) -> None:
    """Sentences across all documents most like a passage of DOCUMENT (cosine similarity on
    the suggestion model's features: lemmas with their neighbours, character n-grams)."""
    from codebench.cli.coding import _sentence_range
    from codebench.services.coding.by_name import Location
    from codebench.services.suggestions.similar import similar_passages

    if (sentences is None) == (quote is None):
        raise CodebenchError("give one of --sentences or --quote")
    where = Location(quote=quote, sentences=_sentence_range(sentences))
    with open_for_command(project_location) as project:
        found = similar_passages(project, document, where, count)
    rows = [
        {
            "document": p.document,
            "sentence": p.sentence,
            "start": p.start,
            "end": p.end,
            "similarity": round(p.similarity, 3),
            "text": p.text,
        }
        for p in found
    ]
    if output_format != "table":
        print_rows(
            rows, output_format, ["document", "sentence", "start", "end", "similarity", "text"]
        )
        return
    wrap = textwrap.TextWrapper(width=max(40, console.width), initial_indent="    ")
    wrap.subsequent_indent = "    "
    for passage in found:
        place = f"{visible(passage.document)} sentence {passage.sentence}"
        click.echo(f"{place} · {passage.similarity:.2f}")
        click.echo(wrap.fill(visible(passage.text)))
    console.print(f"{len(rows)} similar sentences", style="dim")


COMMANDS = (suggest_command, similar_command)
