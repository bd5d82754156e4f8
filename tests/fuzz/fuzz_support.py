"""What every fuzz test shares: the settings profile, byte and XML mutations, the outcome check.

The property is the same for every importer: a malformed file either imports correctly or is
refused with a one-line :class:`CodebenchError` naming the file, and a refused file leaves the
project exactly as it was. Any other exception fails the test.

The profile is deterministic (``derandomize``) and bounded so that CI runs the same examples
on every push. ``FUZZ_EXAMPLES=2000 python3 -m pytest tests/fuzz`` runs a longer, randomised
search by hand (``FUZZ_SEED`` makes such a run repeatable).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, event, seed, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import select

from codebench.codebook.model import Codebook, CodeSpec
from codebench.errors import CodebenchError
from codebench.services.project import Project, open_project
from codebench.storage import models

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parent / "seeds"
SAMPLES = ROOT / "sample_transcripts"
REAL = ROOT / "tests" / "fixtures" / "real"

#: The template's interview, its name in the project, and its speakers.
INTERVIEW = SAMPLES / "interview_06.txt"
DOCUMENT = "interview_06"
SPEAKERS = ("Interviewer", "Respondent 7")

#: The template's codebook: the seed study's codes (same GUIDs), without shortcuts.
CODEBOOK = Codebook(
    name="Fuzz study",
    codes=[
        CodeSpec(
            name="G1",
            guid="cb273d16-d3d1-4753-86b8-b67cc45ba1f1",
            colour="#aa00cc",
            children=[
                CodeSpec(name="a", guid="81def07d-8237-41ab-adba-fb5ef7b1c933"),
                CodeSpec(name="b", guid="e93d419b-e59d-4e2f-a8b5-a27c1d6ac177"),
            ],
        ),
        CodeSpec(
            name="G2",
            guid="a48e8c8f-1a6d-4718-86c1-aff8368a5b4e",
            children=[CodeSpec(name="c", guid="cec26f09-a915-4213-915e-29d063eed60c")],
        ),
    ],
)
CODE_PATHS = ("G1", "G1 > a", "G1 > b", "G2", "G2 > c")
CODE_GUIDS = tuple(
    spec.guid for top in CODEBOOK.codes for spec in (top, *top.children) if spec.guid
)

_LONG_RUN = os.environ.get("FUZZ_EXAMPLES")
_SEED = os.environ.get("FUZZ_SEED")

settings.register_profile(
    "codebench-fuzz",
    # The same examples on every CI run; a run by hand explores new ones.
    derandomize=not (_LONG_RUN or _SEED),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)


def fuzz(max_examples: int) -> Callable[[T], T]:
    """The fuzz profile with ``max_examples`` (or ``$FUZZ_EXAMPLES`` for a long run by hand)."""
    examples = int(_LONG_RUN) if _LONG_RUN else max_examples
    configured = settings(settings.get_profile("codebench-fuzz"), max_examples=examples)

    def decorate(test: T) -> T:
        test = configured(test)  # type: ignore[operator]
        return seed(int(_SEED))(test) if _SEED else test  # type: ignore[no-any-return]

    return decorate


# --- projects --------------------------------------------------------------------------------


class Workbench:
    """The template project, restored into one scratch project after every example that
    changed it, so that examples cannot affect each other.

    One scratch project for all examples keeps one database engine, and with it SQLAlchemy's
    cache of compiled statements: an example then costs milliseconds instead of tens.
    """

    def __init__(self, template: Path, scratch: Path) -> None:
        self.template = template
        self._file = scratch / "study.codebench"
        shutil.copy(template, self._file)
        self._project = open_project(self._file)
        self._clean = fingerprint(self._project)

    @contextmanager
    def example(self) -> Iterator[tuple[Project, Path]]:
        """The project as the template has it, and an empty folder for the input files."""
        with tempfile.TemporaryDirectory(prefix="cb-fuzz-") as folder:
            try:
                yield self._project, Path(folder)
            finally:
                if fingerprint(self._project) != self._clean:
                    self._restore()

    def _restore(self) -> None:
        self._project.engine.dispose()  # closes every connection, so the file can be replaced
        for journal in ("-wal", "-shm"):
            Path(f"{self._file}{journal}").unlink(missing_ok=True)
        shutil.copy(self.template, self._file)

    def close(self) -> None:
        self._project.close()


def fingerprint(project: Project) -> dict[str, tuple[int, str]]:
    """Row count and a hash of the rows of every table: equal before and after means unchanged."""
    result: dict[str, tuple[int, str]] = {}
    with project.reading() as session:
        for table in models.Base.metadata.sorted_tables:
            rows = sorted(repr(tuple(row)) for row in session.execute(select(table)))
            digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest()
            result[table.name] = (len(rows), digest)
    return result


def counts(project: Project) -> dict[str, int]:
    return {table: count for table, (count, _) in fingerprint(project).items()}


def assert_clean_error(exc: CodebenchError, path: Path) -> None:
    """What a user sees: one line that names the file."""
    message = str(exc)
    assert "\n" not in message and "\r" not in message, f"error is not one line: {message!r}"
    assert message.strip(), "empty error message"
    assert path.name in message, f"error does not name {path.name}: {message!r}"


def attempt(project: Project, path: Path, action: Callable[[], T]) -> T | None:
    """Run an import; a refusal must be clean and change nothing. Returns the result or None."""
    before = fingerprint(project)
    try:
        result = action()
    except CodebenchError as exc:
        assert_clean_error(exc, path)
        assert fingerprint(project) == before, "a refused file changed the project"
        _count("refused", _reason(exc, path))
        return None
    _count("accepted")
    return result


def _count(what: str, detail: str = "") -> None:
    """Tally outcomes for ``--hypothesis-show-statistics`` (too few accepted = weak strategy)."""
    if currently_in_test_context():
        event(what, detail)


def _reason(exc: CodebenchError, path: Path) -> str:
    """The kind of refusal, for ``--hypothesis-show-statistics``: the message without the
    file name, line and quoted details."""
    message = str(exc).replace(str(path), "")
    return re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "_", message)[:60]


# --- consistency of what was stored ----------------------------------------------------------


def check_documents(project: Project) -> None:
    """Every document has text; its turns, sentences and codings lie inside it, in order."""
    with project.reading() as session:
        for document in session.scalars(select(models.Document)):
            text = document.text
            assert text.strip(), f"document {document.name!r} has no text"
            assert "\r" not in text, f"document {document.name!r} keeps a CR"
            assert "\x00" not in text, f"document {document.name!r} holds NUL (not for PostgreSQL)"
            turns = session.scalars(
                select(models.Turn)
                .where(models.Turn.document_id == document.id)
                .order_by(models.Turn.position)
            ).all()
            assert turns, f"document {document.name!r} has no turns"
            speech: dict[int, tuple[int, int]] = {}
            previous_end = 0
            for turn in turns:
                assert previous_end <= turn.start <= turn.speech_start < turn.end <= len(text)
                assert text[turn.speech_start : turn.end].strip(), "a turn without speech"
                if turn.time_start is not None and turn.time_end is not None:
                    assert turn.time_start <= turn.time_end, "a turn that ends before it starts"
                speech[turn.id] = (turn.speech_start, turn.end)
                previous_end = turn.end
            previous_end = 0
            for sentence in session.scalars(
                select(models.Sentence)
                .where(models.Sentence.document_id == document.id)
                .order_by(models.Sentence.position)
            ):
                first, last = speech[sentence.turn_id]
                assert first <= sentence.start < sentence.end <= last
                assert previous_end <= sentence.start, "sentences overlap or are out of order"
                piece = text[sentence.start : sentence.end]
                assert piece == piece.strip(), f"a sentence with outer space: {piece!r}"
                previous_end = sentence.end
            for coding in session.scalars(
                select(models.Coding).where(models.Coding.document_id == document.id)
            ):
                assert 0 <= coding.start < coding.end <= len(text), "a coding outside its text"
            for label in session.scalars(
                select(models.Speaker.label).where(models.Speaker.document_id == document.id)
            ):
                assert label.strip() and not _controls(label), f"odd speaker label {label!r}"
            assert not _controls(document.name), f"document name {document.name!r}"


def _controls(text: str) -> bool:
    """Whether ``text`` holds a control character (line breaks included)."""
    return any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text)


def check_code_tree(project: Project) -> None:
    """The codebook is a tree (no cycles, no dangling parents) with one-line names that are
    unique among siblings (ignoring case) and unique GUIDs."""
    with project.reading() as session:
        codes = {code.id: code for code in session.scalars(select(models.Code))}
    guids = [code.guid.lower() for code in codes.values()]
    assert len(set(guids)) == len(guids), "two codes share a GUID"
    siblings: set[tuple[int | None, str]] = set()
    for code in codes.values():
        name = code.name
        assert name.strip() and name == name.strip(), f"code name {name!r}"
        assert not _controls(name), f"code name with control characters {name!r}"
        key = (code.parent_id, name.casefold())
        assert key not in siblings, f"two codes named {name!r} under one parent"
        siblings.add(key)
        seen = {code.id}
        parent = code.parent_id
        while parent is not None:
            assert parent in codes, f"code {name!r} has a parent that does not exist"
            assert parent not in seen, f"code {name!r} is its own ancestor"
            seen.add(parent)
            parent = codes[parent].parent_id


# --- byte mutations --------------------------------------------------------------------------

_MUTATIONS = ("flip", "insert", "delete", "truncate", "overwrite", "duplicate")


@st.composite
def mutated(draw: st.DrawFn, seed_bytes: bytes, max_mutations: int = 4) -> bytes:
    """``seed_bytes`` with a few random edits: bit flips, insertions, deletions, truncation."""
    data = bytearray(seed_bytes)
    for _ in range(draw(st.integers(1, max_mutations))):
        kind = draw(st.sampled_from(_MUTATIONS))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=8))
            data[at : at + len(chunk)] = chunk
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
    return Blob(data)


#: Bytes that are never valid UTF-8 where they stand, or are only valid in some positions.
INVALID_UTF8 = (
    b"\x80",
    b"\xbf",
    b"\xc0\xaf",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf8\x88\x80",
    b"\xff",
)


@st.composite
def with_invalid_utf8(draw: st.DrawFn, text: bytes) -> bytes:
    """``text`` with invalid UTF-8 sequences inserted at random places."""
    data = bytearray(text)
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from(INVALID_UTF8))
    return bytes(data)


# --- XML mutations ---------------------------------------------------------------------------

#: Attribute values that break assumptions: empty, signs, huge, wrong type, other words.
ODD_VALUES = (
    "",
    "0",
    "-1",
    "1",
    "2147483648",
    "99999999999999999999999",
    "1e9",
    "true",
    "maybe",
    "continue",
    "restart",
    " ",
    "\u00e9\U0001f600",
    "{00000000-0000-0000-0000-000000000000}",
    "11111111-1111-1111-1111-111111111111",
    "internal://missing.txt",
    "../../etc/passwd",
    "#zzzzzz",
)
_XML_EDITS = ("drop", "duplicate", "attribute", "text", "move", "unwrap", "clear")


@st.composite
def mutated_xml(draw: st.DrawFn, content: bytes, max_edits: int = 3) -> bytes:
    """Well-formed XML with a few structural edits: elements dropped, duplicated, moved,
    emptied or unwrapped; attribute values and texts replaced by odd ones.

    Well-formed but wrong is what gets past a parser into an importer's own code.
    """
    root = etree.fromstring(content, etree.XMLParser(remove_blank_text=False))
    for _ in range(draw(st.integers(1, max_edits))):
        nodes = [node for node in root.iter() if isinstance(node.tag, str)]
        node = draw(st.sampled_from(nodes))
        parent = node.getparent()
        edit = draw(st.sampled_from(_XML_EDITS))
        if edit == "drop" and parent is not None:
            parent.remove(node)
        elif edit == "duplicate" and parent is not None:
            parent.insert(parent.index(node), etree.fromstring(etree.tostring(node)))
        elif edit == "attribute":
            # The element's own attributes, or the one most Office and REFI elements have.
            namespace = etree.QName(node).namespace
            usual = f"{{{namespace}}}val" if namespace else "name"
            name = draw(st.sampled_from(sorted({*node.attrib, usual})))
            value = draw(st.sampled_from(ODD_VALUES) | st.text(max_size=12))
            node.set(name, _xml_safe(value))
        elif edit == "text":
            node.text = _xml_safe(draw(st.text(max_size=30)))
        elif edit == "move" and parent is not None:
            target = draw(st.sampled_from(nodes))
            if node not in target.iterancestors() and target is not node:
                target.append(node)
        elif edit == "unwrap" and parent is not None:
            at = parent.index(node)
            for child in list(node):
                at += 1
                parent.insert(at, child)
            parent.remove(node)
        elif edit == "clear":
            for child in list(node):
                node.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")  # type: ignore[no-any-return]


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold at all."""
    return "".join(
        char
        for char in text
        if char in "\t\n\r"
        or ("\x20" <= char <= "\ud7ff")
        or ("\ue000" <= char <= "\ufffd")
        or char >= "\U00010000"
    )


# --- zips ------------------------------------------------------------------------------------


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class Blob(bytes):
    """Bytes of a binary file, shown by size and hash: a falsifying example that prints a whole
    zip is unreadable (reproduce it with the ``@reproduce_failure`` Hypothesis prints)."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes, sha256 {hashlib.sha256(self).hexdigest()[:12]}>"


def make_zip(entries: dict[str, bytes]) -> Blob:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return Blob(buffer.getvalue())


@st.composite
def zip_with_mutated_entry(
    draw: st.DrawFn, seed_zip: bytes, names: tuple[str, ...], xml_aware: bool = True
) -> bytes:
    """A valid zip (correct CRCs) whose entry ``names[i]`` is mutated as XML or as bytes,
    or truncated, or missing."""
    entries = zip_entries(seed_zip)
    name = draw(st.sampled_from([n for n in names if n in entries]))
    how = draw(st.sampled_from(("xml", "bytes", "truncate", "remove") if xml_aware else ("bytes",)))
    if how == "xml":
        entries[name] = draw(mutated_xml(entries[name]))
    elif how == "bytes":
        entries[name] = draw(mutated(entries[name]))
    elif how == "truncate":
        entries[name] = entries[name][: draw(st.integers(0, len(entries[name])))]
    else:
        del entries[name]
    return make_zip(entries)
