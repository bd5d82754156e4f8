"""REFI-QDA import: round trip through our own export, a real ATLAS.ti file, and odd files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from codebench.codebook.model import walk
from codebench.errors import InputError
from codebench.refi import read_qdc, read_qdpx
from codebench.refi.offsets import utf16_to_codepoints
from codebench.services.codebook.edits import add_code
from codebench.services.codebook.files import export_codebook
from codebench.services.exchange.qdpx_export import write_qdpx
from codebench.services.exchange.qdpx_import import import_qdc, import_qdpx
from codebench.services.project import Project, init_project
from codebench.services.viewer import Viewer
from codebench.storage import models

EVERYONE = Viewer.everyone()

ATLAS = Path(__file__).resolve().parent.parent / "fixtures" / "real"
ATLAS_FILE = ATLAS / "refi_atlasti_standard_project.qdpx"

NS = "urn:QDA-XML:project:1.0"
U = "11111111-1111-1111-1111-111111111111"
K = "22222222-2222-2222-2222-222222222222"
S = "33333333-3333-3333-3333-333333333333"


def _codings(project: Project) -> set[tuple[str, str, str, int, int, str | None]]:
    with project.reading() as session:
        rows = session.execute(
            select(
                models.Document.name,
                models.Code.guid,
                models.Coder.name,
                models.Coding.start,
                models.Coding.end,
                models.Coding.memo,
            )
            .join(models.Document, models.Coding.document_id == models.Document.id)
            .join(models.Code, models.Coding.code_id == models.Code.id)
            .join(models.Coder, models.Coding.coder_id == models.Coder.id)
        ).all()
    return {tuple(row) for row in rows}  # type: ignore[misc]


def _memos(project: Project) -> set[tuple[str, str]]:
    with project.reading() as session:
        return {(m.target_type, m.text) for m in session.scalars(select(models.Memo))}


def _texts(project: Project) -> dict[str, str]:
    with project.reading() as session:
        return {d.name: d.text for d in session.scalars(select(models.Document))}


def _codebook(project: Project) -> list[tuple[tuple[str, ...], str | None, str | None]]:
    book = export_codebook(project)
    return [(e.path, e.code.guid, e.code.colour) for e in walk(book.codes)]


def _count(project: Project, model: type[models.Base]) -> int:
    with project.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _qdpx(path: Path, qde: str, files: dict[str, str], entry: str = "project.qde") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(entry, qde)
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def _project_xml(sources: str, origin: str = "test tool", codes: str | None = None) -> str:
    codes = codes or f'<Code guid="{K}" name="c" isCodable="true" color="#112233"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{NS}" name="hand" '
        f'origin="{origin}"><Users><User guid="{U}" name="uma"/></Users>'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook>"
        f"<Sources>{sources}</Sources></Project>"
    )


def _text_source(start: int, end: int, path: str = f"internal://{S}.txt", name: str = "doc") -> str:
    return (
        f'<TextSource guid="{S}" name="{name}" plainTextPath="{path}">'
        f'<PlainTextSelection guid="44444444-4444-4444-4444-444444444444" '
        f'startPosition="{start}" endPosition="{end}" creatingUser="{U}">'
        f'<Coding guid="55555555-5555-5555-5555-555555555555" creatingUser="{U}">'
        f'<CodeRef targetGUID="{K}"/></Coding></PlainTextSelection></TextSource>'
    )


@pytest.fixture
def fresh(tmp_path: Path) -> Project:
    return init_project(tmp_path / "new.codebench", "Fresh")


def test_round_trip(study: Project, fresh: Project, tmp_path: Path) -> None:
    first = write_qdpx(study, tmp_path / "one.qdpx", viewer=EVERYONE)
    report = import_qdpx(fresh, first, actor="tester")
    assert report.documents == 2
    assert report.codes_added == 5
    assert report.codings == {"anna": 3, "ben": 2}
    assert report.respondents == 3
    assert report.skipped == []
    assert _codebook(fresh) == _codebook(study)
    assert _texts(fresh) == _texts(study)
    assert _codings(fresh) == _codings(study)
    assert _memos(fresh) == _memos(study)
    with fresh.reading() as session:
        attributes = {
            (a.respondent.label, a.name, a.value)
            for a in session.scalars(select(models.RespondentAttribute))
        }
        sentences = session.scalar(select(func.count()).select_from(models.Sentence))
    assert ("Respondent 3", "organisation_type", "provincie") in attributes
    assert sentences and sentences > 0
    second = write_qdpx(fresh, tmp_path / "two.qdpx", viewer=EVERYONE)
    again = read_qdpx(second)
    original = read_qdpx(first)
    assert again.codebook.codes == original.codebook.codes
    assert sorted(s.text for s in again.sources) == sorted(s.text for s in original.sources)
    assert [c.name for c in again.cases] == [c.name for c in original.cases]


def test_same_file_twice_is_refused_and_changes_nothing(
    study: Project,
    fresh: Project,
    tmp_path: Path,
) -> None:
    path = write_qdpx(study, tmp_path / "one.qdpx", viewer=EVERYONE)
    import_qdpx(fresh, path)
    before = (_codings(fresh), _memos(fresh), _count(fresh, models.Respondent))
    with pytest.raises(InputError, match="already imported"):
        import_qdpx(fresh, path)
    assert (_codings(fresh), _memos(fresh), _count(fresh, models.Respondent)) == before
    assert _count(fresh, models.Document) == 2


def test_atlasti_project_keeps_codes_and_users(fresh: Project) -> None:
    report = import_qdpx(fresh, ATLAS_FILE)
    assert report.documents == 0
    assert report.codes_added == 14
    missing = [line for line in report.skipped if "missing from the file" in line]
    assert len(missing) == 6
    assert any("PDF sources are not supported" in line for line in report.skipped)
    assert any("set(s) not kept" in line for line in report.skipped)
    names = {path[-1] for path, _, _ in _codebook(fresh)}
    assert {"happiness", "Coke", "milk"} <= names
    with fresh.reading() as session:
        coders = set(session.scalars(select(models.Coder.name)))
    assert {"ATLAS.ti", "Friedrich Markgraf", "Sebastian Petrausch"} <= coders
    assert report.memos == 2


@pytest.mark.parametrize(
    ("entry", "folder", "suffix"),
    [("Project.qde", "Sources", ".qdpx"), ("project.qde", "sources", ".zip")],
)
def test_entry_names_and_zip_suffix(
    fresh: Project, tmp_path: Path, entry: str, folder: str, suffix: str
) -> None:
    text = "Hello world. Second sentence here.\n"
    path = _qdpx(
        tmp_path / f"hand{suffix}",
        _project_xml(_text_source(0, 5)),
        {f"{folder}/{S}.txt": text},
        entry=entry,
    )
    report = import_qdpx(fresh, path)
    assert report.documents == 1
    assert report.codings == {"uma": 1}
    assert _texts(fresh) == {"doc": text}
    assert {(c[3], c[4]) for c in _codings(fresh)} == {(0, 5)}


def test_qdc_with_atlas_23_namespace(fresh: Project, tmp_path: Path) -> None:
    path = tmp_path / "codes.qdc"
    path.write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti 23">'
        f'<Codes><Code guid="{K.upper()}" name="Top" isCodable="true" color="#aabbcc">'
        "<Description>Top code</Description>"
        '<Code guid="{66666666-6666-6666-6666-666666666666}" name="Kid" isCodable="true"/>'
        "</Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    book = read_qdc(path)
    assert [c.name for c in book.codes] == ["Top"]
    assert book.codes[0].guid == K
    assert book.codes[0].children[0].guid == "66666666-6666-6666-6666-666666666666"
    result = import_qdc(fresh, path)
    assert result.added == 2
    assert _codebook(fresh)[0] == (("Top",), K, "#aabbcc")


def test_missing_source_and_pdf_are_skipped(fresh: Project, tmp_path: Path) -> None:
    pdf = (
        '<PDFSource guid="77777777-7777-7777-7777-777777777777" name="scan.pdf" '
        'path="internal://77777777-7777-7777-7777-777777777777.pdf"/>'
    )
    path = _qdpx(tmp_path / "hand.qdpx", _project_xml(_text_source(0, 5) + pdf), {})
    report = import_qdpx(fresh, path)
    assert report.documents == 0
    assert report.codes_added == 1
    assert any("'doc'" in line and "missing" in line for line in report.skipped)
    assert any("'scan.pdf'" in line and "PDF" in line for line in report.skipped)
    assert _count(fresh, models.Code) == 1


def test_utf16_offsets_from_nvivo_with_crlf(fresh: Project, tmp_path: Path) -> None:
    raw = "Hi 😀 there\r\nNext 🎉 line ok\r\nEnd.\r\n"
    start = raw.index("ok")
    units = len(raw[:start].encode("utf-16-le")) // 2
    assert utf16_to_codepoints(raw, units) == start
    sources = _text_source(units, units + 2)
    path = _qdpx(
        tmp_path / "nvivo.qdpx",
        _project_xml(sources, origin="NVivo 14"),
        {f"sources/{S}.txt": raw},
    )
    import_qdpx(fresh, path)
    text = _texts(fresh)["doc"]
    assert text == raw.replace("\r\n", "\n")
    ((_, _, _, first, last, _),) = _codings(fresh)
    assert text[first:last] == "ok"


def test_code_point_offsets_with_crlf(tmp_path: Path) -> None:
    raw = "Één 😀\r\nTwee 🎉 drie\r\n"
    start = raw.index("drie")
    path = _qdpx(
        tmp_path / "p.qdpx", _project_xml(_text_source(start, start + 4)), {f"sources/{S}.txt": raw}
    )
    (source,) = read_qdpx(path).sources
    (coding,) = source.codings
    assert source.text[coding.start : coding.end] == "drie"


def test_invalid_file_is_refused_and_project_unchanged(fresh: Project, tmp_path: Path) -> None:
    add_code(fresh, "kept")
    before = (_codebook(fresh), _count(fresh, models.Document), _count(fresh, models.Coder))
    bad = _project_xml(_text_source(0, 5), codes='<Code name="no guid" isCodable="true"/>')
    path = _qdpx(tmp_path / "bad.qdpx", bad, {f"sources/{S}.txt": "Hello world.\n"})
    with pytest.raises(InputError, match=r"Project\.xsd") as caught:
        import_qdpx(fresh, path)
    assert "guid" in str(caught.value)
    assert "\n" not in str(caught.value)
    after = (_codebook(fresh), _count(fresh, models.Document), _count(fresh, models.Coder))
    assert after == before


def test_not_well_formed_is_refused(tmp_path: Path) -> None:
    path = _qdpx(tmp_path / "broken.qdpx", "<Project", {})
    with pytest.raises(InputError, match="not well-formed"):
        read_qdpx(path)


def test_cli_imports_qdpx_and_loads_qdc(study: Project, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from codebench.cli import cli
    from codebench.refi import write_qdc
    from codebench.services.project import init_project

    exported = write_qdpx(study, tmp_path / "study.qdpx", viewer=EVERYONE)
    codes = write_qdc(export_codebook(study), tmp_path / "codes.qdc")
    target = tmp_path / "new.codebench"
    init_project(target).close()
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(exported), "-p", str(target)])
    assert result.exit_code == 0, result.output
    assert "imported study.qdpx: 2 documents" in result.output
    result = runner.invoke(cli, ["codebook", "load", str(codes), "-p", str(target)])
    assert result.exit_code == 0, result.output
    assert "0 added" in result.output
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(cli, ["import", str(broken), "-p", str(target)])
    assert result.exit_code == 1 and "broken.qdpx" in result.output


def test_demo_round_trip_keeps_documents_codings_memos_and_attributes(tmp_path: Path) -> None:
    from codebench.services.demo import build_demo
    from codebench.services.documents.overview import project_summary

    def codings(project: Project) -> set[tuple[str, str, str, int, int]]:
        with project.reading() as session:
            rows = session.execute(
                select(
                    models.Document.name,
                    models.Code.guid,
                    models.Coder.name,
                    models.Coding.start,
                    models.Coding.end,
                )
                .join(models.Document)
                .join(models.Code)
                .join(models.Coder)
            ).all()
        return {tuple(r) for r in rows}  # type: ignore[misc]

    with build_demo(tmp_path / "demo.codebench") as demo:
        exported = write_qdpx(demo, tmp_path / "demo.qdpx", viewer=EVERYONE)
        with init_project(tmp_path / "copy.codebench") as copy:
            report = import_qdpx(copy, exported)
            assert (report.documents, report.codes) == (17, 32)
            assert codings(copy) == codings(demo)
            before, after = (
                project_summary(demo, viewer=EVERYONE),
                project_summary(copy, viewer=EVERYONE),
            )
            assert before.respondent_attributes == after.respondent_attributes
            assert (after.documents, after.sentences) == (17, before.sentences)
            again = write_qdpx(copy, tmp_path / "again.qdpx", viewer=EVERYONE)
            with zipfile.ZipFile(exported) as first, zipfile.ZipFile(again) as second:
                texts = [
                    sorted(z.read(n) for n in z.namelist() if n.startswith("sources/"))
                    for z in (first, second)
                ]
            assert len(texts[0]) == 17 and texts[0] == texts[1]
