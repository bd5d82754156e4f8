"""A name of 100,000 characters is refused in one short line, whatever it names, and changes
nothing: codes and the groups on their paths, coders, speakers, attributes. The command line
and the workbench go through the same service rule, so the services are tested too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from codebench.cli import cli
from codebench.errors import CodebenchError
from codebench.services.codebook.edits import add_code, rename_code
from codebench.services.codebook.tree import codebook_tree
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import Project
from codebench.services.viewer import Viewer, switch_coder

HUGE = "x" * 100_000


def refused(args: list[str], location: str) -> str:
    """The one line ``codebench args`` is refused with (exit 1), checked to be short."""
    result: Result = CliRunner().invoke(cli, [*args, "--project", location])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 200, result.output[:500]
    return lines[0]


def code_names(project: Project) -> list[str]:
    return [node.name for node in codebook_tree(project, viewer=Viewer.everyone())]


def test_a_huge_code_name_is_refused(project: Project, backend_location: str) -> None:
    add_code(project, "Tempo", actor="anna")
    line = refused(["codebook", "add", HUGE], backend_location)
    assert line.endswith("a code name has at most 300 characters ('" + "x" * 60 + "…')")
    assert "a group name has at most 300" in refused(
        ["codebook", "add", f"{HUGE} > Tempo"], backend_location
    )
    assert "a code name has at most 300" in refused(
        ["codebook", "rename", "Tempo", HUGE], backend_location
    )
    assert "no code 'xxxx" in refused(["codebook", "delete", HUGE], backend_location)
    assert code_names(project) == ["Tempo"]


def test_the_workbench_is_held_to_the_same_rule(project: Project) -> None:
    add_code(project, "Tempo", actor="anna")
    with pytest.raises(CodebenchError, match="a code name has at most 300 characters"):
        add_code(project, "y" * 301, actor="anna")
    with pytest.raises(CodebenchError, match="a code name has at most 300 characters"):
        rename_code(project, "Tempo", "y" * 301)
    with pytest.raises(CodebenchError, match="a coder name has at most 100 characters"):
        switch_coder(project, Viewer("anna"), "z" * 101)
    add_code(project, "y" * 300, actor="anna")  # the limit itself is a name
    assert code_names(project) == ["Tempo", "y" * 300]


def test_a_huge_coder_name_is_refused(
    project: Project, backend_location: str, tmp_path: Path
) -> None:
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text("Interviewer: Hoe ging het?\nAnna: Het ging goed.\n", encoding="utf-8")
    import_files(project, [transcript], ImportOptions(language="nl"))
    add_code(project, "Tempo", actor="anna")
    coding = ["code", "gesprek", "Tempo", "--quote", "Het ging goed", "--coder", HUGE]
    assert "a coder name has at most 100 characters" in refused(coding, backend_location)
    reading = ["codebook", "show", "--blind", "--coder", HUGE]
    assert "a coder name has at most 100 characters" in refused(reading, backend_location)
    assert "a speaker name has at most 200 characters" in refused(
        ["speakers", "rename", "gesprek", "Anna", HUGE], backend_location
    )
    attributes = tmp_path / "attributes.csv"
    attributes.write_text(f"label,{HUGE}\nAnna,ja\n", encoding="utf-8")
    assert "is longer than 100 characters" in refused(
        ["attributes", "import", str(attributes)], backend_location
    )
    listing = CliRunner().invoke(cli, ["codings", "--project", backend_location])
    assert listing.exit_code == 0 and "Het ging goed" not in listing.output
