"""The DOCX report as a researcher reads it in Word: headings, tables, chart and quotes."""

from __future__ import annotations

import stat
from pathlib import Path

import docx
from docx.document import Document

from codebench.exports.docx import quote_text, write_docx
from codebench.reports import tables
from codebench.reports.model import ReportData, ReportTable


def written(data: ReportData, path: Path, **options: object) -> Document:
    out = write_docx(data, path, title="Ervaringen met GenAI", **options)  # type: ignore[arg-type]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document: Document = docx.Document(str(out))
    return document


def headings(document: Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]


def test_title_selection_and_headings_in_word_styles(tmp_path: Path, data: ReportData) -> None:
    document = written(data, tmp_path / "report.docx")
    found = headings(document)
    assert found[0] == ("Title", "Ervaringen met GenAI")
    assert ("Heading 1", "Overzicht van de thema's") in found
    assert ("Heading 1", "Succesfactoren") in found
    assert ("Heading 2", "Duidelijk doel") in found
    assert ("Heading 2", "Privacy") in found
    texts = [p.text for p in document.paragraphs]
    assert "Codeurs: coder1" in texts
    assert "Respondenten: alle respondenten" in texts
    assert document.core_properties.title == "Ervaringen met GenAI"


def test_theme_table_is_a_styled_word_table(tmp_path: Path, data: ReportData) -> None:
    document = written(data, tmp_path / "report.docx")
    table = document.tables[0]
    assert table.style is not None and table.style.name == "Table Grid"
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["Thema", "Respondenten", "Aandeel", "Interviews", "Coderingen"]
    assert ["Budget", "3", "75%", "3", "3"] in cells
    group = next(row for row in table.rows if row.cells[0].text == "Knelpunten")
    assert all(run.bold for run in group.cells[0].paragraphs[0].runs)
    code = next(row for row in table.rows if row.cells[0].text == "Budget")
    assert not any(run.bold for run in code.cells[0].paragraphs[0].runs)
    captions = [p.text for p in document.paragraphs if p.style and p.style.name == "Caption"]
    assert "Tabel 1: Aantal respondenten per thema" in captions
    assert "Figuur 1: Thema's naar aantal respondenten" in captions


def test_chart_is_an_inline_picture(tmp_path: Path, data: ReportData) -> None:
    document = written(data, tmp_path / "report.docx")
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].width.cm - 16.0) < 0.01


def test_dutch_quotes_say_who_said_them(tmp_path: Path, data: ReportData) -> None:
    document = written(data, tmp_path / "report.docx")
    quotes = [p for p in document.paragraphs if p.style and p.style.name == "Quote"]
    texts = [p.text for p in quotes]
    # "Respondent 1" on one line: a non-breaking space inside the label.
    starred = "Respondent\u00a01 zegt: „Het doel was vanaf dag één helder.”"
    assert starred in texts
    # The starred exemplar comes first under its code.
    assert texts.index(starred) < texts.index(
        "Respondent\u00a02 zegt: „[…] we wisten precies wat we wilden bereiken […]”"
    )
    assert "Respondent\u00a03 zegt: „De wethouder zei: ‚doe het gewoon’, en dat hielp.”" in texts
    assert "Respondent\u00a03 zegt: „Budget is er niet, dus we doen ’t met z’n tweeën.”" in texts
    # The interviewer's question is no respondent's quote.
    assert not any("Hoe zit het met het budget" in text for text in texts)
    # Who says it upright, the quote in italics, indented.
    first = quotes[0]
    assert first.style is not None and first.style.font.italic
    assert first.runs[0].italic is False and first.runs[-1].italic is None
    assert first.style.paragraph_format.left_indent is not None


def test_a_table_per_group_with_an_exemplar_quote_each(tmp_path: Path, data: ReportData) -> None:
    document = written(data, tmp_path / "report.docx")
    captions = [p.text for p in document.paragraphs if p.style and p.style.name == "Caption"]
    about = "thema's, aantal respondenten en een voorbeeldcitaat"
    assert f"Tabel 2: Succesfactoren: {about}" in captions
    assert f"Tabel 3: Knelpunten: {about}" in captions
    table = document.tables[1]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["Thema", "Respondenten", "Voorbeeldcitaat"]
    # The starred quote is the exemplar, bound to its respondent by a non-breaking space.
    assert cells[1] == [
        "Duidelijk doel",
        "2",
        "„Het doel was vanaf dag één helder.”\u00a0(Respondent\u00a01)",
    ]
    assert cells[2][:2] == ["Leiderschap", "1"]
    knelpunten = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert knelpunten[1][0] == "Budget"
    assert knelpunten[1][2].startswith("„Zonder middelen kom je niet verder.”")  # starred


def test_definitions_reach_and_missing_quotes(tmp_path: Path, data: ReportData) -> None:
    document = written(
        data, tmp_path / "report.docx", definitions={"Knelpunten > Privacy": "Zorgen om data."}
    )
    texts = [p.text for p in document.paragraphs]
    assert "Een toepassing die uit een omschreven probleem voortkomt." in texts
    assert "Zorgen om data." in texts  # given definition where the codebook has none
    assert "Genoemd door 3 van de 4 respondenten (75%)." in texts


def test_english_report_uses_english_words_and_marks(
    tmp_path: Path, english_data: ReportData
) -> None:
    document = written(english_data, tmp_path / "report.docx", quotes_per_code=1)
    texts = [p.text.replace("\u00a0", " ") for p in document.paragraphs]
    assert "Respondent 1 says: “Het doel was vanaf dag één helder.”" in texts
    assert "Coders: coder1" in texts
    assert ("Heading 1", "Overview of themes") in headings(document)
    quotes = [p for p in document.paragraphs if p.style and p.style.name == "Quote"]
    assert len(quotes) == 4  # one per code with quotes
    assert document.tables[1].rows[0].cells[2].text == "Example quote"


def test_further_tables_participants_and_landscape(
    tmp_path: Path, data: ReportData, all_tables: list[ReportTable]
) -> None:
    document = written(data, tmp_path / "report.docx", tables=all_tables)
    captions = [p.text for p in document.paragraphs if p.style and p.style.name == "Caption"]
    assert captions[0] == "Tabel 1: Aantal interviews en respondenten per type organisatie"
    assert captions[1] == "Tabel 2: Aantal respondenten per thema"
    assert "Tabel 5: Respondenten die een thema noemden, per type organisatie" in captions
    participants = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in participants.rows]
    assert rows[0] == ["Type organisatie", "Interviews", "Respondenten"]
    assert rows[1] == ["provincie", "1", "2"]
    assert rows[-1] == ["Totaal", "3", "4"]
    headings_found = headings(document)
    assert ("Heading 1", "Deelnemers") in headings_found
    assert ("Heading 1", "Aanvullende tabellen") in headings_found
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "Respondent")
    assert [row.cells[0].text for row in matrix.rows[:3]] == [
        "Respondent",
        "Type organisatie",
        "Thema",
    ]
    assert matrix.rows[3].cells[0].text == "Succesfactoren"
    assert matrix.rows[4].cells[0].text == "Duidelijk doel"  # path shortened, indented
    cooccurrence = document.tables[-1]
    assert cooccurrence.rows[0].cells[1].text == "1"  # numbered columns
    assert cooccurrence.rows[1].cells[0].text == "1. Duidelijk doel"


def test_quote_text_marks_fragments() -> None:
    assert quote_text("dat werkte niet", "nl") == "[…] dat werkte niet […]"
    assert quote_text("Dat werkte. ", "nl") == "Dat werkte."
    assert quote_text('Hij zei "ja".', "en") == "Hij zei ‘ja’."
    assert quote_text("Zo'n 'mooie' dag.", "nl") == "Zo’n ‘mooie’ dag."


def test_report_without_codings_still_writes(tmp_path: Path, data: ReportData) -> None:
    empty = ReportData(
        data.passages.iloc[0:0], data.respondents, data.codes, data.documents, language="nl"
    )
    document = written(empty, tmp_path / "empty.docx", tables=[tables.theme_frequencies(empty)])
    texts = [p.text for p in document.paragraphs]
    assert "Geen citaten van respondenten in deze selectie." in texts
