"""Every rule a codebook obeys, with the exact one-line message naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_codebook import load_error, write

from codebench.codebook.formats import load_codebook
from codebench.codebook.model import Codebook, CodeSpec
from codebench.codebook.validate import validate
from codebench.errors import InputError

GUID_A = "564d0ed6-efae-4045-9d7f-066590ff32fd"
GUID_B = "0d8a7d89-f80e-40a0-9d49-42825d410999"


def _yaml_with(tmp_path: Path, budget_fields: str, extra_code: str = "") -> Path:
    """A small codebook whose code 'Budget' (line 6) gets ``budget_fields``."""
    fields = "".join(f"        {line}\n" for line in budget_fields.splitlines())
    text = (
        "name: Studie\n"  # 1
        "codes:\n"  # 2
        "  - name: Knelpunten\n"  # 3
        "    children:\n"  # 4
        "      - name: Tijd\n"  # 5
        "      - name: Budget\n"  # 6
        f"{fields}"
        f"{extra_code}"
    )
    return write(tmp_path, "codes.yaml", text)


def test_a_valid_codebook_loads(tmp_path: Path) -> None:
    path = _yaml_with(tmp_path, f'colour: "#AABBCC"\nshortcut: b\nstatus: reviewed\nguid: {GUID_A}')
    budget = load_codebook(path).codes[0].children[1]
    assert (budget.colour, budget.shortcut, budget.status, budget.guid) == (
        "#AABBCC",
        "b",
        "reviewed",
        GUID_A,
    )


def test_empty_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: Studie
        codes:
          - name: Knelpunten
            children:
              - name: "   "
        """,
    )
    assert load_error(path) == f"{path}:5: empty code name under 'Knelpunten'"


def test_missing_name_is_an_empty_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: Studie
        codes:
          - name: A
          - description: Vergeten naam te geven.
        """,
    )
    assert load_error(path) == f"{path}:4: empty code name at top level"


def test_duplicate_name_under_one_parent_ignores_case(tmp_path: Path) -> None:
    extra = "      - name: budget\n"  # line 7
    path = _yaml_with(tmp_path, "", extra)
    assert load_error(path) == f"{path}:7: duplicate code name 'budget' under 'Knelpunten'"


def test_duplicate_name_at_top_level(tmp_path: Path) -> None:
    path = write(tmp_path, "codes.yaml", "name: S\ncodes:\n  - name: A\n  - name: B\n  - name: A\n")
    assert load_error(path) == f"{path}:5: duplicate code name 'A' at top level"


def test_same_name_under_different_parents_is_fine(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: Studie
        codes:
          - name: Succesfactoren
            children: [{name: Budget}]
          - name: Knelpunten
            children: [{name: Budget}]
        """,
    )
    assert len(load_codebook(path).codes) == 2


def test_unknown_field_names_its_line_and_the_allowed_fields(tmp_path: Path) -> None:
    path = _yaml_with(tmp_path, 'description: Geld.\ncolur: "#ff0000"')
    assert load_error(path) == (
        f"{path}:8: unknown field 'colur' (allowed: name, name_en, description, inclusion, "
        "exclusion, example, colour, shortcut, keywords, status, guid, children)"
    )


@pytest.mark.parametrize("colour", ["red", "#fff", "#12345g", "#1234567", "ff0000"])
def test_bad_colour(tmp_path: Path, colour: str) -> None:
    path = _yaml_with(tmp_path, f'colour: "{colour}"')
    assert load_error(path) == (
        f"{path}:6: invalid colour '{colour}' for code 'Knelpunten > Budget' (expected #rrggbb)"
    )


def test_unquoted_colour_gets_the_fix(tmp_path: Path) -> None:
    path = _yaml_with(tmp_path, "colour: #ff0000")
    assert load_error(path) == (
        f'{path}:7: colour #ff0000 must be in quotes: colour: "#ff0000" '
        "(an unquoted # starts a comment)"
    )


def test_shortcut_collision_names_both_codes(tmp_path: Path) -> None:
    extra = "  - name: Succesfactoren\n    shortcut: b\n"  # line 8
    path = _yaml_with(tmp_path, "shortcut: b", extra)
    assert load_error(path) == (
        f"{path}:8: shortcut 'b' used by both 'Knelpunten > Budget' and 'Succesfactoren'"
    )


def test_shortcuts_are_case_sensitive(tmp_path: Path) -> None:
    extra = "  - name: Succesfactoren\n    shortcut: B\n"
    codebook = load_codebook(_yaml_with(tmp_path, "shortcut: b", extra))
    assert codebook.codes[1].shortcut == "B"


def test_duplicate_guid(tmp_path: Path) -> None:
    extra = f"  - name: Succesfactoren\n    guid: {GUID_A.upper()}\n"  # line 8
    path = _yaml_with(tmp_path, f"guid: {GUID_A}", extra)
    assert load_error(path) == (
        f"{path}:8: duplicate GUID {GUID_A.upper()} on 'Knelpunten > Budget' and 'Succesfactoren'"
    )


@pytest.mark.parametrize("guid", ["abc", "{" + GUID_A + "}", GUID_A.replace("-", ""), GUID_A[:-1]])
def test_guid_not_a_uuid(tmp_path: Path, guid: str) -> None:
    path = _yaml_with(tmp_path, f"guid: '{guid}'")
    assert load_error(path) == (
        f"{path}:6: invalid GUID '{guid}' for code 'Knelpunten > Budget' "
        "(expected a UUID such as 564d0ed6-efae-4045-9d7f-066590ff32fd)"
    )


def test_invalid_status(tmp_path: Path) -> None:
    path = _yaml_with(tmp_path, "status: done")
    assert load_error(path) == (
        f"{path}:6: invalid status 'done' for code 'Knelpunten > Budget' "
        "(allowed: candidate, reviewed, defined)"
    )


def test_first_problem_in_file_order_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codes.yaml",
        """
        name: Studie
        codes:
          - name: A
            status: klaar
            children:
              - name: B
                colour: rood
        """,
    )
    assert load_error(path).startswith(f"{path}:3: invalid status 'klaar'")


# validate() on codebooks built in code (the codebook editor): no lines, same rules.


def _check(codebook: Codebook) -> str:
    with pytest.raises(InputError) as info:
        validate(codebook, "codebook.yaml")
    return str(info.value)


def test_validate_without_lines() -> None:
    codebook = Codebook(
        name="x", codes=[CodeSpec("Knelpunten", children=[CodeSpec("Budget"), CodeSpec(" ")])]
    )
    assert _check(codebook) == "codebook.yaml: empty code name under 'Knelpunten'"


def test_validate_rejects_a_status_outside_the_type() -> None:
    code = CodeSpec("A")
    code.status = "done"  # type: ignore[assignment]  # what a careless caller could do
    assert _check(Codebook(name="x", codes=[code])) == (
        "codebook.yaml: invalid status 'done' for code 'A' (allowed: candidate, reviewed, defined)"
    )


def test_validate_rejects_a_name_with_a_line_break() -> None:
    assert _check(Codebook(name="x", codes=[CodeSpec("Twee\nregels")])) == (
        "codebook.yaml: code name 'Twee'... contains a line break"
    )


def test_validate_rejects_a_code_that_is_its_own_descendant() -> None:
    loop = CodeSpec("Lus")
    loop.children.append(loop)
    assert _check(Codebook(name="x", codes=[loop])) == (
        "codebook.yaml: code 'Lus > Lus' appears twice in the tree"
    )


def test_validate_accepts_the_bundled_style() -> None:
    validate(
        Codebook(
            name="x",
            codes=[
                CodeSpec("A", colour="#4c72b0", guid=GUID_A, status="defined", shortcut="a"),
                CodeSpec("B", colour="#4C72B0", guid=GUID_B, status=None, shortcut="A"),
            ],
        ),
        "codebook.yaml",
    )
