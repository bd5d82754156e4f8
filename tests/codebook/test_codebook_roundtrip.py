"""Every format gives back exactly the codebook it was given: the bundled ones and random ones."""

from __future__ import annotations

import string
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codebench.codebook.formats import load_codebook, save_codebook
from codebench.codebook.model import Codebook, CodeSpec, count
from codebench.resources import data_path

BUNDLED = ["genai-overheid.yaml", "braun-clarke-starter.yaml"]
FORMATS = ["yaml", "yml", "json", "csv"]


def _bundled(name: str) -> Codebook:
    return load_codebook(data_path("codebooks") / name)


def test_bundled_codebooks_load() -> None:
    genai = _bundled("genai-overheid.yaml")
    assert genai.name == "GenAI bij de overheid"
    assert genai.language == "nl"
    assert [code.name for code in genai.codes] == ["Aanleiding", "Succesfactoren", "Knelpunten"]
    assert count(genai) == 3 + 29
    first = genai.codes[0].children[0]
    assert first.name == "GenAI spreekt tot de verbeelding"
    assert first.colour == "#237096"
    assert first.status == "defined"
    assert first.keywords[:2] == ["verbeelding", "inspiratie"]
    assert first.description is not None and first.description.startswith("De laagdrempeligheid")
    assert not first.description.endswith("\n")

    starter = _bundled("braun-clarke-starter.yaml")
    assert [code.name for code in starter.codes] == [
        "Candidate themes",
        "Initial codes",
        "Miscellaneous",
    ]
    assert all(code.children == [] and code.status == "candidate" for code in starter.codes)


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("suffix", FORMATS)
def test_bundled_codebook_round_trips(name: str, suffix: str, tmp_path: Path) -> None:
    original = _bundled(name)
    target = tmp_path / f"{Path(name).stem}.{suffix}"
    save_codebook(original, target)
    again = load_codebook(target)
    if suffix == "csv":
        # A CSV holds codes only; the codebook is named after the file.
        assert again == Codebook(name=target.stem, codes=original.codes)
    else:
        assert again == original


@pytest.mark.parametrize("name", BUNDLED)
def test_csv_to_yaml_to_csv_is_identical(name: str, tmp_path: Path) -> None:
    first_csv = tmp_path / "first.csv"
    save_codebook(_bundled(name), first_csv)
    from_csv = load_codebook(first_csv)
    as_yaml = tmp_path / "middle.yaml"
    save_codebook(from_csv, as_yaml)
    from_yaml = load_codebook(as_yaml)
    assert from_yaml == from_csv
    second_csv = tmp_path / "second.csv"
    save_codebook(from_yaml, second_csv)
    assert second_csv.read_bytes() == first_csv.read_bytes()
    assert load_codebook(second_csv).codes == from_csv.codes


def test_saving_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    original = _bundled("genai-overheid.yaml")
    for suffix in FORMATS:
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        save_codebook(original, first)
        save_codebook(load_codebook(first), second)
        if suffix != "csv":  # CSV drops the codebook name, so the files differ only by that
            assert first.read_bytes() == second.read_bytes()


def test_saved_yaml_is_readable_by_people(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    save_codebook(_bundled("genai-overheid.yaml"), target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("name: GenAI bij de overheid\nlanguage: nl\ndescription: >-\n")
    assert "\ncodes:\n  - name: Aanleiding\n    name_en: Reasons to start\n" in text
    assert '    colour: "#4c72b0"\n' in text
    assert "keywords: [verbeelding, inspiratie," in text
    assert "ideeën" in text  # unicode kept, not escaped
    assert "\n\n  - name: Succesfactoren\n" in text  # groups separated by a blank line
    assert "children: []" not in text and "shortcut" not in text  # empty fields left out
    body = text.split("\ncodes:\n", 1)[1]
    first_code = body.split("\n\n", 1)[0].splitlines()[:8]
    keys = [line.strip().split(":")[0].lstrip("- ") for line in first_code if ": " in line]
    assert keys[:3] == ["name", "name_en", "description"]


def test_saved_csv_has_the_path_form_and_a_bom(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    save_codebook(_bundled("genai-overheid.yaml"), target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpath,name_en,description,inclusion,exclusion,example,")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[2].startswith("Aanleiding > GenAI spreekt tot de verbeelding,")
    assert "verbeelding; inspiratie; enthousias" in lines[2]


def test_saved_json_is_indented_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    save_codebook(_bundled("genai-overheid.yaml"), target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith('{\n  "name": "GenAI bij de overheid",\n  "language": "nl",\n')
    assert "ideeën" in text


# Random codebooks: texts with accents, emoji, quotes, YAML-special words and line breaks.
_TEXT_ALPHABET = st.sampled_from(
    [
        *(string.ascii_letters + string.digits + " .,:;'\"-!?#&*%@[]{}()|/\\"),
        *["é", "ë", "ï", "ß", "€", "“", "”", "😀", "\n", "\t"],
    ]
)
_texts = st.one_of(
    st.sampled_from(["yes", "No", "null", "~", "1", "0.5", "2024-01-01", "- a", "# b", ": c"]),
    st.text(_TEXT_ALPHABET, min_size=1, max_size=140),
).map(str.strip)
_names = st.text(
    st.sampled_from(list(string.ascii_letters + "éü'&-. 0123456789")), min_size=1, max_size=30
).map(str.strip)


@st.composite
def _codes(draw: st.DrawFn, depth: int = 0) -> list[CodeSpec]:
    names = draw(st.lists(_names.filter(bool), max_size=4, unique_by=str.casefold))
    codes = []
    for name in names:
        optional = st.none() | _texts.map(lambda text: text or None)
        codes.append(
            CodeSpec(
                name=name,
                name_en=draw(st.none() | _names.map(lambda text: text or None)),
                description=draw(optional),
                inclusion=draw(optional),
                exclusion=draw(optional),
                example=draw(optional),
                colour=draw(st.none() | st.sampled_from(["#A0b1C2", "#000000", "#ffffff"])),
                keywords=draw(
                    st.lists(_names.filter(bool).filter(lambda word: ";" not in word), max_size=3)
                ),
                guid=draw(st.none() | st.uuids().map(str)),
                status=draw(st.sampled_from([None, "candidate", "reviewed", "defined"])),
                children=draw(_codes(depth + 1)) if depth < 2 else [],
            )
        )
    return codes


def _unique_ids(codebook: Codebook) -> Codebook:
    """GUIDs drawn independently could repeat; give duplicates fresh ones."""
    seen: set[str] = set()
    stack = list(codebook.codes)
    while stack:
        code = stack.pop()
        if code.guid is not None:
            if code.guid in seen:
                code.guid = str(uuid.uuid4())
            seen.add(code.guid)
        stack.extend(code.children)
    return codebook


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(codes=_codes(), description=st.none() | _texts.map(lambda text: text or None))
def test_random_codebooks_round_trip(
    codes: list[CodeSpec], description: str | None, tmp_path: Path
) -> None:
    codebook = _unique_ids(
        Codebook(name="Random", language="nl", description=description, codes=codes)
    )
    for suffix in ("yaml", "json"):
        target = tmp_path / f"random.{suffix}"
        save_codebook(codebook, target)
        assert load_codebook(target) == codebook, target.read_text(encoding="utf-8")
    target = tmp_path / "Random.csv"
    save_codebook(codebook, target)
    assert load_codebook(target) == Codebook(name="Random", codes=codebook.codes)
