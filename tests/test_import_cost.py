"""What an import costs beyond spaCy: each file loads only its own format's libraries (a Word
file is read with lxml alone, not python-docx), and a new transcript's rows are written once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import event

from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.project import init_project
from helpers.docx_files import write_docx

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
WORD_AND_MARKDOWN = ("docx", "lxml", "markdown_it", "mdit_py_plugins", "yaml")
INTERVIEW = [
    ("Interviewer", "Hoe begon het project?"),
    ("Respondent 1", "Met een hackathon. Iedereen deed mee."),
]


def import_loads(tmp_path: Path, *paths: Path) -> set[str]:
    """The top-level packages ``codebench import PATHS`` loads in a fresh interpreter."""
    project = tmp_path / "study.codebench"
    init_project(project).close()
    args = ["import", *map(str, paths), "-p", str(project)]
    done = subprocess.run(
        [sys.executable, "-c", RUN.format(args=args)], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["exit"] in (0, None), done.stdout + done.stderr
    return {name.partition(".")[0] for name in report["loaded"]}


def test_importing_text_files_loads_no_word_or_markdown_library(tmp_path: Path) -> None:
    (tmp_path / "gesprek.txt").write_text(
        "Interviewer: Hoe begon het?\nRespondent 1: Met een hackathon.\n", encoding="utf-8"
    )
    loaded = import_loads(tmp_path, tmp_path / "gesprek.txt")
    assert "spacy" in loaded
    assert loaded.isdisjoint(WORD_AND_MARKDOWN)


def test_a_word_file_is_read_without_python_docx(tmp_path: Path) -> None:
    loaded = import_loads(tmp_path, write_docx(tmp_path / "gesprek.docx", INTERVIEW))
    assert "lxml" in loaded
    assert "docx" not in loaded


def test_a_new_transcript_is_written_once_without_deletes_or_updates(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "gesprek.docx", INTERVIEW)
    statements: list[str] = []
    with init_project(tmp_path / "study.codebench") as project:
        event.listen(
            project.engine,
            "before_cursor_execute",
            lambda conn, cursor, statement, *rest: statements.append(statement.split()[0]),
        )
        doc = import_file(project, path, ImportOptions(language="nl"))

    assert (doc.turns, doc.sentences) == (2, 3)
    assert "DELETE" not in statements
    assert "UPDATE" not in statements
