"""Malformed files through the command line: a non-zero exit, one error line, no traceback.

``codebench import`` reports each file on its own line (and goes on with the next file);
the other commands stop with one ``codebench: error:`` line on stderr.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fuzz_support import SEEDS, Workbench

from codebench.cli import cli

QDC_TWO_CODES_ONE_GUID = (
    b'<CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes>'
    b'<Code guid="0f0f0f0f-1111-4222-8333-444444444444" name="x" isCodable="true"/>'
    b'<Code guid="0f0f0f0f-1111-4222-8333-444444444444" name="y" isCodable="true"/>'
    b"</Codes></CodeBook>"
)

#: (arguments before the file, file name, content, text the error line holds)
CASES = [
    (["import"], "interview.docx", b"PK\x03\x04 not really a zip", "not a valid .docx"),
    (["import"], "interview.txt", b"\x00\x01\x02\x03" * 50, "not a text file"),
    (
        ["import"],
        "meeting.vtt",
        b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nHallo.\n",
        "cue ends before it starts",
    ),
    (
        ["import"],
        "meeting.srt",
        b"1\n00:00:01,000 -> 00:00:02,000\nHallo.\n",
        "cue without a timing line",
    ),
    (["import"], "study.qdpx", (SEEDS / "study.qdpx").read_bytes()[:900], "not a .qdpx"),
    (["codebook", "load"], "codes.yaml", b"codes:\n  - name: [x\n", "invalid YAML"),
    (["codebook", "load"], "codes.json", b'{"codes": [{"name": 1}]}', "must be text"),
    (["codebook", "load"], "codes.csv", b"path,colour\nA,red\n", "invalid colour"),
    (["codebook", "load"], "codes.qdc", QDC_TWO_CODES_ONE_GUID, "duplicate GUID"),
    (["attributes", "import"], "people.csv", b'label,role\n"R\n7",x\n', "unknown respondent"),
]


@pytest.fixture
def study(workbench: Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the template project, alone in the current folder (as a user runs it)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    shutil.copy(workbench.template, tmp_path / "study.codebench")
    return tmp_path


@pytest.mark.parametrize(("command", "name", "content", "expected"), CASES)
def test_a_bad_file_ends_in_one_error_line(
    study: Path, command: list[str], name: str, content: bytes, expected: str
) -> None:
    before = (study / "study.codebench").read_bytes()
    (study / name).write_bytes(content)
    result = CliRunner().invoke(cli, [*command, name])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown
    errors = [line for line in shown.splitlines() if "error:" in line]
    assert len(errors) == 1, shown
    assert name in errors[0] and expected in errors[0], errors[0]
    assert (study / "study.codebench").read_bytes() == before


def test_a_zip_that_is_no_docx_as_a_user_runs_it(study: Path) -> None:
    """The real program in a real process: exit code 1, the reason on one line, no traceback."""
    with zipfile.ZipFile(study / "notes.docx", "w") as archive:
        archive.writestr("notes.txt", "geen Word")
    done = subprocess.run(
        [sys.executable, "-m", "codebench", "import", "notes.docx"],
        cwd=study,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "error: " in done.stdout and "notes.docx" in done.stdout
