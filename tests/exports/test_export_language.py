"""Every export in one language: a Dutch report holds no English words of the catalog and an
English one no Dutch, whatever reports/ builds and whichever format, and --lang chooses."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from openpyxl import load_workbook

import codebench.i18n
from codebench.cli import cli
from codebench.exports import export_tables
from codebench.exports.labels import words
from codebench.i18n import chosen_language
from codebench.reports import tables
from codebench.reports.model import Filters, ReportData, ReportTable
from codebench.reports.registry import KINDS

CATALOG = Path(codebench.i18n.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
FORMATS = (".docx", ".xlsx", ".md", ".csv")


def catalog_pairs() -> list[tuple[str, str]]:
    """(English, Dutch) for every message whose words differ between the languages."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    return [
        (str(m.id), str(m.string))
        for m in catalog
        if m.id and m.string and m.string != m.id and not m.context
    ]


def phrases(message: str) -> Iterator[str]:
    """The fixed words of a message: its text between the {fields}, where long enough to
    belong to no other sentence (a word of 4+ letters, or several words)."""
    for part in re.split(r"\{[^}]*\}", message):
        part = part.strip(" :;,.()=/")
        if len(part) >= 4 and re.search(r"[^\W\d_]{2}", part):
            yield part


def found(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text) is not None


def project_words(data: ReportData) -> list[str]:
    """What the project itself says (names, definitions, quotes, attribute values): never
    translated, so removed before looking for words in the wrong language."""
    said = [
        *data.codes["name"],
        *data.codes["description"].dropna(),
        *data.respondents["organisation_type"],
        *data.passages["text"],
    ]
    return sorted({str(text) for text in said}, key=len, reverse=True)


def all_text(path: Path) -> str:
    """Every text a reader sees in an exported file (several CSV files for one path)."""
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        texts = list(book.sheetnames)
        for sheet in book.worksheets:
            texts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
            for chart in sheet._charts:
                texts.append(str(chart.title.tx.rich.p[0].r[0].t))
                texts.append(str(chart.y_axis.title.tx.rich.p[0].r[0].t))
        return "\n".join(texts)
    files = sorted(path.parent.glob(f"{path.stem}*{path.suffix}"))
    return "\n".join(file.read_text(encoding="utf-8") for file in files)


def exported(
    tmp_path: Path, data: ReportData, every: list[ReportTable], suffix: str, language: str
) -> str:
    target = tmp_path / language / f"report{suffix}"
    target.parent.mkdir(exist_ok=True)
    with chosen_language(language):
        export_tables(every, target, data=data)
    text = all_text(target)
    for word in project_words(data):
        text = text.replace(word, " ")
    return text.replace("\u00a0", " ")


@pytest.fixture
def every(data: ReportData, all_tables: list[ReportTable]) -> list[ReportTable]:
    """Every table, co-occurrence at each level, the presence matrix too."""
    return [
        *all_tables,
        tables.code_by_respondent(data, presence=True),
        tables.co_occurrence(data, "turn"),
        tables.co_occurrence(data, "overlap"),
    ]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_dutch_export_has_no_english_words_of_the_catalog(
    tmp_path: Path, data: ReportData, every: list[ReportTable], suffix: str
) -> None:
    text = exported(tmp_path, data, every, suffix, "nl")
    english = {p for en, _nl in catalog_pairs() for p in phrases(en) if found(text, p)}
    assert english == set()


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_english_export_has_no_dutch_words_of_the_catalog(
    tmp_path: Path, data: ReportData, every: list[ReportTable], suffix: str
) -> None:
    text = exported(tmp_path, data, every, suffix, "en")
    dutch = {p for _en, nl in catalog_pairs() for p in phrases(nl) if found(text, p)}
    assert dutch == set()


def test_every_sentence_reports_build_has_a_dutch_translation(
    data: ReportData, every: list[ReportTable]
) -> None:
    nl = words("nl")
    for kind in KINDS:
        english = kind.captions.get("en")
        assert english is None or nl.gettext(english) != english, kind.name
    for table in every:
        assert nl.caption(table) != table.title, table.name
        for note in table.notes:
            assert nl.phrase(note) != note, note
    asked = [
        Filters(),
        Filters(coders=("coder1", "coder2")),
        Filters(coders=("coder1", "coder2"), every_coder=True),
        Filters(coders=("coder1",), attributes=(("organisation_type", "gemeente"),)),
    ]
    for filters in asked:
        for name, value in filters.describe().items():
            if value not in ("coder1",):
                assert nl.filter_value(name, value) != value, value
    assert (
        nl.filter_value("respondents", "organisation_type = gemeente or provincie; role = CIO")
        == "type organisatie = gemeente of provincie; rol = CIO"
    )


def test_export_lang_chooses_the_reports_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    runner = CliRunner()

    def run(*args: str) -> None:
        result = runner.invoke(cli, list(args))
        assert result.exit_code == 0, result.output

    (tmp_path / "int.txt").write_text(
        "Interviewer: Hoe ging het?\n\nRespondent 1: Het ging goed. Echt goed.\n", "utf-8"
    )
    run("init", "study.codebench")
    run("import", "int.txt", "--language", "nl")
    run("codebook", "add", "Succes")
    run("code", "int", "Succes", "--quote", "Het ging goed.", "--coder", "a")
    run("export", "nl.csv", "--tables", "themes", "--coder", "a")
    run("export", "en.csv", "--tables", "themes", "--coder", "a", "--lang", "en")
    with (tmp_path / "nl.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:2] == ["Groep", "Thema"]
    with (tmp_path / "en.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:2] == ["Group", "Theme"]
    result = runner.invoke(cli, ["export", "x.csv", "--lang", "de", "--coder", "a"])
    assert result.exit_code != 0 and "'de' is not one of 'en', 'nl'" in result.output
