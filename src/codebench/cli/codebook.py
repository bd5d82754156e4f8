"""``codebench codebook ...``: load, export, show and edit the project's codebook."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text
from rich.tree import Tree

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
from codebench.codebook.model import STATUSES


@click.group()
def codebook() -> None:
    """The codebook: load a file, export it, show the tree, edit codes."""


@codebook.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@project_option
def load(file: Path, project_location: str | None) -> None:
    """Merge a codebook file (.yaml .json .csv, or a REFI-QDA .qdc) into the project, by GUID
    or by path.

    Codes in the file are added or updated; codes the project has and the file lacks are
    kept, never dropped."""
    from codebench.services.codebook.files import load_codebook_file

    with open_for_command(project_location) as project:
        if file.suffix.casefold() == ".qdc":
            from codebench.services.exchange.qdpx_import import import_qdc

            result = import_qdc(project, file)
        else:
            result = load_codebook_file(project, file)
    console.print(
        f"Codebook {file.name}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged"
    )
    if result.kept:
        console.print(f"Kept {len(result.kept)} project codes the file does not have:")
        for path in result.kept:
            console.print(f"  {path}", soft_wrap=True)


@codebook.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@force_option
@project_option
def export(file: Path, force: bool, project_location: str | None) -> None:
    """Write the codebook to FILE (.yaml .json .csv, or REFI-QDA .qdc, by its extension)."""
    check_target(file, force)
    from codebench.codebook.formats import save_codebook
    from codebench.refi import write_qdc
    from codebench.services.codebook.files import export_codebook

    with open_for_command(project_location) as project:
        codebook_data = export_codebook(project)
    if file.suffix.casefold() == ".qdc":
        write_qdc(codebook_data, file)
    else:
        save_codebook(codebook_data, file)
    console.print(f"Wrote {file}")


@codebook.command("show")
@click.option("--coder", help="Who is reading (with --blind: only their codings count).")
@blind_reading_option
@project_option
def show(coder: str | None, blind: bool, project_location: str | None) -> None:
    """The code tree with coding counts (a group's count includes its codes)."""
    from codebench.services.codebook.tree import codebook_tree

    with open_for_command(project_location) as project:
        nodes = codebook_tree(project, viewer=viewer_for(coder, blind))
    root = Tree("Codebook", guide_style="dim")
    branches: list[Tree] = [root]
    for node in nodes:
        del branches[node.depth + 1 :]
        label = Text.styled("■ ", node.colour or "default")
        label.append(visible(node.name), style="bold" if node.depth == 0 else "")
        label.append(f"  {node.total}", style="cyan")
        if node.shortcut:
            label.append(f"  [{node.shortcut}]", style="dim")
        if node.status and node.status != "defined":
            label.append(f"  ({node.status})", style="yellow")
        branches.append(branches[-1].add(label))
    console.print(root)
    console.print(f"{len(nodes)} codes")


@codebook.command("add")
@click.argument("name")
@click.option("--parent", help="The code to add a plain NAME under (path or unique name).")
@click.option("--description", help="Definition of the code.")
@click.option("--colour", help="Colour as #rrggbb.")
@click.option("--shortcut", help="Key that applies the code in the TUI.")
@click.option("--status", type=click.Choice(STATUSES))
@project_option
def add(
    name: str,
    parent: str | None,
    description: str | None,
    colour: str | None,
    shortcut: str | None,
    status: str | None,
    project_location: str | None,
) -> None:
    """Add a code. NAME may be a path from the top of the codebook ('Knelpunten > Tempo'):
    groups on it that do not exist yet are added."""
    from codebench.services.codebook.edits import add_code
    from codebench.services.codebook.rules import path_parts

    fields = {
        key: value
        for key, value in (
            ("description", description),
            ("colour", colour),
            ("shortcut", shortcut),
            ("status", status),
        )
        if value is not None
    }
    with open_for_command(project_location) as project:
        add_code(project, name, parent, **fields)
    parts = path_parts(name)
    if len(parts) > 1:
        ignored = " (a path says where it goes: --parent not used)" if parent else ""
        console.print(f"Added '{' > '.join(parts)}'{ignored}")
    else:
        console.print(f"Added '{parts[0]}'" + (f" under '{parent}'" if parent else ""))


@codebook.command("rename")
@click.argument("code")
@click.argument("new_name")
@project_option
def rename(code: str, new_name: str, project_location: str | None) -> None:
    """Rename CODE to NEW_NAME (its codings stay)."""
    from codebench.services.codebook.edits import rename_code

    with open_for_command(project_location) as project:
        rename_code(project, code, new_name)
    console.print(f"Renamed '{code}' to '{new_name}'")


@codebook.command("move")
@click.argument("code")
@click.option("--to", "parent", help="New parent code; omit to move it to the top level.")
@project_option
def move(code: str, parent: str | None, project_location: str | None) -> None:
    """Move CODE (with its children) under another code."""
    from codebench.services.codebook.edits import move_code

    with open_for_command(project_location) as project:
        move_code(project, code, parent)
    console.print(f"Moved '{code}' to " + (f"'{parent}'" if parent else "the top level"))


_CODER_HELP = "Who makes the change (with --blind: refused if it touches others' codings)."


@codebook.command("merge")
@click.argument("source")
@click.argument("target")
@click.option("--coder", help=_CODER_HELP)
@blind_reading_option
@project_option
def merge(
    source: str, target: str, coder: str | None, blind: bool, project_location: str | None
) -> None:
    """Merge SOURCE into TARGET: its codings and children move to TARGET, SOURCE goes."""
    from codebench.services.codebook.edits import merge_codes

    viewer = viewer_for(coder, blind)
    with open_for_command(project_location) as project:
        moved = merge_codes(project, source, target, coder, viewer=viewer)
    console.print(f"Merged '{source}' into '{target}'; {moved} codings moved")


@codebook.command("delete")
@click.argument("code")
@click.option("--force", is_flag=True, help="Delete its codings too (kept in the event log).")
@click.option("--coder", help=_CODER_HELP)
@blind_reading_option
@project_option
def delete(
    code: str, force: bool, coder: str | None, blind: bool, project_location: str | None
) -> None:
    """Delete CODE; refused while it has codings, unless --force. Coding blind, a code that
    carries another coder's codings is refused without counting them."""
    from codebench.services.codebook.edits import delete_code

    viewer = viewer_for(coder, blind)
    with open_for_command(project_location) as project:
        removed = delete_code(project, code, force=force, actor=coder, viewer=viewer)
    console.print(f"Deleted '{code}'" + (f" and {removed} codings" if removed else ""))


COMMANDS = (codebook,)
