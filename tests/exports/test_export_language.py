"""Every export in one language: a Dutch report holds no English words of the catalog and an
English one no Dutch, whatever reports/ and agreement/ build and whichever format, and --lang
chooses."""

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
from codebench.agreement.model import AgreementOptions
from codebench.agreement.tables import agreement_table
from codebench.cli import cli
from codebench.exports import export_tables
from codebench.exports.labels import words
from codebench.i18n import chosen_language
from codebench.i18n.phrase import Phrase
from codebench.reports import tables
from codebench.reports.model import Filters, ReportData, ReportTable
from codebench.reports.registry import KINDS, kind_of
from codebench.services.agreement import agree
from codebench.services.project import Project
from codebench.services.reports import build as reports
from codebench.services.viewer import Viewer

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
        assert nl.gettext(kind.caption) != kind.caption, kind.name
        assert nl.gettext(kind.sheet) != kind.sheet, kind.name
    for table in every:
        assert isinstance(table.title, Phrase) and nl.caption(table) != table.title, table.name
        for note in table.notes:
            assert isinstance(note, Phrase) and nl.say(note) != note, note
    asked = [
        Filters(),
        Filters(coders=("coder1", "coder2")),
        Filters(coders=("coder1", "coder2"), every_coder=True),
        Filters(coders=("coder1",), attributes=(("organisation_type", "gemeente"),)),
    ]
    for filters in asked:
        for value in filters.describe().values():
            if value not in ("coder1",):
                assert nl.say(value) != value, value
    where = Filters(
        attributes=(
            ("organisation_type", "gemeente"),
            ("organisation_type", "provincie"),
            ("role", "CIO"),
        )
    ).describe()["respondents"]
    assert where == "organisation_type = gemeente or provincie; role = CIO"  # as printed
    assert nl.say(where) == "type organisatie = gemeente of provincie; rol = CIO"


def dutch_messages() -> dict[str, str]:
    """Every message the Dutch catalog translates (context aside), with its translation."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.context}


FIELD = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
"""A field of a message, with a field inside its format ("{low:.{places}f}")."""


def messages_of(phrase: Phrase) -> Iterator[str]:
    """The messages a phrase is said with, its fields' too; a joint without words of its
    own ("{columns}: {reason}", parts joined by "; ") is no message of the catalog."""
    if re.search(r"[^\W\d_]{2}", FIELD.sub("", phrase.message)):
        yield phrase.message
    for value in phrase.fields.values():
        if isinstance(value, Phrase):
            yield from messages_of(value)


def carried(table: ReportTable) -> Iterator[str]:
    """Every text an export says from what ``table`` carries: its caption and sheet name
    (the registry's, filled in with the title's fields; else the title), notes, filter values
    and the column names and cells it names in ``phrases``."""
    kind = kind_of(table)
    if kind is None:
        yield table.title
    else:
        yield Phrase(kind.caption, table.title.fields)
        yield Phrase(kind.sheet, table.title.fields)
    yield from table.notes
    yield from table.filters.values()
    yield from table.phrases.values()


DEMO_TABLES = "themes,attributes,by-attribute,respondents,quotes,cooccurrence"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_dutch_demo_report_with_agreement_says_every_table_phrase_in_dutch(
    tmp_path: Path, demo_project: Project, demo_data: ReportData, suffix: str
) -> None:
    """The demo with every table and the agreement table of its two coders, exported as the
    command line does: every title, note, filter value and named cell that reports/ and
    agreement/ built is a phrase whose messages Dutch translates, none appears in its English
    words, and no message of the catalog either."""
    target = tmp_path / f"demo{suffix}"
    result = CliRunner().invoke(
        cli,
        [
            "export", str(target), "--coder", "all", "--tables", DEMO_TABLES,
            "--agreement", "coder1,coder2", "--lang", "nl", "-p", demo_project.location,
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    said = project_words(demo_data)

    def scrubbed(text: str) -> str:
        """Without the project's own words (in the English searched for too, alike)."""
        for word in said:
            text = text.replace(word, " ")
        return text.replace("\u00a0", " ")

    text = scrubbed(all_text(target))
    built = [reports.table_from(demo_data, name) for name in DEMO_TABLES.split(",")]
    options = AgreementOptions(("coder1", "coder2"), bootstrap=1000)
    built.append(agreement_table(agree(demo_project, options, viewer=Viewer.everyone())))
    dutch = dutch_messages()
    english_words, dutch_words = words("en"), words("nl")
    for table in built:
        assert isinstance(table.title, Phrase), table.name
        assert all(isinstance(note, Phrase) for note in table.notes), table.name
        phrases = [phrase for phrase in carried(table) if isinstance(phrase, Phrase)]
        missing = {m for phrase in phrases for m in messages_of(phrase) if m not in dutch}
        assert missing == set(), table.name
        english = [english_words.say(p) for p in phrases]
        english = [e for e, p in zip(english, phrases, strict=True) if e != dutch_words.say(p)]
        assert [e for e in english if found(text, scrubbed(e))] == [], table.name
    untranslated = [
        en
        for en, _nl in catalog_pairs()
        if "{" not in en and len(en) >= 4 and found(text.casefold(), en.casefold())
    ]
    assert untranslated == []


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
