"""The bugs the fuzz tests found, one example each, as a user meets them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_support import (
    DOCUMENT,
    SEEDS,
    Workbench,
    attempt,
    check_code_tree,
    check_documents,
    make_zip,
    zip_entries,
)
from sqlalchemy import select

from codebench.errors import InputError
from codebench.services.codebook.files import load_codebook_file
from codebench.services.coding.spreadsheet import import_codings
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.respondents import import_attributes
from codebench.services.exchange.qdpx_import import import_qdpx
from codebench.storage import models
from helpers.docx_files import write_docx

QDPX = (SEEDS / "study.qdpx").read_bytes()
QDE = zip_entries(QDPX)["project.qde"].decode("utf-8")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def with_qde(qde: str, **texts: str) -> bytes:
    entries = zip_entries(QDPX)
    entries["project.qde"] = qde.encode("utf-8")
    for name, text in texts.items():
        entries[name] = text.encode("utf-8")
    return make_zip(entries)


def test_srt_cues_out_of_time_order_end_no_turn_before_it_starts(workbench: Workbench) -> None:
    srt = "1\n00:00:10,000 --> 00:00:12,000\nHallo.\n\n2\n00:00:01,000 --> 00:00:02,000\nDaar.\n"
    with workbench.example() as (project, folder):
        import_file(project, write(folder, "cues.srt", srt), ImportOptions(language="nl"))
        check_documents(project)


def test_closing_f4_stamp_before_the_turn_start_is_not_its_end(workbench: Workbench) -> None:
    text = "I [00:01:23]: Vraag?\nI: #00:01:02-5#\n"
    with workbench.example() as (project, folder):
        import_file(project, write(folder, "f4.txt", text), ImportOptions(language="nl"))
        check_documents(project)


def test_vtt_hours_webvtt_py_would_drop_silently_are_refused(workbench: Workbench) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nEen.\n\n"
        "00:00:03.000 --> 99999999999:00:00.000\nTwee.\n"
    )
    with workbench.example() as (project, folder):
        path = write(folder, "hours.vtt", vtt)
        with pytest.raises(InputError, match=r"hours\.vtt:6: bad cue timing"):
            import_file(project, path, ImportOptions(language="nl"))


def test_docx_with_a_bold_value_word_does_not_know(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        word = write_docx(folder / "word.docx", [("Interviewer", "Vraag?"), ("R", "Antwoord.")])
        entries = zip_entries(word.read_bytes())
        body = entries["word/document.xml"].decode("utf-8")
        entries["word/document.xml"] = body.replace("<w:b/>", '<w:b w:val="maybe"/>').encode()
        path = write(folder, "bold.docx", make_zip(entries))
        with pytest.raises(InputError, match="invalid Word markup"):
            import_file(project, path, ImportOptions(language="nl"))


def test_qdpx_with_a_corrupt_deflate_stream(workbench: Workbench) -> None:
    data = bytearray(QDPX)
    start = data.index(b"project.qde") + len(b"project.qde")
    data[start + 40 : start + 48] = b"\xff" * 8
    with workbench.example() as (project, folder):
        path = write(folder, "broken.qdpx", bytes(data))
        assert attempt(project, path, lambda: import_qdpx(project, path)) is None


def test_qdpx_case_referring_to_its_source_twice(workbench: Workbench) -> None:
    ref = QDE[QDE.index("<SourceRef") : QDE.index("/>", QDE.index("<SourceRef")) + 2]
    with workbench.example() as (project, folder):
        path = write(folder, "twice.qdpx", with_qde(QDE.replace(ref, ref + ref, 1)))
        import_qdpx(project, path)
        check_documents(project)


def test_qdpx_selection_far_beyond_its_text_is_dropped_and_reported(workbench: Workbench) -> None:
    at = QDE.index('endPosition="') + len('endPosition="')
    qde = QDE[:at] + str(2**63) + QDE[QDE.index('"', at) :]
    with workbench.example() as (project, folder):
        path = write(folder, "far.qdpx", with_qde(qde))
        report = import_qdpx(project, path)
        assert any(f"-{2**63} is not within its text" in line for line in report.skipped)
        check_documents(project)


def test_qdpx_source_with_old_mac_line_ends_is_stored_with_lf(workbench: Workbench) -> None:
    source = next(name for name in zip_entries(QDPX) if name.startswith("sources/"))
    text = zip_entries(QDPX)[source].decode("utf-8").replace("\n", "\r")
    with workbench.example() as (project, folder):
        import_qdpx(project, write(folder, "mac.qdpx", with_qde(QDE, **{source: text})))
        check_documents(project)


def test_qdpx_code_named_like_its_sibling_gets_a_number(workbench: Workbench) -> None:
    guid = "0f0f0f0f-1111-4222-8333-444444444444"
    twin = f'<Code guid="{guid}" name="G2" isCodable="true"/>'
    qde = QDE.replace("</Codes>", twin + "</Codes>", 1)
    with workbench.example() as (project, folder):
        report = import_qdpx(project, write(folder, "twin.qdpx", with_qde(qde)))
        assert "code 'G2': its name is taken under the same parent, stored as 'G2 (2)'" in (
            report.skipped
        )
        check_code_tree(project)


def test_qdpx_two_sources_with_one_text_are_stored_once(workbench: Workbench) -> None:
    start = QDE.index("<TextSource")
    source = QDE[start : QDE.index("</TextSource>", start) + len("</TextSource>")]
    copy = source.replace('name="', 'name="kopie van ', 1)
    guid_at = copy.index('guid="') + len('guid="')
    copy = copy[:guid_at] + "0f0f0f0f-1111-4222-8333-444444444444" + copy[guid_at + 36 :]
    with workbench.example() as (project, folder):
        path = write(folder, "twice.qdpx", with_qde(QDE.replace(source, source + copy, 1)))
        report = import_qdpx(project, path)
        assert report.documents == 2
        assert any("stored once" in line for line in report.skipped)
        check_documents(project)


def test_csv_codebook_row_with_an_empty_path(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        path = write(folder, "codes.csv", "path,colour\n,#123456\n")
        with pytest.raises(InputError, match=r"codes\.csv:2: empty code name at top level"):
            load_codebook_file(project, path)


def test_codings_csv_with_a_short_row(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        path = write(folder, "codings.csv", f"document,code,coder,quote\n{DOCUMENT},G1\n")
        with pytest.raises(InputError, match=r"codings\.csv:2: no coder in this row"):
            import_codings(project, path)


def test_codings_csv_saved_by_dutch_excel(workbench: Workbench) -> None:
    table = f"Document;Code;Coder;Quote\n{DOCUMENT};G1 > a;anna;Gelaagd.\n"
    with workbench.example() as (project, folder):
        assert import_codings(project, write(folder, "codings.csv", table)).codings == 1


def test_codings_csv_occurrence_that_is_no_number(workbench: Workbench) -> None:
    table = f"document,code,coder,quote,occurrence\n{DOCUMENT},G1,anna,de,twee\n"
    with workbench.example() as (project, folder):
        path = write(folder, "codings.csv", table)
        with pytest.raises(InputError, match="occurrence must be a number from 1 up, not 'twee'"):
            import_codings(project, path)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('label\n"R\n7"\n', r"people\.csv:3: unknown respondent 'R 7'"),
        ("label\n" + "x" * 201 + "\n", r"people\.csv:2: respondent label longer than 200"),
        ("label," + "y" * 101 + "\nR,1\n", r"people\.csv:1: column name 'y+'\.\.\. is longer"),
    ],
    ids=["line-break-in-a-cell", "long-label", "long-column"],
)
def test_respondent_tables(workbench: Workbench, table: str, message: str) -> None:
    with workbench.example() as (project, folder):
        path = write(folder, "people.csv", table)
        with pytest.raises(InputError, match=message):
            import_attributes(project, path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"codes": [{"name": "a\\u0000b"}]}', "contains a control character"),
        ('{"codes": [{"name": "a\\u2028b"}]}', "contains a line break"),
        ('{"codes": [{"name": "' + "n" * 301 + '"}]}', "is longer than 300 characters"),
        ('{"codes": [{"name": "a", "shortcut": "' + "s" * 17 + '"}]}', "longer than 16"),
        ('{"codes": [{"name": "a", "description": "\\u001b[2J"}]}', "control character"),
    ],
    ids=["nul", "line-separator", "long-name", "long-shortcut", "escape"],
)
def test_codebook_texts_the_project_cannot_keep(
    workbench: Workbench, text: str, message: str
) -> None:
    with workbench.example() as (project, folder):
        path = write(folder, "codes.json", text)
        with pytest.raises(InputError, match=message):
            load_codebook_file(project, path)


def test_qdpx_names_lose_control_characters(workbench: Workbench) -> None:
    """XML allows C1 controls: CSI (\\x9b) would reach the terminal, NEL (\\x85) breaks a line."""
    guid = "0f0f0f0f-1111-4222-8333-444444444444"
    code = f'<Code guid="{guid}" name="X&#x9b;Y&#x85;Z" isCodable="true"/>'
    qde = QDE.replace("</Codes>", code + "</Codes>", 1)
    with workbench.example() as (project, folder):
        import_qdpx(project, write(folder, "names.qdpx", with_qde(qde)))
        with project.reading() as session:
            assert "XY Z" in set(session.scalars(select(models.Code.name)))
        check_code_tree(project)


@pytest.mark.parametrize(
    ("part", "content"),
    [
        ("word/document.xml", f'<w:x xmlns:w="{W}"/>'.encode()),
        ("word/document.xml", f'<w:document xmlns:w="{W}"/>'.encode()),
        ("[Content_Types].xml", f'<Types xmlns="{CT}"><Default/></Types>'.encode()),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/styles.xml", f'<w:document xmlns:w="{W}"><w:body/></w:document>'.encode()),
    ],
    ids=[
        "body-of-another-kind",
        "no-body",
        "content-type-without-extension",
        "rels-without-ns",
        "styles-of-another-kind",
    ],
)
def test_docx_whose_package_xml_has_the_wrong_shape(
    workbench: Workbench, part: str, content: bytes
) -> None:
    with workbench.example() as (project, folder):
        word = write_docx(folder / "word.docx", [("Interviewer", "Vraag?")])
        entries = zip_entries(word.read_bytes())
        entries[part] = content
        path = write(folder, "shape.docx", make_zip(entries))
        with pytest.raises(InputError, match=r"shape\.docx: not a valid \.docx file"):
            import_file(project, path, ImportOptions(language="nl"))


def test_docx_whose_styles_part_is_of_another_kind(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        word = write_docx(folder / "word.docx", [("Interviewer", "Vraag?")])
        entries = zip_entries(word.read_bytes())
        types = entries["[Content_Types].xml"].decode("utf-8")
        styles = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
        entries["[Content_Types].xml"] = types.replace(styles, "application/xml").encode()
        path = write(folder, "styles.docx", make_zip(entries))
        with pytest.raises(InputError, match=r"styles\.docx: not a valid \.docx file"):
            import_file(project, path, ImportOptions(language="nl"))


def test_vtt_voice_names_lose_control_characters(workbench: Workbench) -> None:
    speech = "Hallo, fijn dat je er bent. " * 10  # a few control characters in a long text
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v I\x80nter\x9bviewer>{speech}</v>\n"
    with workbench.example() as (project, folder):
        import_file(project, write(folder, "voices.vtt", vtt), ImportOptions(language="nl"))
        with project.reading() as session:
            assert "Interviewer" in set(session.scalars(select(models.Speaker.label)))


def test_vtt_voice_name_longer_than_the_project_keeps(workbench: Workbench) -> None:
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v {'n' * 201}>Hallo.</v>\n"
    with workbench.example() as (project, folder):
        path = write(folder, "voices.vtt", vtt)
        with pytest.raises(InputError, match=r"voice name 'n+'\.\.\. is longer than 200"):
            import_file(project, path, ImportOptions(language="nl"))


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("codes.yaml", "codes:\n  - name: !!int abc\n", r"codes\.yaml:2: the tag !!int is not"),
        ("codes.yaml", "codes:\n  - name: !!timestamp 2020-13-45\n", "the tag !!timestamp"),
        ("codes.yaml", "codes:\n  - name: !!bool maybe\n", "the tag !!bool is not allowed"),
        ("codes.yaml", "codes: !!map [1]\n", "the tag !!map is on something that is no mapping"),
        ("codes.json", '{"codes": [{"name": 1' + "0" * 5000 + "}]}", "a number of 5001 digits"),
    ],
    ids=["int", "timestamp", "bool", "map-on-a-list", "json-digits"],
)
def test_codebook_values_pyyaml_or_json_would_convert(
    workbench: Workbench, name: str, text: str, message: str
) -> None:
    with workbench.example() as (project, folder):
        path = write(folder, name, text)
        with pytest.raises(InputError, match=message):
            load_codebook_file(project, path)
