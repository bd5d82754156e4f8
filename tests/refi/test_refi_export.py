"""REFI-QDA export: schema validity, counts, offsets in code points, and refusal of bad files."""

from __future__ import annotations

import stat
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import select

from codebench.errors import CodebenchError
from codebench.refi import write_qdc
from codebench.refi.validate import SCHEMA_DIR, schema_problem
from codebench.services.codebook.files import export_codebook
from codebench.services.demo import build_demo
from codebench.services.exchange.qdpx_export import coder_guid, write_qdpx
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models
from helpers.refi_study import CODINGS

EVERYONE = Viewer.everyone()

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


def _qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def test_qdc_is_valid_and_nested(study: Project, tmp_path: Path) -> None:
    target = write_qdc(export_codebook(study), tmp_path / "codes.qdc")
    content = target.read_bytes()
    assert schema_problem(content, "codebook") is None
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    root = etree.fromstring(content)
    top = root.findall(f"{C}Codes/{C}Code")
    assert [c.get("name") for c in top] == ["G1", "G2"]
    assert [c.get("name") for c in top[0].findall(f"{C}Code")] == ["a", "b"]
    assert top[0].get("color") == "#AA00CC"
    assert top[0].findtext(f"{C}Description") == "Groep één"
    assert "Inclusion: Als het goed ging" in top[0].find(f"{C}Code").findtext(f"{C}Description")
    assert all(c.get("isCodable") == "true" for c in root.iter(f"{C}Code"))
    assert all(c.get("guid") == c.get("guid").lower() for c in root.iter(f"{C}Code"))


def test_qdpx_is_valid_with_right_counts(study: Project, tmp_path: Path) -> None:
    target = write_qdpx(study, tmp_path / "study.qdpx", viewer=EVERYONE)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert schema_problem(archive.read("project.qde"), "project") is None
        names = archive.namelist()
    root = _qde(target)
    assert [u.get("name") for u in root.iter(f"{P}User")] == ["anna", "ben"]
    assert len(list(root.iter(f"{P}Code"))) == 5
    sources = list(root.iter(f"{P}TextSource"))
    assert len(sources) == 2
    assert sorted(names) == sorted(
        ["project.qde"] + [f"sources/{s.get('guid')}.txt" for s in sources]
    )
    for source in sources:
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    selections = list(root.iter(f"{P}PlainTextSelection"))
    by_user = Counter(s.get("creatingUser") for s in selections)
    assert by_user == {coder_guid("anna"): 3, coder_guid("ben"): 2}
    for selection in selections:
        (coding,) = selection.findall(f"{P}Coding")
        assert coding.get("creatingUser") == selection.get("creatingUser")
        assert coding.find(f"{P}CodeRef") is not None
    cases = root.findall(f"{P}Cases/{P}Case")
    assert [c.get("name") for c in cases] == ["Respondent 1", "Respondent 2", "Respondent 3"]
    assert [len(c.findall(f"{P}VariableValue")) for c in cases] == [2, 2, 2]
    assert [len(c.findall(f"{P}SourceRef")) for c in cases] == [1, 1, 1]
    assert len(root.findall(f"{P}Variables/{P}Variable")) == 2
    values = [v.findtext(f"{P}TextValue") for v in cases[2].findall(f"{P}VariableValue")]
    assert values == ["provincie", "ict"]
    # project, document and code memos plus two coding memos, each referenced once
    notes = {n.get("guid"): n.findtext(f"{P}PlainTextContent") for n in root.iter(f"{P}Note")}
    assert sorted(notes.values()) == sorted(
        ["Projectmemo ✓", "Over interview A", "Over G2", "een memo met 😀", "ben's memo"]
    )
    refs = [r.get("targetGUID") for r in root.iter(f"{P}NoteRef")]
    assert sorted(refs) == sorted(notes)
    assert notes[root.find(f"{P}NoteRef").get("targetGUID")] == "Projectmemo ✓"


def test_selection_offsets_slice_the_coded_passage(study: Project, tmp_path: Path) -> None:
    target = write_qdpx(study, tmp_path / "study.qdpx", viewer=EVERYONE)
    root = _qde(target)
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{P}Code")}
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{P}User")}
    found = []
    with zipfile.ZipFile(target) as archive:
        for source in root.iter(f"{P}TextSource"):
            text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
            with study.reading() as session:
                stored = session.scalar(
                    select(models.Document.text).where(models.Document.name == source.get("name"))
                )
            assert text == stored
            for selection in source.findall(f"{P}PlainTextSelection"):
                start = int(selection.get("startPosition"))
                end = int(selection.get("endPosition"))
                code = codes[selection.find(f"{P}Coding/{P}CodeRef").get("targetGUID")]
                user = users[selection.get("creatingUser")]
                found.append((source.get("name"), code, user, text[start:end]))
    expected = [(d, c, u, q) for d, c, u, q, _ in CODINGS]
    assert sorted(found) == sorted(expected)


def test_export_is_deterministic(study: Project, tmp_path: Path) -> None:
    first = write_qdpx(study, tmp_path / "one.qdpx", viewer=EVERYONE).read_bytes()
    second = write_qdpx(study, tmp_path / "two.qdpx", viewer=EVERYONE).read_bytes()
    assert first == second


def test_invalid_qdpx_is_refused_and_removed(
    study: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("codebench.services.exchange.qdpx_export.coder_guid", lambda _name: "")
    target = tmp_path / "bad.qdpx"
    with pytest.raises(CodebenchError) as raised:
        write_qdpx(study, target, viewer=EVERYONE)
    message = str(raised.value)
    assert "\n" not in message
    assert "Project.xsd" in message and "guid" in message
    assert not target.exists()
    assert list(tmp_path.glob("*.qdpx*")) == []


def test_invalid_qdc_is_refused_and_removed(
    study: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("codebench.refi.codebook_writer.colour", lambda _value: "")
    target = tmp_path / "bad.qdc"
    with pytest.raises(CodebenchError) as raised:
        write_qdc(export_codebook(study), target)
    message = str(raised.value)
    assert "\n" not in message
    assert "Codebook.xsd" in message and "color" in message
    assert not target.exists()


def test_schemas_are_shipped_byte_exact() -> None:
    shared = Path("/work/shared/refi-qda")
    for name in ("Project.xsd", "Codebook.xsd"):
        assert (SCHEMA_DIR / name).is_file()
        if (shared / name).is_file():
            assert (SCHEMA_DIR / name).read_bytes() == (shared / name).read_bytes()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    project = build_demo(tmp_path_factory.mktemp("refi-demo") / "demo.codebench")
    try:
        yield project
    finally:
        project.close()


def test_demo_qdpx(demo: Project, tmp_path: Path) -> None:
    target = write_qdpx(demo, tmp_path / "demo.qdpx", viewer=EVERYONE)
    with zipfile.ZipFile(target) as archive:
        assert schema_problem(archive.read("project.qde"), "project") is None
        assert len(archive.namelist()) == 18
    root = _qde(target)
    assert len(list(root.iter(f"{P}TextSource"))) == 17
    assert len(list(root.iter(f"{P}User"))) == 2
    assert len(list(root.iter(f"{P}Code"))) == 32
    assert len(list(root.iter(f"{P}PlainTextSelection"))) == 615
    qdc = write_qdc(export_codebook(demo), tmp_path / "demo.qdc")
    assert schema_problem(qdc.read_bytes(), "codebook") is None


def test_cli_exports_qdpx_and_qdc(study: Project, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from codebench.cli import cli

    runner = CliRunner()
    qdpx, qdc = tmp_path / "study.qdpx", tmp_path / "codes.qdc"
    result = runner.invoke(cli, ["export", str(qdpx), "-p", study.location])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["codebook", "export", str(qdc), "-p", study.location])
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(qdpx).read("project.qde").startswith(b"<?xml")
    assert b"urn:QDA-XML:codebook:1.0" in qdc.read_bytes()
