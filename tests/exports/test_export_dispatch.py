"""export_tables: one call, the format from the suffix, every file owner-only."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from codebench.exports import SUFFIXES, export_tables
from codebench.reports.model import ReportData, ReportTable


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_suffix_writes_owner_only_files(
    tmp_path: Path, data: ReportData, all_tables: list[ReportTable]
) -> None:
    for suffix in SUFFIXES:
        written = export_tables(all_tables, tmp_path / f"report{suffix}", data=data)
        assert written
        assert all(mode(path) == 0o600 for path in written), suffix
    assert load_workbook(tmp_path / "report.xlsx").sheetnames[:2] == ["Deelnemers", "Thema's"]
    assert docx.Document(str(tmp_path / "report.docx")).paragraphs[0].text == "Thematische analyse"


def test_several_tables_to_csv_give_one_file_per_table(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    written = export_tables([*all_tables, all_tables[1]], tmp_path / "study.csv")
    assert [path.name for path in written] == [
        "study-attributes.csv",
        "study-themes.csv",
        "study-attribute.csv",
        "study-respondents.csv",
        "study-quotes.csv",
        "study-cooccurrence.csv",
        "study-themes-2.csv",
    ]
    assert not (tmp_path / "study.csv").exists()
    one = export_tables(all_tables[1:2], tmp_path / "themes.csv")
    assert one == [tmp_path / "themes.csv"]


def test_markdown_and_json_hold_all_tables(tmp_path: Path, all_tables: list[ReportTable]) -> None:
    [md] = export_tables(all_tables, tmp_path / "report.md")
    text = md.read_text(encoding="utf-8")
    assert text.count("\n## ") + text.startswith("## ") == len(all_tables)
    [many] = export_tables(all_tables, tmp_path / "report.json")
    assert [t["name"] for t in json.loads(many.read_text(encoding="utf-8"))] == [
        t.name for t in all_tables
    ]
    [one] = export_tables(all_tables[1:2], tmp_path / "themes.json")
    assert json.loads(one.read_text(encoding="utf-8"))["name"] == "themes"


def test_replacing_a_readable_file_makes_it_private(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    path = tmp_path / "report.md"
    path.write_text("old")
    os.chmod(path, 0o644)
    export_tables(all_tables, path)
    assert mode(path) == 0o600
    assert path.read_text(encoding="utf-8").startswith("## ")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_unknown_suffix_and_docx_without_data_are_errors(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    with pytest.raises(ValueError, match="use one of"):
        export_tables(all_tables, tmp_path / "report.pdf")
    with pytest.raises(ValueError, match="report data"):
        export_tables(all_tables, tmp_path / "report.docx")
    with pytest.raises(ValueError):
        export_tables([], tmp_path / "report.xlsx")
    assert list(tmp_path.iterdir()) == []
