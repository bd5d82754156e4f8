"""Coding blind leaks nothing derived from the other coders: deleting or merging a code they
coded is refused without counting their codings, and the consensus (built from every coder's
codings) cannot be read or coded as blind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from codebench.cli import cli
from codebench.errors import CodebenchError
from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import Project
from codebench.services.viewer import Viewer, switch_coder

LINES = ["Het ging goed.", "Het tempo was hoog.", "Dat zei iedereen."]


@pytest.fixture
def coded(project: Project, tmp_path: Path) -> Project:
    """Code 'Tempo' applied once by anna and twice by bob; 'Rust' coded by nobody."""
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text("".join(f"Anna: {line}\n" for line in LINES), encoding="utf-8")
    import_files(project, [transcript], ImportOptions(language="nl"))
    add_code(project, "Tempo", actor="anna")
    add_code(project, "Rust", actor="anna")
    for coder, line in (("anna", LINES[0]), ("bob", LINES[1]), ("bob", LINES[2])):
        apply_code(project, "gesprek", "Tempo", coder, Location(quote=line))
    return project


def run(location: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--project", location])
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [["delete", "Tempo", "--force"], ["merge", "Tempo", "Rust"]])
def test_a_blind_change_to_a_code_others_coded_counts_nothing(
    coded: Project, backend_location: str, command: list[str]
) -> None:
    code, output = run(backend_location, "codebook", *command, "--coder", "anna", "--blind")
    assert code == 1
    assert "other coders' codings" in output
    assert not re.search(r"\d", output), output
    code, output = run(backend_location, "codings", "--code", "Tempo")
    assert code == 0 and all(line in output for line in LINES)


def test_a_sighted_delete_still_says_how_many(coded: Project, backend_location: str) -> None:
    code, output = run(backend_location, "codebook", "delete", "Tempo")
    assert code == 1 and "'Tempo' has 3 codings" in output


def test_the_consensus_cannot_be_blind(coded: Project, backend_location: str) -> None:
    for command in (["codebook", "show"], ["codings"], ["codebook", "delete", "Rust"]):
        code, output = run(backend_location, *command, "--blind", "--coder", "consensus")
        assert code == 1
        assert "'consensus' is built from the other coders' codings" in output
    with pytest.raises(CodebenchError, match="cannot code or read blind"):
        switch_coder(coded, Viewer("anna", blind=True), "consensus")
