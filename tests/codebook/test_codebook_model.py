"""The codebook tree: walking it with paths and positions, counting it."""

from __future__ import annotations

from codebench.codebook.model import (
    FIELDS,
    Codebook,
    CodeSpec,
    count,
    format_path,
    iter_codes,
    walk,
)


def _tree() -> Codebook:
    return Codebook(
        name="Studie",
        codes=[
            CodeSpec("Knelpunten", children=[CodeSpec("Budget"), CodeSpec("Tijd")]),
            CodeSpec("Succesfactoren", children=[CodeSpec("Samenwerking")]),
        ],
    )


def test_iter_codes_yields_paths_depth_first_in_file_order() -> None:
    paths = [path for path, _ in iter_codes(_tree())]
    assert paths == [
        ("Knelpunten",),
        ("Knelpunten", "Budget"),
        ("Knelpunten", "Tijd"),
        ("Succesfactoren",),
        ("Succesfactoren", "Samenwerking"),
    ]


def test_walk_gives_positions_that_stay_unique_with_duplicate_names() -> None:
    codebook = Codebook(name="x", codes=[CodeSpec("A"), CodeSpec("A", children=[CodeSpec("B")])])
    entries = list(walk(codebook.codes))
    assert [entry.position for entry in entries] == [(0,), (1,), (1, 0)]
    assert [entry.path for entry in entries] == [("A",), ("A",), ("A", "B")]
    assert entries[2].code.name == "B"


def test_count_includes_groups() -> None:
    assert count(_tree()) == 5
    assert count(Codebook(name="empty")) == 0


def test_walk_survives_a_very_deep_tree() -> None:
    root = CodeSpec("level 0")
    node = root
    for depth in range(1, 5000):
        child = CodeSpec(f"level {depth}")
        node.children.append(child)
        node = child
    assert count(Codebook(name="deep", codes=[root])) == 5000


def test_format_path_and_fields() -> None:
    assert format_path(("Knelpunten", "Budget")) == "Knelpunten > Budget"
    assert FIELDS[0] == "name" and FIELDS[-1] == "children"
    assert set(FIELDS) == {
        "name",
        "name_en",
        "description",
        "inclusion",
        "exclusion",
        "example",
        "colour",
        "shortcut",
        "keywords",
        "status",
        "guid",
        "children",
    }
