"""The workbench services the TUI calls: coding by id, memos, exemplars, new codes, undo and
redo from the event log (surviving a restart), and blind mode enforced below the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebench.errors import CodebenchError
from codebench.services.codebook.details import code_details
from codebench.services.codebook.edits import add_code
from codebench.services.codebook.tree import codebook_tree
from codebench.services.coding.actions import (
    apply_code_to_span,
    create_code_and_apply,
    remove_coding,
    set_coding_memo,
    set_exemplar,
)
from codebench.services.coding.history import redo, undo
from codebench.services.coding.views import document_codings, document_progress, passages
from codebench.services.memos import get_memo, set_memo
from codebench.services.project import Project, open_project
from codebench.services.viewer import Viewer
from helpers.one_interview import one_interview, span

EVERYONE = Viewer.everyone()


@pytest.fixture
def setup(project: Project, tmp_path: Path) -> tuple[Project, int, int]:
    return one_interview(project, tmp_path)


def test_apply_memo_exemplar_remove(setup: tuple[Project, int, int]) -> None:
    project, doc, code = setup
    coding = apply_code_to_span(project, doc, code, "anna", *span("Iedereen wilde het."))
    assert (coding.code_path, coding.colour, coding.coder) == ("Druk", "#aa3355", "anna")
    set_coding_memo(project, coding.id, "anna", "sterk citaat")
    set_exemplar(project, coding.id, "anna", True)
    [stored] = document_codings(project, doc, Viewer("anna"))
    assert (stored.memo, stored.exemplar) == ("sterk citaat", True)
    with pytest.raises(CodebenchError, match="another coder's"):
        remove_coding(project, coding.id, "ben")
    [progress] = document_progress(project, Viewer("anna"))
    assert (progress.sentences, progress.coded_sentences, progress.codings) == (
        4,
        {"anna": 1},
        {"anna": 1},
    )
    remove_coding(project, coding.id, "anna")
    assert document_codings(project, doc, Viewer("anna")) == []
    with pytest.raises(CodebenchError, match="already has that code"):
        apply_code_to_span(project, doc, code, "anna", *span("De wethouder duwde."))
        apply_code_to_span(project, doc, code, "anna", *span("De wethouder duwde."))


def test_new_code_from_selection_is_applied_at_once(setup: tuple[Project, int, int]) -> None:
    project, doc, _ = setup
    coding = create_code_and_apply(
        project, "Geldgebrek", None, doc, "anna", *span("Er was geen geld.")
    )
    details = code_details(project, coding.code_id, viewer=EVERYONE)
    assert (details.path, details.status) == ("Geldgebrek", "candidate")
    with pytest.raises(CodebenchError, match="already exists"):
        create_code_and_apply(project, "geldgebrek", None, doc, "anna", 0, 5)


def test_memos_on_document_and_code(setup: tuple[Project, int, int]) -> None:
    project, doc, code = setup
    set_memo(project, "document", doc, "Eerste indruk: veel druk van bovenaf.", "anna")
    set_memo(project, "code", code, "Let op overlap met leiderschap.", "anna")
    assert (
        get_memo(project, "document", doc, viewer=EVERYONE)
        == "Eerste indruk: veel druk van bovenaf."
    )
    assert code_details(project, code, viewer=EVERYONE).memo == "Let op overlap met leiderschap."
    set_memo(project, "document", doc, "", "anna")
    assert get_memo(project, "document", doc, viewer=EVERYONE) == ""


def test_undo_and_redo_survive_a_restart(setup: tuple[Project, int, int]) -> None:
    project, doc, code = setup
    apply_code_to_span(project, doc, code, "anna", *span("Iedereen wilde het."))
    location = project.location
    project.close()

    with open_project(location) as reopened:
        step = undo(reopened, "anna")
        assert step.description == "removed 'Druk' from doc sentence 2"
        assert step.message == "Undid: applied 'Druk' to doc sentence 2"
        assert document_codings(reopened, doc, Viewer("anna")) == []
    with open_project(location) as again:
        redo(again, "anna")
        [back] = document_codings(again, doc, Viewer("anna"))
        assert again.engine and (back.start, back.end) == span("Iedereen wilde het.")
        undo(again, "anna")
        with pytest.raises(CodebenchError, match="nothing to undo"):
            undo(again, "anna")
        redo(again, "anna")
        with pytest.raises(CodebenchError, match="nothing to redo"):
            redo(again, "anna")


def test_a_new_action_clears_redo_and_undo_reverses_memos(
    setup: tuple[Project, int, int],
) -> None:
    project, doc, code = setup
    coding = apply_code_to_span(project, doc, code, "anna", *span("Iedereen wilde het."))
    set_coding_memo(project, coding.id, "anna", "eerste")
    undo(project, "anna")
    [stored] = document_codings(project, doc, Viewer("anna"))
    assert stored.memo is None
    apply_code_to_span(project, doc, code, "anna", *span("Er was geen geld."))
    with pytest.raises(CodebenchError, match="nothing to redo"):
        redo(project, "anna")
    # Another coder's undo never touches anna's work.
    with pytest.raises(CodebenchError, match="nothing to undo"):
        undo(project, "ben")


def test_blind_mode_hides_other_coders_everywhere(setup: tuple[Project, int, int]) -> None:
    project, doc, code = setup
    apply_code_to_span(project, doc, code, "anna", *span("Iedereen wilde het."))
    apply_code_to_span(project, doc, code, "ben", *span("De wethouder duwde."))

    blind = Viewer("ben", blind=True)
    assert [c.coder for c in document_codings(project, doc, blind)] == ["ben"]
    assert [p.coding.coder for p in passages(project, code, blind)] == ["ben"]
    assert set(document_progress(project, blind)[0].codings) == {"ben"}
    open_view = Viewer("ben")
    assert [c.coder for c in document_codings(project, doc, open_view)] == ["anna", "ben"]
    [first, _] = passages(project, code, open_view)
    assert (first.speaker, first.text) == ("Respondent 1", "Iedereen wilde het.")
    assert first.after.startswith(" De wethouder")


def test_progress_counts_each_coded_sentence_once(setup: tuple[Project, int, int]) -> None:
    project, doc, code = setup
    start, end = span("Iedereen wilde het.")
    apply_code_to_span(project, doc, code, "anna", start, start + 8)
    apply_code_to_span(project, doc, code, "anna", start + 9, end)
    apply_code_to_span(project, doc, code, "anna", *span("De wethouder duwde. Er was geen geld."))
    [row] = document_progress(project, Viewer("anna"), doc)
    assert (row.coded_sentences, row.codings) == ({"anna": 3}, {"anna": 3})


def test_undo_and_redo_say_which_change_they_took_back_and_where(
    setup: tuple[Project, int, int],
) -> None:
    project, doc, code = setup
    coding = apply_code_to_span(project, doc, code, "anna", *span("De wethouder duwde. Er was"))
    set_exemplar(project, coding.id, "anna", True)
    set_coding_memo(project, coding.id, "anna", "sterk")

    said = [undo(project, "anna").message for _ in range(2)]
    assert said == [
        "Undid: wrote the memo on 'Druk' in doc sentences 3-4",
        "Undid: starred 'Druk' in doc sentences 3-4 as exemplar",
    ]
    assert redo(project, "anna").message == "Redid: starred 'Druk' in doc sentences 3-4 as exemplar"
    step = undo(project, "anna")
    assert step.description == "took the exemplar star off 'Druk' in doc sentences 3-4"
    step = undo(project, "anna")
    assert step.message == "Undid: applied 'Druk' to doc sentences 3-4"
    step = redo(project, "anna")
    assert (step.message, step.description) == (
        "Redid: applied 'Druk' to doc sentences 3-4",
        "applied 'Druk' to doc sentences 3-4",
    )
    [stored] = document_codings(project, doc, Viewer("anna"))
    remove_coding(project, stored.id, "anna")
    assert undo(project, "anna").message == "Undid: removed 'Druk' from doc sentences 3-4"


def test_a_group_retrieves_and_counts_its_sub_codes(setup: tuple[Project, int, int]) -> None:
    project, doc, druk = setup
    group = add_code(project, "Aanleiding")
    sub = add_code(project, "Aanleiding > Politiek")
    deeper = add_code(project, "Aanleiding > Politiek > Wethouder")
    apply_code_to_span(project, doc, sub, "anna", *span("Iedereen wilde het."))
    apply_code_to_span(project, doc, deeper, "ben", *span("De wethouder duwde."))
    apply_code_to_span(project, doc, group, "anna", *span("Er was geen geld."))
    apply_code_to_span(project, doc, druk, "anna", *span("Er was geen geld."))

    for viewer in (EVERYONE, Viewer("anna", blind=True), Viewer("ben", blind=True)):
        found = passages(project, group, viewer)
        tree = {n.id: n for n in codebook_tree(project, viewer=viewer)}
        assert len(found) == tree[group].total
        assert len(passages(project, sub, viewer)) == tree[sub].total
    everything = passages(project, group, EVERYONE)
    assert [p.coding.code_path for p in everything] == [
        "Aanleiding > Politiek",
        "Aanleiding > Politiek > Wethouder",
        "Aanleiding",
    ]
    assert [p.coding.coder for p in passages(project, group, Viewer("ben", blind=True))] == ["ben"]
    assert [p.text for p in passages(project, group, EVERYONE, subcodes=False)] == [
        "Er was geen geld."
    ]
