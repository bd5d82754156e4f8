"""Suggestions as use cases: a coder's own model, suggestions for uncoded sentences, accept
(an ordinary coding that undo takes back) and reject (never suggested again), the model file
beside the project, and the model as a coder for agreement."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from codebench.agreement.model import AgreementOptions
from codebench.errors import CodebenchError
from codebench.services.agreement import agree
from codebench.services.coding.by_name import Location, list_codings
from codebench.services.coding.history import undo
from codebench.services.project import Project, open_project
from codebench.services.suggestions.similar import similar_passages
from codebench.services.suggestions.store import current_model, model_file
from codebench.services.suggestions.suggesting import accept, decisions, reject, suggest
from codebench.services.viewer import Viewer
from codebench.storage import models
from helpers.suggestion_study import REPEATED, SMALL_TALK

ANNA = Viewer("anna")


def test_a_held_out_document_repeating_a_coded_passage_gets_its_code_first(study: Path) -> None:
    with open_project(study) as project:
        found = suggest(project, "interview_6", "anna", viewer=ANNA, min_confidence=0.0)
    first = next(s for s in found.items if s.text == REPEATED)
    assert first.code == "Budget"
    assert first.confidence > found.threshold
    assert {s.code for s in found.items} <= {"Budget", "Privacy"}


def test_a_coders_model_learns_from_their_codings_alone(study: Path) -> None:
    with open_project(study) as project:
        anna = current_model(project, "anna")
        ben = current_model(project, "ben")
        with project.reading() as session:
            names = {c.id: c.name for c in session.query(models.Code)}
        assert {names[c] for c in anna.model.codes} == {"Budget", "Privacy"}
        assert {names[c] for c in ben.model.codes} == {"Overig"}
        # ben coding more does not touch anna's model: it is not even trained again.
        from codebench.services.coding.by_name import apply_code

        apply_code(project, "interview_6", "Overig", "ben", Location(quote=SMALL_TALK[0]))
        assert current_model(project, "anna").retrained is False
        assert current_model(project, "ben").retrained is True


def test_a_blind_coder_cannot_ask_for_another_coders_suggestions(study: Path) -> None:
    with open_project(study) as project, pytest.raises(CodebenchError, match="blind"):
        suggest(project, "interview_6", "anna", viewer=Viewer("ben", blind=True))


def test_accepting_codes_the_sentence_and_undo_takes_it_back(study: Path) -> None:
    with open_project(study) as project:
        found = suggest(project, "interview_6", "anna", viewer=ANNA)
        chosen = next(s for s in found.items if s.text == REPEATED)
        coding = accept(project, chosen, "anna")
        assert (coding.code_name, coding.start, coding.end) == ("Budget", chosen.start, chosen.end)
        assert decisions(project, "anna") == decisions(project, "anna", chosen.document_id)
        assert decisions(project, "anna").accepted == 1
        again = suggest(project, "interview_6", "anna", viewer=ANNA)
        assert again.trained.retrained and all(s.start != chosen.start for s in again.items)
        assert "applied 'Budget' to interview_6" in undo(project, "anna").message
        assert decisions(project, "anna").accepted == 0
        codings = list_codings(project, "anna", None, "interview_6", viewer=ANNA)
        assert codings == []


def test_a_rejected_suggestion_is_never_made_again(study: Path) -> None:
    with open_project(study) as project:
        found = suggest(project, "interview_6", "anna", viewer=ANNA, top=2, min_confidence=0.0)
        chosen = next(s for s in found.items if s.text == REPEATED)
        reject(project, chosen, "anna")
        reject(project, chosen, "anna")  # twice is once
        again = suggest(project, "interview_6", "anna", viewer=ANNA, top=2, min_confidence=0.0)
        same = [(s.start, s.code_id) for s in again.items]
        assert (chosen.start, chosen.code_id) not in same
        assert any(s.start == chosen.start for s in again.items)  # the other code still
        assert decisions(project, "anna").rejected == 1


def test_the_model_is_kept_beside_the_project_owner_only_and_retrained_when_stale(
    study: Path,
) -> None:
    previous = os.umask(0o022)
    try:
        with open_project(study) as project:
            assert current_model(project, "anna").retrained is True
            path = model_file(project, "anna")
            assert path.parent == study.with_name(study.name + ".suggest")
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
            assert current_model(project, "anna").retrained is False
            path.write_bytes(b"damaged")
            assert current_model(project, "anna").retrained is True
    finally:
        os.umask(previous)


def test_a_postgresql_projects_models_go_to_the_cache_folder(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = model_file(project, "anna").parent
    if project.file is None:
        assert folder.is_relative_to(tmp_path / "cache" / "codebench" / "suggest")
        assert "@" not in folder.name
    else:
        assert folder == project.file.with_name(project.file.name + ".suggest")


def test_the_model_is_a_coder_for_agreement(study: Path) -> None:
    with open_project(study) as project:
        options = AgreementOptions(("anna", "model:anna"), bootstrap=0)
        result = agree(project, options, viewer=Viewer.everyone())
    codes = {row.code.rsplit(" > ", 1)[-1]: row for row in result.codes}
    assert set(codes) == {"Budget", "Privacy"}
    assert result.pooled.units > 0


def test_similar_passages_are_found_in_other_documents(study: Path) -> None:
    with open_project(study) as project:
        found = similar_passages(project, "interview_6", Location(quote=REPEATED), 3)
    assert found[0].text == REPEATED and found[0].document == "interview_1"
    assert found[0].similarity > found[1].similarity + 0.1
