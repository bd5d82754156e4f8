"""parse_docx: Word transcripts written by the tests with python-docx, and broken .docx files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from codebench.errors import InputError
from codebench.importers.docx import CORRUPT, PROTECTED, parse_docx
from codebench.importers.model import RawTurn

Item = str | tuple[str, str]


def write_docx(path: Path, items: list[Item], bold_colon: bool = True) -> Path:
    """A (label, text) item becomes a paragraph with a bold label run (``label:`` or ``label``)."""
    document = Document()
    for item in items:
        paragraph = document.add_paragraph()
        if isinstance(item, tuple):
            label, body = item
            paragraph.add_run(f"{label}:" if bold_colon else label).bold = True
            paragraph.add_run(f" {body}")
        else:
            paragraph.add_run(item)
    document.save(str(path))
    return path


def summary(turns: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in turns]


def test_dutch_interview_two_respondents_accents_emoji_and_a_zei(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "interview_02.docx",
        [
            "Interview 2 – Coöperatie Zuidoost",
            "",
            ("Interviewer", "Welkom! Kunnen jullie je voorstellen?"),
            ("Respondent 2", "Ik ben Eline, coördinator 😀."),
            ("Respondent 3", "En ik ben Joël, ‘projectleider’."),
            ("Interviewer", "Waarom zijn jullie begonnen?"),
            ("Respondent 2", "Vanwege de “energietransitie”."),
            "De wethouder zei: dit moet anders – en snel.",
            "Dus toen zijn we gestart.",
            ("Respondent 3", "Klopt. 👍"),
        ],
    )
    transcript = parse_docx(path)
    assert transcript.source_format == "docx"
    assert summary(transcript.turns) == [
        (None, ["Interview 2 – Coöperatie Zuidoost"]),
        ("Interviewer", ["Welkom! Kunnen jullie je voorstellen?"]),
        ("Respondent 2", ["Ik ben Eline, coördinator 😀."]),
        ("Respondent 3", ["En ik ben Joël, ‘projectleider’."]),
        ("Interviewer", ["Waarom zijn jullie begonnen?"]),
        (
            "Respondent 2",
            [
                "Vanwege de “energietransitie”.",
                "De wethouder zei: dit moet anders – en snel.",
                "Dus toen zijn we gestart.",
            ],
        ),
        ("Respondent 3", ["Klopt. 👍"]),
    ]


def test_plain_prefix_labels_and_speaker_map(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "t.docx",
        ["I: Hoe gaat het?", "R: Goed.", "I: Fijn.", "[00:02:10] R: Echt."],
    )
    transcript = parse_docx(path, speaker_map={"I": "Interviewer", "R": "Respondent 5"})
    assert summary(transcript.turns) == [
        ("Interviewer", ["Hoe gaat het?"]),
        ("Respondent 5", ["Goed."]),
        ("Interviewer", ["Fijn."]),
        ("Respondent 5", ["Echt."]),
    ]
    assert transcript.turns[3].time == 130.0


def test_bold_names_without_colon_and_a_bold_title(tmp_path: Path) -> None:
    document = Document()
    title = document.add_paragraph()
    title.add_run("Gespreksverslag").bold = True
    for label, text in [("Marieke", "Hoe begon het?"), ("Sander", "Met een subsidie.")] * 2:
        paragraph = document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(" ")
        paragraph.add_run(text)
    path = tmp_path / "bold.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [
        (None, ["Gespreksverslag"]),
        ("Marieke", ["Hoe begon het?"]),
        ("Sander", ["Met een subsidie."]),
        ("Marieke", ["Hoe begon het?"]),
        ("Sander", ["Met een subsidie."]),
    ]


def test_bold_from_a_character_style(tmp_path: Path) -> None:
    document = Document()
    for label, text in [("Interviewster", "Vraag."), ("Bas", "Antwoord."), ("Bas", "Meer.")]:
        paragraph = document.add_paragraph()
        paragraph.add_run(label, style="Strong")
        paragraph.add_run(f" {text}")
    path = tmp_path / "strong.docx"
    document.save(str(path))
    assert [turn.speaker for turn in parse_docx(path).turns] == ["Interviewster", "Bas", "Bas"]


def test_bold_heading_style_labels_and_a_heading_title(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Gesprek met de gemeente", level=1)
    for label, text in [("Marieke", "Hoe begon het?"), ("Sander", "Klein.")] * 2:
        document.add_heading(label, level=3)
        document.add_paragraph(text)
    path = tmp_path / "headings.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [
        (None, ["Gesprek met de gemeente"]),
        ("Marieke", ["Hoe begon het?"]),
        ("Sander", ["Klein."]),
        ("Marieke", ["Hoe begon het?"]),
        ("Sander", ["Klein."]),
    ]


def test_label_only_paragraphs(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "t.docx",
        ["Interviewer", "Wat doet u?", "", "Respondent 1", "Ik ben ambtenaar.", "Al lang."],
    )
    assert summary(parse_docx(path).turns) == [
        ("Interviewer", ["Wat doet u?"]),
        ("Respondent 1", ["Ik ben ambtenaar.", "Al lang."]),
    ]


def test_word_transcribe_export(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "transcribe.docx",
        [
            "Opname 14 maart.m4a",
            "00:00:03 Speaker 1",
            "Goedemorgen, zullen we beginnen?",
            "00:00:07 Speaker 2",
            "Ja, prima.",
            "00:00:12 Speaker 1",
            "Mooi.",
        ],
    )
    transcript = parse_docx(path)
    assert transcript.source_format == "transcribe"
    turns = transcript.turns
    assert summary(turns) == [
        (None, ["Opname 14 maart.m4a"]),
        ("Speaker 1", ["Goedemorgen, zullen we beginnen?"]),
        ("Speaker 2", ["Ja, prima."]),
        ("Speaker 1", ["Mooi."]),
    ]
    assert [turn.time for turn in turns] == [None, 3.0, 7.0, 12.0]


def test_unlabelled_interview_keeps_every_paragraph_as_its_own_turn(tmp_path: Path) -> None:
    # A Word interview typed without speaker labels: before, one turn of all its words.
    paragraphs = [
        f"Vraag {n // 2 + 1}: hoe ging dat?" if n % 2 == 0 else f"Antwoord {n // 2 + 1}. " * 20
        for n in range(40)
    ]
    path = write_docx(tmp_path / "unlabelled.docx", ["Interview Hoorn", "", *paragraphs])

    transcript = parse_docx(path)
    assert transcript.source_format == "docx"
    assert [turn.speaker for turn in transcript.turns] == [None] * 41
    assert summary(transcript.turns)[:3] == [
        (None, ["Interview Hoorn"]),
        (None, ["Vraag 1: hoe ging dat?"]),
        (None, [("Antwoord 1. " * 20).strip()]),
    ]
    assert max(len(" ".join(turn.paragraphs).split()) for turn in transcript.turns) == 40


def test_f4_transcript(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "f4.docx",
        [
            "I: Wie bent u? #00:00:05-3#",
            "B: Ik ben Jan. #00:00:09-0# En ik werk hier. #00:00:12-1#",
        ],
    )
    turns = parse_docx(path).turns
    assert summary(turns) == [("I", ["Wie bent u?"]), ("B", ["Ik ben Jan. En ik werk hier."])]
    assert [turn.end_time for turn in turns] == [5.3, pytest.approx(12.1)]


def test_soft_line_breaks_become_paragraphs(tmp_path: Path) -> None:
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Interviewer").bold = True
    paragraph.add_run().add_break()
    paragraph.add_run("Hoe gaat het?")
    paragraph.add_run().add_break()
    paragraph.add_run("En thuis?")
    other = document.add_paragraph()
    other.add_run("Respondent:").bold = True
    other.add_run(" Goed.")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [
        ("Interviewer", ["Hoe gaat het?", "En thuis?"]),
        ("Respondent", ["Goed."]),
    ]


def test_headers_and_footers_are_not_read(tmp_path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Vertrouwelijk – I: niet lezen"
    section.footer.paragraphs[0].text = "Pagina 1 van 3"
    document.add_paragraph("I: Vraag.")
    document.add_paragraph("R: Antwoord.")
    path = tmp_path / "hf.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [("I", ["Vraag."]), ("R", ["Antwoord."])]


def test_tracked_insertions_count_and_deletions_do_not(tmp_path: Path) -> None:
    document = Document()
    paragraph = document.add_paragraph("R: Dit is ")
    for tag, text in [("w:ins", "nieuw"), ("w:del", "oud")]:
        revision = OxmlElement(tag, attrs={qn("w:id"): "1", qn("w:author"): "A"})
        run = OxmlElement("w:r")
        content = OxmlElement("w:t")
        content.text = text
        run.append(content)
        revision.append(run)
        paragraph._p.append(revision)
    paragraph.add_run(" werk.")
    path = tmp_path / "revisions.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [("R", ["Dit is nieuw werk."])]


# A paragraph's runs wrapped as Word wraps them: a link, a content control, a tracked move
# away and back, a text box (its own paragraph), a drawing's fallback copy, a ruby annotation.
WRAPPED_RUNS = """<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
    xmlns:v="urn:schemas-microsoft-com:vml">
  <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Onderzoeker: </w:t></w:r>
  <w:hyperlink w:anchor="a"><w:r><w:t xml:space="preserve">Dit </w:t></w:r></w:hyperlink>
  <w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">is </w:t></w:r></w:sdtContent></w:sdt>
  <w:moveFrom w:id="1"><w:r><w:t xml:space="preserve">weg </w:t></w:r></w:moveFrom>
  <w:moveTo w:id="2"><w:r><w:t xml:space="preserve">de </w:t></w:r></w:moveTo>
  <w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Kader</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict><w:t xml:space="preserve">tekst</w:t></w:r>
  <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> die</w:t>
  </w:r></mc:Choice><mc:Fallback><w:r><w:t>kopie</w:t></w:r></mc:Fallback></mc:AlternateContent>
  </w:r>
  <w:r><w:ruby><w:rt><w:r><w:t xml:space="preserve"> je</w:t></w:r></w:rt><w:rubyBase><w:r>
  <w:t xml:space="preserve"> leest.</w:t></w:r></w:rubyBase></w:ruby></w:r>
</w:p>"""


def test_runs_are_read_through_what_wraps_them_but_not_hidden_ones(tmp_path: Path) -> None:
    from lxml import etree

    document = Document()
    document.element.body.insert(0, etree.fromstring(WRAPPED_RUNS))
    document.add_paragraph("Respondent: Ja.")
    path = tmp_path / "wrapped.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [
        ("Onderzoeker", ["Dit is de tekst die je leest."]),
        ("Respondent", ["Ja."]),
    ]


def test_files_from_one_template_read_their_own_bold(tmp_path: Path) -> None:
    # The styles part both files share is read once; what each file makes bold is its own.
    turns = [("Interviewster", "Vraag."), ("Bas", "Antwoord."), ("Bas", "Meer.")]
    for style in ("Strong", "Emphasis"):
        document = Document()
        for label, text in turns:
            paragraph = document.add_paragraph()
            paragraph.add_run(label, style=style)
            paragraph.add_run(f" {text}")
        document.save(str(tmp_path / f"{style}.docx"))
    strong = parse_docx(tmp_path / "Strong.docx").turns
    assert [turn.speaker for turn in strong] == ["Interviewster", "Bas", "Bas"]
    assert summary(parse_docx(tmp_path / "Emphasis.docx").turns) == [
        (None, [f"{label} {text}"]) for label, text in turns
    ]


def test_tables_read_row_by_row_in_document_order(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Transcript interview 5")
    table = document.add_table(rows=0, cols=3)
    for cells in [
        ("Tijd", "Spreker", "Tekst"),
        ("00:00:05", "Interviewer", "Welkom bij dit gesprek."),
        ("00:00:09", "Respondent 5", "Dank je."),
        ("01:20", "Interviewer", "Wat is uw rol?"),
    ]:
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    two = document.add_table(rows=0, cols=2)
    for pair in [
        ("Respondent 5:", "Ik ben projectleider."),
        ("", "Sinds twee jaar."),
        ("Dit is geen korte label maar een hele zin", "die doorloopt in de cel."),
    ]:
        row = two.add_row()
        for cell, text in zip(row.cells, pair, strict=True):
            cell.text = text
    document.add_paragraph("Interviewer: Dank u.")
    path = tmp_path / "tables.docx"
    document.save(str(path))

    turns = parse_docx(path).turns
    assert summary(turns) == [
        (None, ["Transcript interview 5"]),
        (None, ["Tijd: Spreker"]),
        (None, ["Tekst"]),
        ("Interviewer", ["Welkom bij dit gesprek."]),
        ("Respondent 5", ["Dank je."]),
        ("Interviewer", ["Wat is uw rol?"]),
        (
            "Respondent 5",
            [
                "Ik ben projectleider.",
                "Sinds twee jaar.",
                "Dit is geen korte label maar een hele zin die doorloopt in de cel.",
            ],
        ),
        ("Interviewer", ["Dank u."]),
    ]
    assert [turn.time for turn in turns[3:6]] == [5.0, 9.0, 80.0]


def test_vertically_merged_label_cell_continues_the_turn(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "I"
    table.cell(0, 1).text = "Vraag."
    table.cell(1, 0).text = "R"
    table.cell(1, 1).text = "Eerste deel."
    table.cell(2, 1).text = "Tweede deel."
    table.cell(1, 0).merge(table.cell(2, 0))
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [
        ("I", ["Vraag."]),
        ("R", ["Eerste deel.", "Tweede deel."]),
    ]


def test_single_cell_layout_table_reads_like_body_text(tmp_path: Path) -> None:
    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "I: Hallo."
    cell.add_paragraph("R: Hoi.")
    cell.add_paragraph("Leuk je te zien.")
    path = tmp_path / "layout.docx"
    document.save(str(path))
    assert summary(parse_docx(path).turns) == [
        ("I", ["Hallo."]),
        ("R", ["Hoi.", "Leuk je te zien."]),
    ]


def test_a_part_the_text_does_not_need_is_not_read(tmp_path: Path) -> None:
    # Word files come back from mail and sync tools with a damaged settings or theme part;
    # the body and its styles are whole, so the transcript is still there to read.
    good = write_docx(tmp_path / "good.docx", [("Interviewer", "Hoe gaat het?"), ("R", "Goed.")])
    with zipfile.ZipFile(good) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries["word/settings.xml"] = b"<w:settings xmlns:w='broken"
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    assert summary(parse_docx(path).turns) == [("Interviewer", ["Hoe gaat het?"]), ("R", ["Goed."])]


def test_the_body_is_found_by_its_relationship_not_its_name(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", [("I", "Vraag?"), ("R", "Antwoord.")])
    with zipfile.ZipFile(good) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries["word/main.xml"] = entries.pop("word/document.xml")
    entries["word/_rels/main.xml.rels"] = entries.pop("word/_rels/document.xml.rels")
    for name in ("_rels/.rels", "[Content_Types].xml"):
        entries[name] = entries[name].replace(b"/document.xml", b"/main.xml")
    path = tmp_path / "renamed.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    assert summary(parse_docx(path).turns) == [("I", ["Vraag?"]), ("R", ["Antwoord."])]


# --- bad input -------------------------------------------------------------------------------


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        parse_docx(path)
    return info.value


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.docx"
    path.write_bytes(b"This is not a Word document at all.\n" * 20)
    assert str(_error(path)) == f"{path}: {CORRUPT}"


def test_truncated_docx(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", ["I: Hallo."])
    path = tmp_path / "truncated.docx"
    path.write_bytes(good.read_bytes()[:3000])
    assert _error(path).reason == CORRUPT


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = tmp_path / "zip.docx"
    path.write_bytes(buffer.getvalue())
    assert _error(path).reason == CORRUPT


def test_password_protected_docx(tmp_path: Path) -> None:
    # An encrypted .docx is an OLE compound file holding an EncryptedPackage stream.
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000
    path = tmp_path / "secret.docx"
    path.write_bytes(ole)
    assert str(_error(path)) == f"{path}: {PROTECTED}"


def test_old_doc_renamed_to_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2000)
    assert _error(path).reason == PROTECTED


@pytest.mark.parametrize("content", ["no paragraphs", "empty paragraphs", "zero bytes"])
def test_empty_docx(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.docx"
    if content == "zero bytes":
        path.write_bytes(b"")
    else:
        document = Document()
        if content == "empty paragraphs":
            document.add_paragraph("")
            document.add_paragraph("   ")
            document.sections[0].header.paragraphs[0].text = "Alleen een koptekst"
        document.save(str(path))
    assert str(_error(path)) == f"{path}: file is empty"


def test_unreadable_path(tmp_path: Path) -> None:
    path = tmp_path / "missing.docx"
    assert str(_error(path)) == f"{path}: cannot read file: No such file or directory"
