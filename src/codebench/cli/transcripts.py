"""Commands about the project and its transcripts: init, import, attributes, info, show, demo."""

from __future__ import annotations

import atexit
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from platformdirs import user_data_path
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from codebench.cli.common import (
    blind_reading_option,
    console,
    open_for_command,
    project_option,
    viewer_for,
    visible,
)
from codebench.cli.tui import blind_option, coder_option, interactive, run_tui
from codebench.collector import few_collections
from codebench.environment import ACTOR_ENV, default_actor
from codebench.errors import CodebenchError

if TYPE_CHECKING:
    from codebench.services.documents.importing import ImportOptions, ImportOutcome
    from codebench.services.documents.overview import DocumentView, ProjectSummary
    from codebench.services.project import Project


@click.command()
@click.argument("location", required=False, metavar="[PATH|URL]")
@click.option("--name", help="Name of the study (default: the file name).")
def init(location: str | None, name: str | None) -> None:
    """Create a new project: a .codebench file (default: named after this folder) or an empty
    PostgreSQL database given by URL."""
    from codebench.services.project import default_project_file, init_project

    target = location or str(default_project_file(Path.cwd()))
    with init_project(target, name) as project:
        console.print(f"Created project {project.display_location}")


def _parse_speaker_map(values: tuple[str, ...]) -> dict[str, str] | None:
    mapping = {}
    for value in values:
        label, sep, name = value.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise click.BadParameter(f"'{value}' is not LABEL=NAME", param_hint="--speaker-map")
        mapping[label.strip()] = name.strip()
    return mapping or None


#: What the import line calls each recognised format.
FORMAT_NAMES = {
    "vtt": "WebVTT",
    "srt": "SubRip",
    "whisper-txt": "Whisper text",
    "whisper-tsv": "Whisper TSV",
    "whisper-json": "Whisper JSON",
    "otter": "otter.ai",
    "transcribe": "Word Transcribe",
    "md": "Markdown",
    "txt": "plain text",
    "docx": "Word",
}


def _outcome_line(outcome: ImportOutcome) -> Text:
    doc = outcome.document
    if outcome.skipped is not None:
        return Text(
            visible(f"skipped {outcome.path}: already imported as document '{outcome.skipped}'"),
            style="dim",
        )
    if doc is None:
        return Text(visible(f"error: {outcome.error}"), style="red")
    speakers = ", ".join(doc.speakers) or "no speakers (codebench speakers, or --alternate)"
    verb = "re-imported" if doc.replaced else "imported"
    from codebench.services.documents.removal import counted

    shown = FORMAT_NAMES.get(doc.source_format, doc.source_format)
    return Text(
        visible(
            f"{verb} {doc.name} ({shown}, {doc.language}): {doc.words:,} words, "
            f"{counted(doc.turns, 'turn')}, {counted(doc.sentences, 'sentence')}; "
            f"speakers: {speakers}"
        )
    )


def _parse_alternate(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    names = tuple(name.strip() for name in value.split(","))
    if len(names) < 2 or not all(names):
        raise click.BadParameter(f"'{value}' is not NAME,NAME[,...]", param_hint="--alternate")
    return names


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--speaker-map",
    "speaker_map",
    multiple=True,
    metavar="LABEL=NAME",
    help="Rename a speaker label (and always treat it as a speaker); repeatable.",
)
@click.option(
    "--interviewer",
    "interviewers",
    multiple=True,
    metavar="NAME",
    help="A speaker who is an interviewer, besides the usual labels (I, Interviewer, ...).",
)
@click.option(
    "--alternate",
    metavar="NAME,NAME",
    help="Unlabelled transcripts: give the paragraphs these speakers in turn "
    "(e.g. Interviewer,Respondent).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Import a file again that is already in the project: its codings are kept when its "
    "text is unchanged; a changed text is refused while it holds codings.",
)
@click.option("--language", help="Language of the transcripts (default: detected per file).")
@click.option(
    "--coder",
    default=default_actor,
    show_default=f"${ACTOR_ENV} or your login name",
    help="Who imports (undo takes back a --replace as the same coder).",
)
@click.option(
    "--pseudonymise",
    is_flag=True,
    help="Then replace names, places and contact details in the imported documents, as "
    "'codebench pseudonymise' does (the key goes beside the project).",
)
@project_option
def import_command(
    paths: tuple[Path, ...],
    speaker_map: tuple[str, ...],
    interviewers: tuple[str, ...],
    alternate: str | None,
    replace: bool,
    language: str | None,
    coder: str,
    pseudonymise: bool,
    project_location: str | None,
) -> None:
    """Import transcripts (Word, text, Markdown, WebVTT, SubRip, Whisper txt/tsv/json, otter,
    Word Transcribe; the format is recognised from the content) or folders of them, or
    REFI-QDA projects (.qdpx, or .zip) from ATLAS.ti, MAXQDA, NVivo or QualCoder.

    Each file imports completely or not at all; a file that fails is reported and the others
    still import. A file already in the project (same content) is skipped, so an import that
    was interrupted can be run again. The exit code is 1 if any file failed.
    """
    atexit.unregister(_leave_objects_at_exit)  # registered once, however often it runs
    atexit.register(_leave_objects_at_exit)
    with few_collections():
        imported, failed = _import_transcripts(
            paths, speaker_map, interviewers, alternate, replace, language, coder, project_location
        )
    if pseudonymise and imported:
        _pseudonymise(imported, coder, project_location)
    if failed:
        sys.exit(1)


def _leave_objects_at_exit() -> None:
    """Let the process end without Python's collector freeing, one by one, the objects an
    import loaded (spaCy's vocabulary and tokenizer, SQLAlchemy's mappers: some 150,000):
    its collections at exit took a third of a second after a folder import, and the system
    takes the memory back at once. Garbage is collected first, so an object that still holds
    a file is closed as at any exit; what remains is frozen (:func:`gc.freeze`), which the
    collections at exit pass over. Run at exit, so a test that runs the command inside its
    own process collects as before until that process ends."""
    gc.collect()
    gc.freeze()


def _import_transcripts(
    paths: tuple[Path, ...],
    speaker_map: tuple[str, ...],
    interviewers: tuple[str, ...],
    alternate: str | None,
    replace: bool,
    language: str | None,
    coder: str,
    project_location: str | None,
) -> tuple[list[str], int]:
    """Import the files; returns the names of the transcripts imported and how many failed."""
    from codebench.services.documents.importing import ImportOptions, expand_paths

    exchange = [p for p in paths if p.suffix.casefold() in REFI_SUFFIXES]
    refi_failed = 0
    if exchange:
        refi_failed = _import_refi(exchange, project_location)
        paths = tuple(p for p in paths if p not in exchange)
        if not paths:
            return [], refi_failed
    options = ImportOptions(
        speaker_map=_parse_speaker_map(speaker_map),
        interviewers=frozenset(name.casefold() for name in interviewers),
        language=language,
        actor=coder,
        alternate=_parse_alternate(alternate),
        replace=replace,
    )
    with open_for_command(project_location) as project:
        files = expand_paths(paths)
        if not files:
            raise CodebenchError("no transcript files found in " + ", ".join(map(str, paths)))
        outcomes = _import_with_progress(project, files, options)
    failed = sum(1 for o in outcomes if o.error)
    skipped = sum(1 for o in outcomes if o.skipped is not None)
    console.print(f"{len(outcomes) - failed - skipped} of {len(outcomes)} files imported")
    if skipped:
        console.print(f"already imported, skipped: {skipped}")
    imported = [o.document.name for o in outcomes if o.document is not None and not o.error]
    return imported, failed + refi_failed


def _pseudonymise(documents: list[str], coder: str, project_location: str | None) -> None:
    """``import --pseudonymise``: the documents just imported, in a transaction of its own
    (after the imports' own; an interruption in between leaves them to
    ``codebench pseudonymise``)."""
    from codebench.cli.pseudonymise import say_applied
    from codebench.services.pseudonymisation import pseudonymise_documents

    with open_for_command(project_location) as project:
        say_applied(pseudonymise_documents(project, documents, actor=coder))


REFI_SUFFIXES = (".qdpx", ".zip")


def _import_refi(files: list[Path], project_location: str | None) -> int:
    """Import REFI-QDA projects one by one; returns how many failed."""
    from codebench.services.exchange.qdpx_import import import_qdpx

    failed = 0
    with open_for_command(project_location) as project:
        for path in files:
            try:
                report = import_qdpx(project, path)
            except CodebenchError as exc:
                console.print(Text(visible(f"error: {exc}"), style="red"), soft_wrap=True)
                failed += 1
                continue
            codings = ", ".join(f"{n} by {c}" for c, n in report.codings.items()) or "none"
            console.print(
                f"imported {path.name}: {report.documents} documents, {report.codes} codes, "
                f"codings {codings}, {report.memos} memos, {report.respondents} respondents",
                soft_wrap=True,
            )
            for message in report.skipped:
                console.print(
                    Text(visible(f"  not kept: {message}"), style="yellow"), soft_wrap=True
                )
    return failed


def _import_with_progress(
    project: Project, files: list[Path], options: ImportOptions
) -> list[ImportOutcome]:
    from codebench.services.documents.importing import import_files

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True, disable=len(files) < 2) as bar:
        task = bar.add_task("Importing", total=len(files))

        def report(outcome: ImportOutcome) -> None:
            bar.console.print(_outcome_line(outcome), soft_wrap=True)
            bar.advance(task)

        return import_files(project, files, options, progress=report)


@click.group()
def attributes() -> None:
    """Respondent attributes (organisation type, role, ...)."""


@attributes.command("import")
@click.argument("csv_file", type=click.Path(path_type=Path))
@project_option
def attributes_import(csv_file: Path, project_location: str | None) -> None:
    """Attach attributes to respondents from a CSV with a 'label' column.

    Optional columns 'interview' and 'speaker' link the speaker of that interview to the
    respondent (e.g. speaker 'R' of interview_04 is 'Respondent 5'); every other column is an
    attribute.
    """
    from codebench.services.documents.respondents import import_attributes

    with open_for_command(project_location) as project:
        result = import_attributes(project, csv_file)
    console.print(
        f"Attributes {', '.join(result.attributes) or '(none)'} set for "
        f"{result.respondents} respondents; {result.linked_speakers} speakers linked"
    )


MAX_VALUES_SHOWN = 12


def print_summary(summary: ProjectSummary) -> None:
    console.print(
        Text(visible(summary.name), style="bold"), Text(f"({summary.location})", style="dim")
    )
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("Documents", summary.documents),
        ("Words", summary.words),
        ("Respondents", summary.respondents),
        ("Interviewer labels", summary.interviewers),
        ("Speakers (per document)", summary.speakers),
        ("Turns", summary.turns),
        ("Sentences", summary.sentences),
    ]
    for label, value in rows:
        table.add_row(label, f"{value:,}")
    groups = summary.code_groups
    table.add_row(
        "Codes", f"{summary.codes - groups:,}" + (f" in {groups} groups" if groups else "")
    )
    if summary.codings_by_coder:
        for coder, n in summary.codings_by_coder.items():
            table.add_row(f"Codings by {coder}", f"{n:,}")
    else:
        table.add_row("Codings", "0")
    console.print(table)
    for attribute, values in summary.respondent_attributes.items():
        if len(values) > MAX_VALUES_SHOWN:
            console.print(
                Text.assemble(
                    (f"Respondents by {visible(attribute)}", "bold"), f": {len(values)} values"
                )
            )
            continue
        counts = ", ".join(f"{value} {n}" for value, n in values.items())
        console.print(
            Text.assemble((f"Respondents by {visible(attribute)}", "bold"), f": {visible(counts)}")
        )


@click.command()
@click.option("--coder", help="Who is reading (with --blind: only their codings count).")
@blind_reading_option
@project_option
def info(coder: str | None, blind: bool, project_location: str | None) -> None:
    """Summary of the project: documents, words, speakers, turns, sentences, codes, codings."""
    from codebench.services.documents.overview import project_summary

    with open_for_command(project_location) as project:
        print_summary(project_summary(project, viewer=viewer_for(coder, blind)))


@click.group(invoke_without_command=True)
@project_option
@click.pass_context
def documents(ctx: click.Context, project_location: str | None) -> None:
    """List the imported documents, or remove one (documents remove NAME)."""
    from codebench.services.documents.overview import list_documents

    if ctx.invoked_subcommand is not None:
        return
    with open_for_command(project_location) as project:
        rows = list_documents(project)
    table = Table()
    for column, justify in (
        ("Document", "left"),
        ("Format", "left"),
        ("Lang", "left"),
        ("Words", "right"),
        ("Turns", "right"),
        ("Sentences", "right"),
        ("Speakers", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            row.name,
            row.source_format,
            row.language,
            f"{row.words:,}",
            str(row.turns),
            str(row.sentences),
            ", ".join(row.speakers),
        )
    console.print(table)


@documents.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Remove it even if it holds codings, without asking.")
@click.option(
    "--coder",
    default=default_actor,
    show_default=f"${ACTOR_ENV} or your login name",
    help="Who removes it (undo brings it back as the same coder).",
)
@project_option
def documents_remove(name: str, yes: bool, coder: str, project_location: str | None) -> None:
    """Remove document NAME with its codings and memos; 'codebench undo' brings it back."""
    from codebench.services.documents.removal import counted, document_holds, remove_document

    with open_for_command(project_location) as project:
        holds = document_holds(project, name)
        if holds.codings and not yes:
            coders = ", ".join(holds.coders)
            held = f"{holds.name} holds {counted(holds.codings, 'coding')} by {coders}"
            if not interactive() or not click.confirm(f"{held}. Remove it?", default=False):
                raise CodebenchError(
                    f"not removed: {held} (--yes removes it anyway; codebench undo brings it back)"
                )
        removed = remove_document(project, holds.name, actor=coder)
    console.print(
        f"Removed {removed.name} ({counted(removed.codings, 'coding')}, "
        f"{counted(removed.memos, 'memo')}); "
        f"'codebench undo --coder {coder}' brings it back",
        soft_wrap=True,
    )


def format_time(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def print_document(view: DocumentView, numbers: bool) -> None:
    """Turns as headed blocks; sentences in a grid so wrapped lines keep their indent."""
    console.print(Text(visible(view.name), style="bold underline"))
    for turn in view.turns:
        console.print()
        header = Text.styled(visible(turn.speaker or "(no speaker)"), "bold cyan")
        if turn.time_start is not None:
            header.append(f"  {format_time(turn.time_start)}", style="dim")
        console.print(header)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", min_width=2)
        grid.add_column()
        if not turn.sentences:
            grid.add_row("", view.text[turn.speech_start : turn.end])
        for sentence in turn.sentences:
            grid.add_row(f"[{sentence.number}]" if numbers else "", sentence.text)
        console.print(grid)


@click.command()
@click.argument("document")
@click.option("--numbers/--no-numbers", default=True, help="Show sentence numbers.")
@project_option
def show(document: str, numbers: bool, project_location: str | None) -> None:
    """Print a transcript with its speakers and numbered sentences."""
    from codebench.services.documents.overview import document_view

    with open_for_command(project_location) as project:
        print_document(document_view(project, document), numbers)


@click.command()
@click.option("--reset", is_flag=True, help="Delete the demo project and build it again.")
@click.option("--summary", is_flag=True, help="Print the summary instead of opening the TUI.")
@coder_option
@blind_option
def demo(reset: bool, summary: bool, coder: str | None, blind: bool) -> None:
    """Build (once) and open the coded sample study from your data folder.

    Opens the coding workbench in a terminal; prints the project summary when output is not a
    terminal or with --summary."""
    from codebench.services.demo import build_demo
    from codebench.services.documents.overview import project_summary
    from codebench.services.viewer import Viewer

    location = user_data_path("codebench") / "demo.codebench"
    with build_demo(location, reset=reset, progress=lambda msg: console.print(msg)) as project:
        if summary or not interactive():
            viewer = Viewer(coder or "coder1", blind)
            print_summary(project_summary(project, viewer=viewer))
        else:
            run_tui(project, coder or "coder1", blind)


COMMANDS = (init, import_command, attributes, info, documents, show, demo)
