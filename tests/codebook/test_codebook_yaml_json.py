"""YAML and JSON files: syntax errors with lines, structure errors, the hand-editing pitfalls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_codebook import load_error, write

from codebench.codebook.formats import load_codebook, save_codebook
from codebench.codebook.model import Codebook, CodeSpec
from codebench.errors import InputError

# --- YAML syntax and structure ---------------------------------------------------------------


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: Studie
        codes:
          - name: A
            description: Een zin: met een dubbele punt.
        """,
    )
    assert load_error(path) == f"{path}:4: invalid YAML: mapping values are not allowed here"


def test_yaml_unclosed_quote_points_at_where_it_started(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", 'name: S\ncodes:\n  - name: "A\n  - name: B\n')
    assert load_error(path) == (
        f"{path}:5: invalid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar on line 3)"
    )


def test_yaml_bad_indentation(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n   - name: B\n")
    assert load_error(path) == (
        f"{path}:4: invalid YAML: expected <block end>, but found '<block sequence start>' "
        "(while parsing a block collection on line 3)"
    )


@pytest.mark.parametrize("suffix", ["yaml", "json", "csv"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, f"codes.{suffix}", "  \n\n")
    assert load_error(path) == f"{path}: file is empty"


def test_yaml_with_only_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "# nog in te vullen\n")
    assert load_error(path) == f"{path}: no codebook in the file (only comments or blank lines)"


def test_yaml_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "- name: A\n- name: B\n")
    assert load_error(path) == (
        f"{path}:1: not a codebook: expected a mapping with the keys name, language, "
        "description, codes"
    )


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ntaal: nl\ncodes: []\n")
    assert load_error(path) == (
        f"{path}:2: unknown key 'taal' (allowed: name, language, description, codes)"
    )


def test_missing_codes(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\nlanguage: nl\n")
    assert load_error(path) == f"{path}:1: missing key 'codes' (the list of codes)"


def test_duplicate_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: S
        codes:
          - name: A
            description: Eerste versie.
            description: Tweede versie.
        """,
    )
    assert load_error(path) == f"{path}:5: duplicate key 'description'"


def test_code_that_is_a_plain_string(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n    children:\n      - B\n")
    assert load_error(path) == (
        f"{path}:4: each entry of 'children' of code 'A' must be a code "
        "(a mapping with 'name'), not the text 'B'"
    )


def test_keywords_must_be_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n    keywords: geld\n")
    assert load_error(path) == (
        f"{path}:4: 'keywords' of code 'A' must be a list of words, e.g. [budget, geld]"
    )


def test_text_field_that_is_a_mapping(tmp_path: Path) -> None:
    path = write(
        tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n    description:\n      nl: x\n"
    )
    assert load_error(path) == f"{path}:4: 'description' of code 'A' must be text, not a mapping"


def test_plain_yaml_scalars_stay_text(tmp_path: Path) -> None:
    """YAML 1.1 would read these as a number, booleans and a date."""
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: 2025
        codes:
          - name: No
            shortcut: 1
            keywords: [yes, off, 3.5, 2024-01-01]
          - name: ~
            description: leeg
        """,
    )
    with pytest.raises(InputError):
        load_codebook(path)  # the ~ name is null: an empty name
    path.write_text(path.read_text(encoding="utf-8").replace("name: ~", "name: Ja"), "utf-8")
    codebook = load_codebook(path)
    assert codebook.name == "2025"
    assert codebook.codes[0] == CodeSpec(
        "No", shortcut="1", keywords=["yes", "off", "3.5", "2024-01-01"]
    )


def test_texts_are_stripped_and_empty_texts_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: S
        codes:
          - name: "  A  "
            description: |
              Regel een.
              Regel twee.

            example: ""
            keywords: [" geld ", ""]
        """,
    )
    code = load_codebook(path).codes[0]
    assert code == CodeSpec("A", description="Regel een.\nRegel twee.", keywords=["geld"])


def test_name_defaults_to_the_file_stem(tmp_path: Path) -> None:
    path = write(tmp_path, "mijn-codes.yml", "codes:\n  - name: A\n")
    assert load_codebook(path) == Codebook(name="mijn-codes", codes=[CodeSpec("A")])


def test_yaml_merge_keys_work(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: S
        codes:
          - &base {name: A, status: candidate}
          - <<: *base
            name: B
        """,
    )
    assert [code.status for code in load_codebook(path).codes] == ["candidate", "candidate"]


def test_cp1252_and_utf16_files_load(tmp_path: Path) -> None:
    text = "name: Coderingen\ncodes:\n  - name: Efficiëntie\n    description: café\n"
    for encoding in ("cp1252", "utf-16", "utf-8-sig"):
        path = tmp_path / f"codes-{encoding}.yaml"
        path.write_text(text, encoding=encoding)
        assert load_codebook(path).codes[0] == CodeSpec("Efficiëntie", description="café")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "codes.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    assert load_error(path) == f"{path}: not a text file (binary content)"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.txt", "name: S\n")
    message = "unsupported codebook format '.txt' (use .yaml, .yml, .json, .csv)"
    assert load_error(path) == f"{path}: {message}"
    with pytest.raises(InputError) as info:
        save_codebook(Codebook(name="S"), path)
    assert str(info.value) == f"{path}: {message}"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nergens.yaml"
    assert load_error(path) == f"{path}: cannot read file: No such file or directory"


def test_save_refuses_an_invalid_codebook_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n")
    before = path.read_bytes()
    invalid = Codebook(name="S", codes=[CodeSpec("A"), CodeSpec("a")])
    with pytest.raises(InputError) as info:
        save_codebook(invalid, path)
    assert str(info.value) == f"{path}: duplicate code name 'a' at top level"
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["codes.yaml"]  # no temporary file left


def test_save_into_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "nergens" / "codes.yaml"
    with pytest.raises(InputError) as info:
        save_codebook(Codebook(name="S"), path)
    assert str(info.value) == f"{path}: cannot write file: No such file or directory"


# --- JSON --------------------------------------------------------------------------------------


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "codes.json", '{\n  "name": "S",\n  "codes": [\n    {"name": "A",}\n  ]\n}\n'
    )
    assert load_error(path) == (
        f"{path}:4: invalid JSON: Expecting property name enclosed in double quotes"
    )


def test_json_duplicate_key_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.json",
        '{\n  "name": "S",\n  "codes": [\n    {"name": "A",\n     "name": "B"}\n  ]\n}\n',
    )
    assert load_error(path) == f"{path}:5: duplicate key 'name'"


def _json_codebook(tmp_path: Path, budget: dict[str, object]) -> Path:
    data = {
        "name": "Studie",
        "codes": [
            {"name": "Knelpunten", "children": [{"name": "Tijd"}, {"name": "Budget", **budget}]}
        ],
    }
    path = tmp_path / "codes.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_json_validation_errors_name_the_code_line(tmp_path: Path) -> None:
    path = _json_codebook(tmp_path, {"colour": "rood"})
    line = _line_of(path, '"name": "Budget"')
    assert load_error(path) == (
        f"{path}:{line}: invalid colour 'rood' for code 'Knelpunten > Budget' (expected #rrggbb)"
    )


def test_json_unknown_field_names_its_line(tmp_path: Path) -> None:
    path = _json_codebook(tmp_path, {"colur": "#ff0000"})
    line = _line_of(path, '"colur"')
    assert load_error(path).startswith(f"{path}:{line}: unknown field 'colur' (allowed: name,")


def test_json_number_where_text_belongs(tmp_path: Path) -> None:
    path = _json_codebook(tmp_path, {"shortcut": 1})
    line = _line_of(path, '"shortcut"')
    assert load_error(path) == (
        f"{path}:{line}: 'shortcut' of code 'Knelpunten > Budget' must be text, not the number 1"
    )


def test_json_with_tabs_keeps_its_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path, "codes.json", '{"name": "S",\n"codes": [{"name":\t"A", "status": "x"}]}\n'
    )
    assert load_error(path) == (
        f"{path}:2: invalid status 'x' for code 'A' (allowed: candidate, reviewed, defined)"
    )


def test_json_that_yaml_cannot_read_still_loads_without_lines(tmp_path: Path) -> None:
    # PyYAML refuses keys longer than 1024 characters; then messages simply carry no line.
    long_key = "k" * 1100
    path = write(
        tmp_path, "codes.json", f'{{"name": "S",\n"codes": [{{"name": "A", "{long_key}": 1}}]}}'
    )
    assert load_error(path).startswith(f"{path}: unknown field 'kkkk")


def test_yaml_control_character_names_its_line(tmp_path: Path) -> None:
    text = "name: S\ncodes:\n  - name: A\n    description: " + "x" * 300 + "\n  - name: B\x07\n"
    path = write(tmp_path, "codes.yaml", text)
    assert load_error(path) == f"{path}:5: invalid YAML: unacceptable character #x0007"


def test_yaml_key_that_is_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n    [1]: x\n")
    assert load_error(path) == f"{path}:4: keys must be text"


def test_yaml_alias_bomb_fails_fast(tmp_path: Path) -> None:
    """Each level holds four aliases of the one below: 4**25 codes described in 50 lines."""
    lines = ["name: S", "codes:", "  - name: L0", "    children: &c0 [{name: A}, {name: B}]"]
    for level in range(1, 25):
        lines.append(f"  - name: L{level}\n    children: &c{level}")
        lines.extend(f"      - {{name: N{n}, children: *c{level - 1}}}" for n in range(4))
    path = write(tmp_path, "codes.yaml", "\n".join(lines) + "\n")
    assert load_error(path).startswith(f"{path}:")
    assert load_error(path).endswith(": more than 100000 codes")


def test_absurdly_deep_nesting(tmp_path: Path) -> None:
    text = "name: S\ncodes:\n" + "".join(
        f"{'  ' * depth}  - name: N{depth}\n{'  ' * depth}    children:\n" for depth in range(1500)
    )
    path = write(tmp_path, "codes.yaml", text)
    assert load_error(path) == f"{path}: codes are nested too deeply"
