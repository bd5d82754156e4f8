"""Codebook files (.yaml .yml .json .csv) fed malformed and randomly structured input.

A refused file changes nothing; a loaded one leaves the project's codebook a tree with unique,
one-line names among siblings, and the counts the result reports.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import yaml
from fuzz_support import (
    CODEBOOK,
    ROOT,
    SEEDS,
    Workbench,
    attempt,
    check_code_tree,
    counts,
    fingerprint,
    fuzz,
    mutated,
    with_invalid_utf8,
)
from hypothesis import given
from hypothesis import strategies as st

from codebench.codebook.model import FIELDS, TOP_LEVEL_KEYS
from codebench.errors import CodebenchError
from codebench.services.codebook.files import load_codebook_file

STARTER_YAML = (ROOT / "codebooks" / "braun-clarke-starter.yaml").read_bytes()
GENAI_YAML = (ROOT / "codebooks" / "genai-overheid.yaml").read_bytes()[:6000]
STUDY_JSON = (SEEDS / "study.json").read_bytes()
STUDY_CSV = (SEEDS / "study.csv").read_bytes()
SEED_FILES = [
    (STARTER_YAML, ".yaml"),
    (GENAI_YAML, ".yml"),
    (STUDY_JSON, ".json"),
    (STUDY_CSV, ".csv"),
]


def load(workbench: Workbench, name: str, data: bytes) -> None:
    """Load ``data`` as codebook file ``name`` into a fresh project and check the outcome."""
    with workbench.example() as (project, folder):
        path = folder / name
        path.write_bytes(data)
        before = counts(project)
        result = attempt(project, path, lambda: load_codebook_file(project, path))
        if result is not None:
            after = counts(project)
            assert after["code"] - before["code"] == result.added
            for table in ("document", "coding", "memo", "coder"):
                assert after[table] == before[table], f"a codebook load changed {table}"
            for path_kept in result.kept:
                assert "\n" not in path_kept
            check_code_tree(project)


# --- seeds, mutated --------------------------------------------------------------------------


@fuzz(60)
@given(seed_and_suffix=st.sampled_from(SEED_FILES), data=st.data())
def test_codebook_with_mutated_bytes(
    workbench: Workbench, seed_and_suffix: tuple[bytes, str], data: st.DataObject
) -> None:
    seed, suffix = seed_and_suffix
    load(workbench, f"codes{suffix}", data.draw(mutated(seed)))


@fuzz(40)
@given(seed_and_suffix=st.sampled_from(SEED_FILES), data=st.data())
def test_codebook_with_invalid_utf8(
    workbench: Workbench, seed_and_suffix: tuple[bytes, str], data: st.DataObject
) -> None:
    seed, suffix = seed_and_suffix
    load(workbench, f"codes{suffix}", data.draw(with_invalid_utf8(seed)))


# --- random structures -----------------------------------------------------------------------

_KEYS = st.sampled_from([*TOP_LEVEL_KEYS, *FIELDS, "Name", "kids", ""]) | st.text(max_size=8)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
)
_ANY = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=30,
)


@fuzz(80)
@given(
    data=st.dictionaries(_KEYS, _ANY, max_size=5) | _ANY,
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_random_structures(workbench: Workbench, data: Any, suffix: str) -> None:
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True)
    load(workbench, f"codes{suffix}", text.encode("utf-8", "surrogatepass"))


_NAMES = st.sampled_from(["G1", "g1", "a", "A", "b", "c", "G2", "", " ", "é", "a > b", "x;y"])
_TEXTS = st.none() | st.sampled_from(["", " ", "tekst", "twee\nregels"]) | st.text(max_size=10)
_FRESH_GUIDS = ("0f0f0f0f-1111-4222-8333-444444444444", "1e1e1e1e-5555-4666-8777-888888888888")
_VALUES = {
    "name_en": _TEXTS,
    "description": _TEXTS,
    "inclusion": _TEXTS,
    "colour": st.sampled_from(["#4c72b0", "#4C72B0", "red", "#12345", ""]),
    "shortcut": st.sampled_from(["1", "2", "a", "", "ctrl+1"]),
    "keywords": st.lists(st.sampled_from(["budget", "geld", "", " ", "a;b"]), max_size=3),
    "status": st.sampled_from(["candidate", "reviewed", "defined", "done", ""]),
    "guid": st.sampled_from(
        [*_FRESH_GUIDS, "not-a-guid", "{0F0F0F0F-1111-4222-8333-444444444444}"]
    ),
}
#: Now and then a value of the wrong type, where a loader must say so.
_WRONG = st.sampled_from([1, 2.5, True, ["x"], {"a": 1}])


@st.composite
def code(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = {"name": draw(_NAMES | _WRONG) if draw(_odd()) else draw(_NAMES)}
    for key in draw(st.lists(st.sampled_from(sorted(_VALUES)), max_size=3, unique=True)):
        result[key] = draw(_WRONG) if draw(_odd()) else draw(_VALUES[key])
    if depth < 3 and draw(st.booleans()):
        result["children"] = draw(st.lists(code(depth + 1), max_size=3))
    return result


def _odd() -> st.SearchStrategy[bool]:
    return st.integers(0, 19).map(lambda n: n == 19)


@st.composite
def template_codes(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Template codes with their own name, GUID and place (so they meet the project's codes by
    GUID), with random children. A template GUID in another place is the merge refusals' case,
    tested on its own below."""
    result = []
    for top in CODEBOOK.codes:
        if draw(st.booleans()):
            children = [
                {"name": c.name, "guid": c.guid} for c in top.children if draw(st.booleans())
            ]
            children += draw(st.lists(code(2), max_size=2))
            result.append({"name": top.name, "guid": top.guid, "children": children})
    return result


@st.composite
def codebooks(draw: st.DrawFn) -> dict[str, Any]:
    """A codebook-shaped structure: names that clash (in case too), shortcuts and GUIDs that
    repeat, odd colours and statuses, now and then a value of the wrong type."""
    book: dict[str, Any] = {"codes": draw(template_codes()) + draw(st.lists(code(), max_size=4))}
    for key in ("name", "language", "description"):
        if draw(st.booleans()):
            book[key] = draw(_TEXTS)
    return book


@fuzz(100)
@given(book=codebooks(), suffix=st.sampled_from([".yaml", ".json"]))
def test_generated_codebooks(workbench: Workbench, book: dict[str, Any], suffix: str) -> None:
    text = json.dumps(book) if suffix == ".json" else yaml.safe_dump(book, allow_unicode=True)
    load(workbench, f"codes{suffix}", text.encode("utf-8"))


_TAGS = st.sampled_from(
    ["!!int", "!!float", "!!bool", "!!timestamp", "!!binary", "!!str", "!!null", "!!map"]
) | st.sampled_from(["!!seq", "!!set", "!!omap", "!!pairs", "!!python/name:os.system", "!x", "!"])
_TAGGED = st.sampled_from(
    ["1", "abc", "1" + "0" * 5000, "0x" + "f" * 4000, "2020-13-45", "maybe", "'%%%'", "[a, b]"]
) | st.sampled_from(["{a: 1}", "''", "~", "1:2:3", ".nan", "[{name: x}]"])


@st.composite
def tagged_yaml(draw: st.DrawFn) -> str:
    """A codebook in which values carry explicit YAML tags: PyYAML converts a tagged value
    itself, and fails in its own ways where the value does not convert."""
    tagged = st.builds("{} {}".format, _TAGS, _TAGGED)
    lines = [f"codes: {draw(tagged)}"] if draw(_odd()) else ["codes:"]
    for index in range(draw(st.integers(1, 4))):
        lines.append(f"  - name: {draw(tagged) if draw(st.booleans()) else f'c{index}'}")
        if draw(st.booleans()):
            key = draw(st.sampled_from(["description", "keywords", "children", "colour", "guid"]))
            lines.append(f"    {key}: {draw(tagged)}")
    return "\n".join(lines) + "\n"


@fuzz(60)
@given(text=tagged_yaml())
def test_codebooks_with_tagged_values(workbench: Workbench, text: str) -> None:
    load(workbench, "codes.yaml", text.encode("utf-8"))


@fuzz(20)
@given(
    digits=st.integers(1, 6000),
    where=st.sampled_from(['{{"codes": [{{"name": {}}}]}}', '{{"name": {}, "codes": []}}']),
)
def test_json_numbers_of_many_digits(workbench: Workbench, digits: int, where: str) -> None:
    load(workbench, "codes.json", where.format("7" * digits).encode())


# --- CSV -------------------------------------------------------------------------------------

_FIELD_COLUMNS = st.sampled_from(["colour", "shortcut", "keywords", "guid", "status", "example"])
_CELL = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=6)
_PATHS = st.sampled_from(["G1", "G1 > a", "g1>b", "G2 > c", "a", " > ", "a > ", "x", "", "é"])


@st.composite
def csv_codebooks(draw: st.DrawFn) -> bytes:
    """Rows of paths and parents that may not exist, repeat, form cycles or be ambiguous."""
    columns = draw(st.sampled_from([["path"], ["Path"], ["name", "parent"], ["NAME"]]))
    columns += draw(st.lists(_FIELD_COLUMNS, max_size=3, unique=True))
    if draw(_odd()):
        columns.append(draw(st.sampled_from(["x", "", "path", "name", "Guid"])))
    columns = draw(st.permutations(columns))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 8))):
        width = draw(st.integers(0, len(columns) + 1))
        writer.writerow([draw(_PATHS | _CELL) for _ in range(width)])
    text = buffer.getvalue()
    if draw(_odd()):
        text = text.replace('"', "", 1) + '"unclosed'
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])))


@fuzz(80)
@given(data=csv_codebooks())
def test_generated_csv_codebooks(workbench: Workbench, data: bytes) -> None:
    load(workbench, "codes.csv", data)


@fuzz(30)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".yaml", ".yml", ".json", ".csv"]))
def test_codebook_random_bytes(workbench: Workbench, data: bytes, suffix: str) -> None:
    load(workbench, f"codes{suffix}", data)


# --- merges that would give one project code to two file codes, or one name to two codes ----


def refused_merge(workbench: Workbench, name: str, text: str) -> str:
    with workbench.example() as (project, folder):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        before = fingerprint(project)
        with pytest.raises(CodebenchError) as caught:
            load_codebook_file(project, path)
        assert fingerprint(project) == before
        message = str(caught.value)
        assert message.startswith(f"{path}: ") and "\n" not in message
        return message


def test_merge_matching_one_code_by_guid_and_by_path(workbench: Workbench) -> None:
    """'a' is matched by GUID under G1 (as B), and again by path: refused, not a parent cycle."""
    guid_a, guid_g1 = CODEBOOK.codes[0].children[0].guid, CODEBOOK.codes[0].guid
    text = (
        "codes:\n  - name: G1\n    children:\n"
        f"      - name: B\n        guid: {guid_a}\n        children:\n"
        f"          - name: D\n            guid: {guid_g1}\n"
        "      - name: a\n"
    )
    message = refused_merge(workbench, "cycle.yaml", text)
    assert "both match the project's code" in message


def test_merge_renaming_a_code_onto_a_sibling(workbench: Workbench) -> None:
    """Code 'a' (by its GUID) would be renamed G1 and moved to the top, where G1 still is."""
    text = f"codes:\n  - name: G1\n    guid: {CODEBOOK.codes[0].children[0].guid}\n"
    assert "two codes would be named 'G1'" in refused_merge(workbench, "rename.yaml", text)


def test_load_refusal_names_the_file_and_line(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        path = folder / "broken.yaml"
        path.write_text("codes:\n  - name: x\n    colour: #123456\n", encoding="utf-8")
        with pytest.raises(CodebenchError) as caught:
            load_codebook_file(project, path)
        assert str(caught.value).startswith(f"{path}:3: ")
