"""Huge and hostile inputs: each is refused in a moment with one line, or imported, never hangs.

Zip bombs (entries that inflate to gigabytes), a 50 MB transcript, codebooks nested thousands
of levels deep, YAML alias and XML entity bombs, YAML that asks to run code.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzz_support import SAMPLES, SEEDS, Workbench, attempt, make_zip, zip_entries

from codebench.files.limits import MAX_DOCX_BODY_BYTES, MAX_TEXT_BYTES
from codebench.services.codebook.files import load_codebook_file
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.exchange.qdpx_import import import_qdc, import_qdpx
from codebench.services.project import Project

Importer = Callable[[Project, Path], object]
OPTIONS = ImportOptions(language="nl")


def transcript(project: Project, path: Path) -> object:
    return import_file(project, path, OPTIONS)


def declared(data: bytes, name: str, size: int) -> bytes:
    """``data`` (a zip) stating ``size`` as the inflated size of entry ``name``: what a zip bomb
    states (an honest bomb states its true size, and zipfile never inflates more than stated)."""
    out = bytearray(data)
    for magic, size_at, name_at in ((b"PK\x03\x04", 22, 26), (b"PK\x01\x02", 24, 28)):
        at = out.find(magic)
        while at != -1:
            length = struct.unpack_from("<H", out, at + name_at)[0]
            start = at + name_at + (4 if magic == b"PK\x03\x04" else 18)
            if out[start : start + length] == name.encode():
                struct.pack_into("<I", out, at + size_at, size)
            at = out.find(magic, at + 4)
    return bytes(out)


def refused(workbench: Workbench, name: str, data: bytes, importer: Importer, reason: str) -> None:
    with workbench.example() as (project, folder):
        path = folder / name
        path.write_bytes(data)
        assert attempt(project, path, lambda: importer(project, path)) is None, "not refused"
        with pytest.raises(Exception, match=reason):
            importer(project, path)


DOCX = (SAMPLES / "interview_01.docx").read_bytes()
QDPX = (SEEDS / "study.qdpx").read_bytes()
SOURCE = next(name for name in zip_entries(QDPX) if name.startswith("sources/"))


def test_docx_whose_body_inflates_beyond_the_limit(workbench: Workbench) -> None:
    entries = zip_entries(DOCX)
    entries["word/document.xml"] += b" " * (MAX_DOCX_BODY_BYTES + 1)
    refused(workbench, "bomb.docx", make_zip(entries), transcript, "document text is too large")


def test_docx_with_a_part_stating_two_gigabytes(workbench: Workbench) -> None:
    data = declared(DOCX, "docProps/thumbnail.jpeg", 2**31)
    refused(workbench, "bomb.docx", data, transcript, "inflated is too large")


def test_fifty_megabyte_transcript(workbench: Workbench) -> None:
    line = b"Respondent 1: Dat vond ik een goed idee, echt waar.\n"
    data = line * (50 * 2**20 // len(line))
    refused(workbench, "huge.txt", data, transcript, "the file is too large")


def test_qdpx_source_text_stating_more_than_the_text_limit(workbench: Workbench) -> None:
    data = declared(QDPX, SOURCE, MAX_TEXT_BYTES + 1)
    refused(workbench, "bomb.qdpx", data, import_qdpx, "too large")


def test_qdpx_with_a_huge_entry_it_never_reads_still_imports(workbench: Workbench) -> None:
    """A .qdpx may carry a recording; only what is read counts against the limits."""
    entries = zip_entries(QDPX)
    entries["sources/recording.mp4"] = b"\x00" * 100
    data = declared(make_zip(entries), "sources/recording.mp4", 2**31)
    with workbench.example() as (project, folder):
        path = folder / "study.qdpx"
        path.write_bytes(data)
        assert import_qdpx(project, path).documents == 2


DEEP_YAML = "codes:\n" + "".join(
    f"{'  ' * (2 * level + 1)}- name: c{level}\n{'  ' * (2 * level + 2)}children:\n"
    for level in range(400)
)
DEEP_JSON = '{"codes": ' + '[{"name": "x", "children": ' * 5000 + "[]" + "}]" * 5000 + "}"
DEEP_CSV = "name,parent\nc0,\n" + "".join(f"c{i},c{i - 1}\n" for i in range(1, 2000))
# Nine copies of the code before at every level: 9**7 codes described in a few hundred bytes.
ALIAS_BOMB = "codes:\n  - &c0 {name: c0}\n" + "".join(
    f"  - &c{n} {{name: c{n}, children: [{', '.join([f'*c{n - 1}'] * 9)}]}}\n" for n in range(1, 8)
)
PYTHON_TAG = "codes:\n  - name: !!python/object/apply:os.system ['echo hacked']\n"
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes>'
    '<Code guid="0f0f0f0f-1111-4222-8333-444444444444" name="&i;" isCodable="true"/>'
    "</Codes></CodeBook>"
)


def deep_qdc(levels: int) -> str:
    return (
        '<CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes>'
        + '<Code name="x" isCodable="true">' * levels
        + "</Code>" * levels
        + "</Codes></CodeBook>"
    )


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("deep.yaml", DEEP_YAML, "nested"),
        ("deep.json", DEEP_JSON, "nested"),
        ("deep.csv", DEEP_CSV, "nested more than"),
        ("bomb.yaml", ALIAS_BOMB, "more than 100000 codes"),
        ("evil.yaml", PYTHON_TAG, "python/object"),
    ],
    ids=["deep-yaml", "deep-json", "deep-csv", "alias-bomb", "python-tag"],
)
def test_hostile_codebooks(workbench: Workbench, name: str, text: str, reason: str) -> None:
    refused(workbench, name, text.encode(), load_codebook_file, reason)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (deep_qdc(60), "nested more than 50 levels"),
        (deep_qdc(3000), "not well-formed XML"),
        (ENTITY_BOMB, ""),
    ],
    ids=["deep-qdc", "deeper-than-xml-allows", "entity-bomb"],
)
def test_hostile_qdc(workbench: Workbench, text: str, reason: str) -> None:
    """An entity bomb may import (entities are never expanded) or be refused; it must not hang."""
    with workbench.example() as (project, folder):
        path = folder / "codes.qdc"
        path.write_bytes(text.encode())
        result = attempt(project, path, lambda: import_qdc(project, path))
        if reason:
            assert result is None
            with pytest.raises(Exception, match=reason):
                import_qdc(project, path)
