"""CSV codebooks: both column forms, parents in any order, cycles, unknown columns and parents."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_codebook import load_error, write

from codebench.codebook.formats import load_codebook, save_codebook
from codebench.codebook.model import Codebook, CodeSpec
from codebench.errors import InputError


def test_path_form(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "studie.csv",
        """
        path,description,keywords,colour
        Knelpunten,Wat tegenzat.,,#c3312e
        Knelpunten > Budget,Geld en tijd.,budget; geld ;,
        Knelpunten > Budget > Licenties,,,
        Succesfactoren,,,
        """,
    )
    assert load_codebook(path) == Codebook(
        name="studie",
        codes=[
            CodeSpec(
                "Knelpunten",
                description="Wat tegenzat.",
                colour="#c3312e",
                children=[
                    CodeSpec(
                        "Budget",
                        description="Geld en tijd.",
                        keywords=["budget", "geld"],
                        children=[CodeSpec("Licenties")],
                    )
                ],
            ),
            CodeSpec("Succesfactoren"),
        ],
    )


def test_name_and_parent_form_with_parent_after_child(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "studie.csv",
        """
        Name,Parent,Status
        Licenties,Knelpunten > Budget,
        Budget,Knelpunten,reviewed
        Tijd,Knelpunten,
        Knelpunten,,defined
        """,
    )
    codebook = load_codebook(path)
    assert codebook.codes == [
        CodeSpec(
            "Knelpunten",
            status="defined",
            children=[
                CodeSpec("Budget", status="reviewed", children=[CodeSpec("Licenties")]),
                CodeSpec("Tijd"),
            ],
        )
    ]


def test_parent_by_name_alone_finds_a_unique_nested_code(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "studie.csv",
        "name,parent\nKnelpunten,\nBudget,Knelpunten\nLicenties,budget\n",
    )
    codebook = load_codebook(path)
    assert codebook.codes[0].children[0].children == [CodeSpec("Licenties")]


def test_parent_by_name_prefers_the_top_level_code(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "studie.csv",
        "name,parent\nA,\nX,A\nA,X\nB,A\n",
    )
    codebook = load_codebook(path)
    assert [code.name for code in codebook.codes[0].children] == ["X", "B"]


def test_ambiguous_parent(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "studie.csv",
        "name,parent\nA,\nB,\nBudget,A\nBudget,B\nLicenties,Budget\n",
    )
    assert load_error(path) == (
        f"{path}:6: ambiguous parent 'Budget': write its path ('A > Budget' or 'B > Budget')"
    )


def test_cycle_names_the_codes(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name,parent\nTop,\nA,B\nB,A\n")
    assert load_error(path) == f"{path}:3: parent references form a cycle: 'A' -> 'B' -> 'A'"


def test_longer_cycle_starts_at_its_first_row(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name,parent\nC,B\nA,C\nB,A\n")
    assert load_error(path) == (
        f"{path}:2: parent references form a cycle: 'C' -> 'B' -> 'A' -> 'C'"
    )


def test_code_that_is_its_own_parent(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name,parent\nA,A\n")
    assert load_error(path) == f"{path}:2: parent references form a cycle: 'A' -> 'A'"


def test_unknown_column(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "path,colur\nA,#ff0000\n")
    assert load_error(path) == (
        f"{path}:1: unknown column 'colur' (allowed: path, name, parent, name_en, description, "
        "inclusion, exclusion, example, colour, shortcut, keywords, status, guid)"
    )


def test_children_is_not_a_column(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name,children\nA,B\n")
    assert load_error(path).startswith(f"{path}:1: unknown column 'children' (allowed:")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("path,name", "use either a 'path' column or 'name' and 'parent' columns, not both"),
        ("path,parent", "use either a 'path' column or 'name' and 'parent' columns, not both"),
        ("description,colour", "missing column 'path' (or 'name' and 'parent')"),
        ("name,Name", "column 'name' appears twice"),
    ],
)
def test_bad_headers(tmp_path: Path, header: str, message: str) -> None:
    path = write(tmp_path, "studie.csv", f"{header}\nA,B\n")
    assert load_error(path) == f"{path}:1: {message}"


def test_unknown_parent_in_the_path_form(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "path\nKnelpunten\nKnelpunten > Budget > Licenties\n")
    assert load_error(path) == f"{path}:3: unknown parent 'Knelpunten > Budget'"


def test_unknown_parent_by_name(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name,parent\nBudget,Knelpunten\n")
    assert load_error(path) == f"{path}:2: unknown parent 'Knelpunten'"


def test_empty_names(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name,parent,description\nA,,x\n ,A,y\n")
    assert load_error(path) == f"{path}:3: empty code name under 'A'"
    path = write(tmp_path, "studie.csv", "path\nA\nA >  > B\n")
    assert load_error(path) == f"{path}:3: empty code name in path 'A >  > B'"


def test_duplicate_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "path\nA\nA > B\nA > b\n")
    assert load_error(path) == f"{path}:4: duplicate code name 'b' under 'A'"
    path = write(tmp_path, "studie.csv", "name,parent\nA,\nB,A\nA,\n")
    assert load_error(path) == f"{path}:4: duplicate code name 'A' at top level"


def test_validation_errors_name_the_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "studie.csv",
        """
        path,shortcut,colour
        A,a,
        A > B,,
        "A > C
        ",,
        D,a,
        """,
    )
    # A quoted cell may span lines; rows are numbered by the line they start on.
    assert load_error(path) == f"{path}:6: shortcut 'a' used by both 'A' and 'D'"


def test_too_many_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "path,description\nA,x,,\nB,x,y\n")
    assert load_error(path) == f"{path}:3: row has 3 cells but the header has 2"


def test_short_rows_and_blank_lines_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "path,description,colour\n\nA\n,,\nB,uitleg\n")
    assert load_codebook(path).codes == [CodeSpec("A"), CodeSpec("B", description="uitleg")]


def test_excel_semicolon_csv_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "studie.csv"
    text = 'Path;Description;Keywords\r\nEfficiëntie;"Sneller; goedkoper";geld\r\n'
    path.write_bytes(text.encode("cp1252"))
    assert load_codebook(path).codes == [
        CodeSpec("Efficiëntie", description="Sneller; goedkoper", keywords=["geld"]),
    ]


def test_excel_semicolon_csv_keywords_quoted(tmp_path: Path) -> None:
    path = tmp_path / "studie.csv"
    text = 'Path;Keywords\r\nEfficiëntie;"geld; tijd"\r\n'
    path.write_bytes(text.encode("cp1252"))
    assert load_codebook(path).codes == [CodeSpec("Efficiëntie", keywords=["geld", "tijd"])]


def test_tab_separated(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "name\tparent\nA\t\nB\tA\n")
    assert load_codebook(path).codes == [CodeSpec("A", children=[CodeSpec("B")])]


def test_only_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "studie.csv", "path,description\n")
    assert load_codebook(path) == Codebook(name="studie")


def test_multiline_text_round_trips(tmp_path: Path) -> None:
    codebook = Codebook(
        name="studie",
        codes=[CodeSpec("A", description='Regel "een",\nregel twee; klaar.', example="x")],
    )
    path = tmp_path / "studie.csv"
    save_codebook(codebook, path)
    assert load_codebook(path) == codebook


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            CodeSpec("Kosten > baten"),
            "code name 'Kosten > baten' contains '>', the CSV path separator",
        ),
        (
            CodeSpec("A", keywords=["geld;tijd"]),
            "a keyword of code 'A' contains ';', the CSV keyword separator",
        ),
    ],
)
def test_save_refuses_what_a_csv_cannot_hold(tmp_path: Path, code: CodeSpec, message: str) -> None:
    path = tmp_path / "studie.csv"
    with pytest.raises(InputError) as info:
        save_codebook(Codebook(name="studie", codes=[code]), path)
    assert str(info.value) == f"{path}: {message}"
    assert not path.exists()
