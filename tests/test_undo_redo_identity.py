"""Undo and redo in any order give back exactly what the coder saw: a coding taken away and put
back is the same coding (its id, so its lane, its star, its memo and the later changes recorded
against it), also when another coder's new coding took its old id meanwhile, and an accepted
suggestion put back still counts as accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebench.errors import CodebenchError
from codebench.services.coding.actions import (
    apply_code_to_span,
    remove_coding,
    set_coding_memo,
    set_exemplar,
)
from codebench.services.coding.history import redo, undo
from codebench.services.coding.views import CodingView, document_codings
from codebench.services.project import Project
from codebench.services.suggestions.suggesting import Suggestion, accept, decisions
from codebench.services.viewer import Viewer
from helpers.one_interview import one_interview, span

EVERYONE = Viewer.everyone()


@pytest.fixture
def setup(project: Project, tmp_path: Path) -> tuple[Project, int, int]:
    return one_interview(project, tmp_path)


def seen(project: Project, doc: int) -> list[tuple[object, ...]]:
    """What the workbench shows of the document's codings: who, where, star, memo (and the
    id, which decides a coding's lane and which tint is on top)."""
    return sorted(
        (c.id, c.coder, c.start, c.end, c.exemplar, c.memo)
        for c in document_codings(project, doc, EVERYONE)
    )


def starred_with_memo(project: Project, doc: int, code: int) -> CodingView:
    coding = apply_code_to_span(project, doc, code, "anna", *span("Iedereen wilde het."))
    set_exemplar(project, coding.id, "anna", True)
    set_coding_memo(project, coding.id, "anna", "sterk citaat")
    return coding


@pytest.mark.parametrize(
    "keys",
    ["uuurrr", "uuurrruuu", "uurrurur", "uuurruurr", "urururur", "uuruurrr"],
)
def test_any_order_of_undo_and_redo_restores_what_the_coder_saw(
    setup: tuple[Project, int, int], keys: str
) -> None:
    project, doc, code = setup
    coding = starred_with_memo(project, doc, code)
    states = [  # before, and after each of the three changes
        [],
        [(coding.id, "anna", *span("Iedereen wilde het."), False, None)],
        [(coding.id, "anna", *span("Iedereen wilde het."), True, None)],
        [(coding.id, "anna", *span("Iedereen wilde het."), True, "sterk citaat")],
    ]
    assert seen(project, doc) == states[3]
    at = 3
    for pressed, key in enumerate(keys, 1):
        if key == "u":
            undo(project, "anna")
            at -= 1
        else:
            redo(project, "anna")
            at += 1
        assert seen(project, doc) == states[at], f"after {keys[:pressed]}"


def test_undo_after_uncoding_a_starred_coding_puts_it_back_and_then_takes_the_star_off(
    setup: tuple[Project, int, int],
) -> None:
    project, doc, code = setup
    coding = starred_with_memo(project, doc, code)
    # ben's newer coding keeps SQLite from handing the removed coding's id back by chance
    bens = apply_code_to_span(project, doc, code, "ben", *span("Er was geen geld."))
    remove_coding(project, coding.id, "anna")
    assert "removed 'Druk'" in undo(project, "anna").message
    ben = (bens.id, "ben", *span("Er was geen geld."), False, None)
    assert seen(project, doc) == [
        (coding.id, "anna", *span("Iedereen wilde het."), True, "sterk citaat"),
        ben,
    ]
    assert "wrote the memo" in undo(project, "anna").message
    assert "starred 'Druk'" in undo(project, "anna").message
    assert seen(project, doc) == [
        (coding.id, "anna", *span("Iedereen wilde het."), False, None),
        ben,
    ]


def test_redo_follows_the_coding_when_another_coder_took_its_old_id(
    setup: tuple[Project, int, int],
) -> None:
    """SQLite hands a deleted row's id to the next new row: ben's coding may take the id of
    anna's coding that her undo took away. Her redo puts hers back under a new id, and her
    later redos change hers, never ben's."""
    project, doc, code = setup
    starred_with_memo(project, doc, code)
    for _ in range(3):
        undo(project, "anna")
    bens = apply_code_to_span(project, doc, code, "ben", *span("De wethouder duwde."))
    for _ in range(3):
        redo(project, "anna")
    shown = {c.coder: c for c in document_codings(project, doc, EVERYONE)}
    assert (shown["anna"].exemplar, shown["anna"].memo) == (True, "sterk citaat")
    assert (shown["ben"].id, shown["ben"].exemplar, shown["ben"].memo) == (bens.id, False, None)
    for _ in range(3):
        undo(project, "anna")
    assert [c.coder for c in document_codings(project, doc, EVERYONE)] == ["ben"]
    with pytest.raises(CodebenchError, match="nothing to undo"):
        undo(project, "anna")


def suggestion(doc: int, code: int, sentence: str) -> Suggestion:
    start, end = span(sentence)
    return Suggestion(doc, "doc", 2, start, end, sentence, code, "Druk", 0.8)


def test_an_accepted_suggestion_undone_and_redone_counts_as_accepted_again(
    setup: tuple[Project, int, int],
) -> None:
    project, doc, code = setup
    accepted = accept(project, suggestion(doc, code, "Iedereen wilde het."), "anna")
    assert decisions(project, "anna", doc).accepted == 1
    undo(project, "anna")
    assert decisions(project, "anna", doc).accepted == 0
    redo(project, "anna")
    assert decisions(project, "anna", doc).accepted == 1
    [back] = document_codings(project, doc, EVERYONE)
    remove_coding(project, back.id, "anna")
    assert decisions(project, "anna", doc).accepted == 0
    undo(project, "anna")  # the removal: the accepted coding is back
    assert decisions(project, "anna", doc).accepted == 1
    assert [c.id for c in document_codings(project, doc, EVERYONE)] == [accepted.id]


def test_a_coding_made_by_hand_never_counts_as_an_undone_acceptance(
    setup: tuple[Project, int, int],
) -> None:
    """SQLite gives the hand-made coding the id of the acceptance the undo took away."""
    project, doc, code = setup
    accept(project, suggestion(doc, code, "Iedereen wilde het."), "anna")
    undo(project, "anna")
    apply_code_to_span(project, doc, code, "anna", *span("Er was geen geld."))
    assert decisions(project, "anna", doc).accepted == 0
