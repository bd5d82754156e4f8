""".qdpx read and written as streams: memory that does not grow with the project, the schema
checked on the stream as strictly as on a tree, and refusals that still name the line."""

from __future__ import annotations

import gc
import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import func, select

from codebench.errors import CodebenchError, InputError
from codebench.refi import QdpxReader, read_qdpx
from codebench.refi.validate import Readable, schema_problem, stream_elements, streamed_problem
from codebench.refi.xml import serialise
from codebench.services.exchange.qdpx_export import project_document, write_qdpx
from codebench.services.exchange.qdpx_import import import_qdpx
from codebench.services.project import Project, init_project
from codebench.services.viewer import Viewer
from codebench.storage import models

EVERYONE = Viewer.everyone()
NS = "urn:QDA-XML:project:1.0"
USERS = ("11111111-1111-4111-8111-111111111111", "11111111-1111-4111-8111-222222222222")
CODES = tuple(f"22222222-2222-4222-8222-{i:012d}" for i in range(5))


def _guid(kind: int, *numbers: int) -> str:
    value = 0
    for number in numbers:
        value = value * 100_000 + number
    return f"{kind:08d}-0000-4000-8000-{value:012d}"


def _generated_qdpx(path: Path, sources: int, codings: int) -> Path:
    """A project of ``sources`` text sources with ``codings`` selections each (one a line of
    its text), by two users, every tenth coding with a note."""
    users = "".join(f'<User guid="{g}" name="user {i}"/>' for i, g in enumerate(USERS))
    codes = "".join(
        f'<Code guid="{g}" name="code {i}" isCodable="true"/>' for i, g in enumerate(CODES)
    )
    parts = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{NS}" name="generated">',
        f"<Users>{users}</Users><CodeBook><Codes>{codes}</Codes></CodeBook><Sources>",
    ]
    notes = []
    texts = {}
    for s in range(sources):
        guid = _guid(3, s)
        lines = [f"Zin {i} van bron {s}, over hoe het project verliep." for i in range(codings)]
        texts[f"sources/{guid}.txt"] = "\n".join(lines) + "\n"
        parts.append(
            f'<TextSource guid="{guid}" name="bron {s}" plainTextPath="internal://{guid}.txt">'
        )
        start = 0
        for i, line in enumerate(lines):
            user = USERS[i % 2]
            note = ""
            if i % 10 == 0:
                note_guid = _guid(6, s, i)
                note = f'<NoteRef targetGUID="{note_guid}"/>'
                notes.append(
                    f'<Note guid="{note_guid}" name="memo"><PlainTextContent>memo {s} {i}'
                    "</PlainTextContent></Note>"
                )
            parts.append(
                f'<PlainTextSelection guid="{_guid(4, s, i)}" startPosition="{start}" '
                f'endPosition="{start + len(line)}" creatingUser="{user}">'
                f'<Coding guid="{_guid(5, s, i)}" creatingUser="{user}">'
                f'<CodeRef targetGUID="{CODES[i % len(CODES)]}"/>{note}</Coding>'
                "</PlainTextSelection>\n"
            )
            start += len(line) + 1
        parts.append("</TextSource>\n")
    parts.append(f"</Sources><Notes>{''.join(notes)}</Notes></Project>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "".join(parts))
        for name, text in texts.items():
            archive.writestr(name, text)
    return path


def _peak(action: Callable[[], object]) -> int:
    """The most memory Python held at once while ``action`` ran, above what it held before."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        action()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def _count(project: Project, model: type[models.Base]) -> int:
    with project.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_import_and_export_memory_does_not_grow_with_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the codings (in four times the sources) take about the same memory: a
    source at a time is held, never the whole project (which took three times as much)."""
    # Codings are read from the database in batches of a fixed size: small ones here, so that
    # the batch does not fill up over the small projects of a test and look like growth.
    monkeypatch.setattr("codebench.services.exchange.qdpx_export._BATCH", 50)
    with init_project(tmp_path / "warm.codebench") as warm:  # loads the language models once
        import_qdpx(warm, _generated_qdpx(tmp_path / "warm.qdpx", 2, 20))
        write_qdpx(warm, tmp_path / "warm-out.qdpx", viewer=EVERYONE)
    peaks = {}
    for sources in (2, 8):
        path = _generated_qdpx(tmp_path / f"{sources}.qdpx", sources, 120)
        with init_project(tmp_path / f"{sources}.codebench") as project:
            imported = _peak(lambda: import_qdpx(project, path))  # noqa: B023
            assert _count(project, models.Coding) == sources * 120
            out = tmp_path / f"{sources}-out.qdpx"
            exported = _peak(lambda: write_qdpx(project, out, viewer=EVERYONE))  # noqa: B023
        peaks[sources] = (imported, exported)
    (small_import, small_export), (large_import, large_export) = peaks[2], peaks[8]
    assert large_import < 1.5 * small_import, peaks
    assert large_export < 1.5 * small_export, peaks


def test_a_stream_holds_one_item_at_a_time(tmp_path: Path) -> None:
    """A streamed document keeps, of what it has given, only the item just given and the one
    before it: the tree (libxml2's memory, which tracemalloc does not see) holds no more than
    that and what the parser has read ahead, however many items the document has."""
    largest = {}
    for sources in (40, 160):
        path = _generated_qdpx(tmp_path / f"{sources}.qdpx", sources, 20)
        before, tree = [], []
        with zipfile.ZipFile(path) as archive:
            for element in stream_elements(
                lambda: archive.open("project.qde"),
                "project",
                ("{*}TextSource",),
            ):
                before.append(sum(1 for _ in element.itersiblings(preceding=True)))
                tree.append(sum(1 for _ in element.getroottree().iter()))
        assert len(before) == sources
        assert max(before) <= 1
        largest[sources] = max(tree)
    assert largest[160] < 1.5 * largest[40], largest


def test_reader_gives_sources_one_at_a_time(tmp_path: Path) -> None:
    path = _generated_qdpx(tmp_path / "p.qdpx", 3, 12)
    with QdpxReader(path) as reader:
        assert list(reader.project.users.values()) == ["user 0", "user 1"]
        assert len(reader.project.notes) == 6
        assert reader.project.sources == []
        names = []
        for source in reader.sources():
            names.append(source.name)
            assert len(source.codings) == 12
            (first, *_) = source.codings
            assert (
                source.text[first.start : first.end]
                == f"Zin 0 van {source.name}, over hoe het project verliep."
            )
    assert names == ["bron 0", "bron 1", "bron 2"]


def _qde(body: str) -> str:
    start = f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{NS}" name="p">'
    return f"{start}\n{body}\n</Project>\n"


_SOURCE = (
    '  <Sources>\n    <TextSource guid="33333333-3333-4333-8333-333333333333" name="doc">\n'
    "      <PlainTextContent>Hello world.</PlainTextContent>\n"
    '      <PlainTextSelection guid="44444444-4444-4444-8444-444444444444" '
    'startPosition="0" endPosition="5">\n'
    '        <Coding guid="55555555-5555-4555-8555-555555555555">\n'
    '          <CodeRef targetGUID="22222222-2222-4222-8222-000000000000"/>\n'
    "        </Coding>\n      </PlainTextSelection>\n    </TextSource>\n  </Sources>"
)
_CODEBOOK = (
    "  <CodeBook>\n    <Codes>\n"
    '      <Code guid="22222222-2222-4222-8222-000000000000" name="c" isCodable="true"/>\n'
    "    </Codes>\n  </CodeBook>\n"
)

INVALID = {
    "a code without a GUID": _qde(
        _CODEBOOK.replace('guid="22222222-2222-4222-8222-000000000000" ', "") + _SOURCE
    ),
    "a bad boolean": _qde(_CODEBOOK.replace('"true"', '"maybe"') + _SOURCE),
    "an unknown element": _qde(_CODEBOOK + _SOURCE.replace("<CodeRef", "<Bogus/><CodeRef")),
    "an element out of place": _qde(_SOURCE + "\n" + _CODEBOOK),
    "a project without a name": _qde(_CODEBOOK + _SOURCE).replace(' name="p"', ""),
}


@contextmanager
def _bytes(content: bytes) -> Iterator[Readable]:
    yield io.BytesIO(content)


@pytest.mark.parametrize("content", INVALID.values(), ids=INVALID.keys())
def test_stream_check_agrees_with_the_tree_check(content: str) -> None:
    """The same first complaint, on the same line, as validating the whole tree gives."""
    data = content.encode()
    streamed = streamed_problem(lambda: _bytes(data), "project")
    whole = schema_problem(data, "project")
    assert streamed is not None and whole is not None
    assert streamed == whole


def test_stream_check_passes_a_valid_document() -> None:
    data = _qde(_CODEBOOK + _SOURCE).encode()
    assert schema_problem(data, "project") is None
    assert streamed_problem(lambda: _bytes(data), "project") is None


def _zip(path: Path, qde: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    return path


def test_invalid_project_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bad.qdpx", INVALID["an unknown element"])
    with pytest.raises(InputError) as caught:
        read_qdpx(path)
    message = str(caught.value)
    lines = INVALID["an unknown element"].split("\n")
    line = next(number for number, text in enumerate(lines, 1) if "<Bogus/>" in text)
    assert f"bad.qdpx!project.qde: not valid against Project.xsd: line {line}:" in message
    assert "Bogus" in message and "\n" not in message


@pytest.mark.parametrize("cut", [60, 200, 400, -40, -12, -3])
def test_truncated_project_is_refused(tmp_path: Path, cut: int) -> None:
    """A schema checked on the stream must not let a document that stops short through (lxml
    does, if entities are left unexpanded while it validates)."""
    content = _qde(_CODEBOOK + _SOURCE).encode()
    path = _zip(tmp_path / "cut.qdpx", content[:cut])
    with pytest.raises(InputError, match=r"cut\.qdpx!project\.qde:\d+: not well-formed XML"):
        read_qdpx(path)


def test_entity_bomb_in_a_project_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    qde = f'<?xml version="1.0"?><!DOCTYPE Project [{entities}]><Project xmlns="{NS}" name="&i;"/>'
    with pytest.raises(InputError, match="not well-formed XML"):
        read_qdpx(_zip(tmp_path / "bomb.qdpx", qde))


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    qde = (
        f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        f'<Project xmlns="{NS}" name="&x;"/>'
    )
    try:
        project = read_qdpx(_zip(tmp_path / "xxe.qdpx", qde))
    except InputError as refused:
        assert "geheim" not in str(refused)
    else:
        assert "geheim" not in project.name


def test_a_source_over_the_limit_rolls_the_import_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refusal met while the sources are being stored leaves the project as it was."""
    path = _generated_qdpx(tmp_path / "p.qdpx", 3, 10)
    monkeypatch.setattr("codebench.refi.text_sources.MAX_TEXT_BYTES", 400)
    with init_project(tmp_path / "p.codebench") as project:
        with pytest.raises(InputError, match="too large"):
            import_qdpx(project, path)
        for model in (models.Document, models.Coding, models.Code, models.Coder, models.Memo):
            assert _count(project, model) == 0


def test_invalid_export_keeps_the_file_it_would_replace(
    study: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write_qdpx(study, tmp_path / "study.qdpx", viewer=EVERYONE)
    before = target.read_bytes()
    monkeypatch.setattr("codebench.services.exchange.qdpx_export.coder_guid", lambda _name: "")
    with pytest.raises(CodebenchError, match=r"study\.qdpx: not valid against Project\.xsd"):
        write_qdpx(study, target, viewer=EVERYONE)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "qdpx" in p.name) == ["study.qdpx"]


def test_streamed_export_is_the_document_in_memory(study: Project, tmp_path: Path) -> None:
    target = write_qdpx(study, tmp_path / "study.qdpx", viewer=EVERYONE)
    qde, texts = project_document(study, viewer=EVERYONE)
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["project.qde", *sorted(texts)]
        assert archive.read("project.qde") == qde
        assert {name: archive.read(name).decode() for name in texts} == texts
    # The text the whole tree, serialised at once, would have (as exports were written before).
    root = ET.fromstring(qde.replace(b"xmlns=", b"xmlns_=", 1))
    root.attrib = {k.rstrip("_") if k == "xmlns_" else k: v for k, v in root.attrib.items()}
    assert serialise(root) == qde
    assert etree.fromstring(qde).tag == f"{{{NS}}}Project"


def test_empty_project_exports_and_imports(tmp_path: Path) -> None:
    with init_project(tmp_path / "empty.codebench", "Leeg") as empty:
        target = write_qdpx(empty, tmp_path / "empty.qdpx", viewer=EVERYONE)
    with zipfile.ZipFile(target) as archive:
        qde = archive.read("project.qde")
    assert qde.endswith(b" />\n") and b"<Sources" not in qde
    with init_project(tmp_path / "copy.codebench") as copy:
        report = import_qdpx(copy, target)
    assert (report.documents, report.codes, report.skipped) == (0, 0, [])


def _content(path: Path) -> tuple[object, ...]:
    """What a .qdpx holds, without what differs between two projects (ids, dates, names)."""
    project = read_qdpx(path)
    codings = sorted(
        (source.name, coding.start, coding.end, coding.code_guid, coding.user or "")
        for source in project.sources
        for coding in source.codings
    )
    notes = sorted(note.text for note in project.notes.values())
    texts = sorted(source.text for source in project.sources)
    return project.codebook.codes, texts, codings, notes, [c.name for c in project.cases]


def test_round_trip_through_postgresql(study: Project, pg_location: str, tmp_path: Path) -> None:
    """The bulk inserts of the import and the batched reads of the export on PostgreSQL."""
    first = write_qdpx(study, tmp_path / "one.qdpx", viewer=EVERYONE)
    with init_project(pg_location, "Fresh") as fresh:
        report = import_qdpx(fresh, first)
        assert (report.documents, report.codings, report.skipped) == (2, {"anna": 3, "ben": 2}, [])
        second = write_qdpx(fresh, tmp_path / "two.qdpx", viewer=EVERYONE)
    assert _content(second) == _content(first)
