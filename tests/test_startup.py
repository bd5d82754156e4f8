"""Start-up stays fast: the command line loads heavy libraries only for the commands that use
them. A command runs in a fresh interpreter here, so what it loaded is exactly what a user's
``codebench ...`` pays for before it does anything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import init_project

# What only importing (spaCy), reporting and exporting (pandas, matplotlib, python-docx,
# openpyxl), agreement (numpy, krippendorff), exchange (lxml) and the TUI (Textual) need.
HEAVY = ("spacy", "pandas", "numpy", "matplotlib", "docx", "openpyxl", "krippendorff", "lxml")
TUI = ("textual",)
DATABASE = ("sqlalchemy", "alembic")  # alembic only to create or upgrade a project

RUN = """
import json, sys
from codebench.cli import cli
try:
    cli({args!r}, prog_name="codebench")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
print(json.dumps({{"exit": code, "loaded": sorted(sys.modules)}}), file=sys.stderr)
"""


def loaded_by(args: list[str], cwd: Path) -> set[str]:
    """The top-level packages a command loaded, run as a user runs it (its exit must be 0)."""
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(args=args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["exit"] in (0, None), done.stderr
    return {name.partition(".")[0] for name in report["loaded"]}


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup")
    transcript = folder / "interview.txt"
    transcript.write_text("Interviewer: How did it go?\nAnna: It went well, mostly.\n")
    project = init_project(folder / "study.codebench")
    with project:
        import_files(project, [transcript], ImportOptions(language="en"))
        add_code(project, "Succes")
        apply_code(project, "interview", "Succes", "anna", Location(quote="It went well"))
        apply_code(project, "interview", "Succes", "ben", Location(quote="mostly"))
    return folder


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["report", "--help"]])
def test_help_and_version_load_no_library_beyond_the_command_line(
    args: list[str], tmp_path: Path
) -> None:
    loaded = loaded_by(args, tmp_path)
    assert loaded & {*HEAVY, *TUI, *DATABASE} == set()


@pytest.mark.parametrize(
    "args",
    [
        ["info"],
        ["documents"],
        ["codings"],
        ["code", "interview", "Succes", "--quote", "mostly", "--coder", "anna"],
        ["codebook", "show"],
    ],
)
def test_database_commands_load_only_the_database_library(args: list[str], coded: Path) -> None:
    loaded = loaded_by(args, coded)
    assert "sqlalchemy" in loaded
    assert loaded & {*HEAVY, *TUI, "alembic"} == set()


def test_printing_a_report_loads_pandas_but_no_writer(coded: Path) -> None:
    loaded = loaded_by(["report", "themes", "--coder", "all"], coded)
    assert "pandas" in loaded
    assert loaded & {"spacy", "matplotlib", "docx", "openpyxl", "krippendorff", *TUI} == set()


def test_agreement_in_the_terminal_loads_no_table_library(coded: Path) -> None:
    loaded = loaded_by(["agree", "--coders", "anna,ben", "--bootstrap", "0"], coded)
    assert "numpy" in loaded
    assert loaded & {"pandas", "krippendorff", "matplotlib", "docx", "openpyxl", *TUI} == set()


def test_the_workbench_opens_without_the_numeric_or_language_libraries() -> None:
    """Opening the TUI imports its screens (the suggestion panel's too) but neither spaCy nor
    numpy, scikit-learn or pandas: those load when a suggestion or a report is asked for."""
    code = (
        "import sys, codebench.tui.app; "
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.strip().split(","))
    assert "textual" in loaded
    assert loaded & {*HEAVY, "sklearn", "scipy", "deduce"} == set()
