"""Pseudonymising a project: the text replaced, codings on the same words, the names gone
from every corner of the project file and its exports, the key kept apart, and the history
still undoable."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from codebench.cli import cli
from codebench.errors import CodebenchError
from codebench.services.coding.history import redo, undo
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.documents.overview import list_documents, project_summary
from codebench.services.documents.removal import remove_document
from codebench.services.pseudonymisation import (
    apply_plan,
    plan_pseudonymisation,
    pseudonymise_documents,
)
from codebench.services.viewer import Viewer
from codebench.storage import models

from .conftest import ATTRIBUTE_NAMES, CODER, MEMO, Study, document_texts
from .samples import sample

SURROGATE = re.compile(r"\[[A-Z]+-\d+\]")


def _codings(study: Study) -> dict[int, tuple[int, int, int]]:
    """Every coding's document id, start and end, by coding id."""
    with study.project.reading() as session:
        rows = session.execute(
            select(
                models.Coding.id, models.Coding.document_id, models.Coding.start, models.Coding.end
            )
        ).all()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _texts(study: Study) -> dict[int, str]:
    """Every document's text by id (names change: a name in a document name is replaced)."""
    with study.project.reading() as session:
        return dict(session.execute(select(models.Document.id, models.Document.text)).all())


def _key_forms(study: Study) -> list[str]:
    key = json.loads((_key_file(study)).read_text(encoding="utf-8"))
    return [form for entity in key["entities"] for form in entity["forms"]]


def _key_file(study: Study) -> Path:
    return study.location.with_name("study.codebench-key") / "pseudonymisation-key.json"


def _leaks(data: bytes, forms: list[str]) -> list[str]:
    """The forms found in ``data`` (forms of five characters or more: shorter ones, like a
    first name, also occur inside ordinary words)."""
    lowered = data.lower()
    return [f for f in forms if len(f) >= 5 and f.lower().encode("utf-8") in lowered]


def test_codings_stay_on_the_same_words(study: Study) -> None:
    before_texts, before = _texts(study), _codings(study)
    plan = plan_pseudonymisation(study.project)
    apply_plan(study.project, plan, actor="setup")
    after_texts, after = _texts(study), _codings(study)
    assert after.keys() == before.keys()
    for coding_id, (document, start, end) in before.items():
        spans = [f for f in plan.findings if f.document_id == document and start <= f.start < end]
        expected, last = "", start
        for finding in spans:
            expected += before_texts[document][last : finding.start] + "§"
            last = finding.end
        expected += before_texts[document][last:end]
        _, new_start, new_end = after[coding_id]
        assert SURROGATE.sub("§", after_texts[document][new_start:new_end]) == expected
    assert "§" in "".join(SURROGATE.sub("§", t) for t in after_texts.values())


def test_word_counts_follow_the_new_text(study: Study) -> None:
    """A surrogate has its own number of words ("Marieke de Boer" is one "[PERSOON-1]"): the
    counts `info` and the document list show are those of the text as it now is."""
    with study.project.reading() as session:
        speech = session.execute(
            select(models.Turn.document_id, models.Turn.speech_start, models.Turn.end)
        ).all()
    before = _word_counts(study)
    plan = plan_pseudonymisation(study.project)
    apply_plan(study.project, plan, actor="setup")
    expected = dict(before)
    for f in plan.findings:
        if any(d == f.document_id and s <= f.start < e for d, s, e in speech):
            expected[f.document_id] += len(f.surrogate.split()) - len(f.text.split())
    assert _word_counts(study) == expected != before
    summary = project_summary(study.project, viewer=Viewer.everyone())
    assert summary.words == sum(row.words for row in list_documents(study.project))
    assert summary.words == sum(expected.values())


def _word_counts(study: Study) -> dict[int, int]:
    with study.project.reading() as session:
        counts = select(models.Document.id, models.Document.word_count)
        return {row.id: row.word_count for row in session.execute(counts)}


def test_labels_are_numbered_in_reading_order(study: Study) -> None:
    """[PERSOON-1] is the first person the first document names, [PERSOON-2] the next one
    met, and so for every category; planning again gives the same labels."""
    plan = plan_pseudonymisation(study.project)
    met: dict[str, list[int]] = {}
    for finding in plan.findings:  # in reading order: by document, then place in it
        category, number = finding.surrogate.strip("[]").rsplit("-", 1)
        if int(number) not in met.setdefault(category, []):
            met[category].append(int(number))
    assert met["PERSOON"][:3] == [1, 2, 3]
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in met.values()), met
    first = next(f for f in plan.findings if f.category == "person")
    assert (first.document, first.text, first.surrogate) == (
        "marieke",
        "Marieke de Boer",
        "[PERSOON-1]",
    )
    again = plan_pseudonymisation(study.project)
    assert [f.surrogate for f in again.findings] == [f.surrogate for f in plan.findings]
    applied = pseudonymise_documents(study.project, actor="setup")
    assert applied.replacements == len(plan.findings)
    entities = json.loads(_key_file(study).read_text(encoding="utf-8"))["entities"]
    persons = [e["label"] for e in entities if e["category"] == "person"]
    assert persons[:3] == ["[PERSOON-1]", "[PERSOON-2]", "[PERSOON-3]"]


def test_every_name_from_the_attributes_is_gone_from_the_project(study: Study) -> None:
    pseudonymise_documents(study.project, actor="setup")
    with study.project.reading() as session:
        texts = [
            *session.scalars(select(models.Document.text)),
            *session.scalars(select(models.Document.name)),
            *session.scalars(select(models.Speaker.label)),
            *session.scalars(select(models.Respondent.label)),
            *session.scalars(select(models.RespondentAttribute.value)),
            *session.scalars(select(models.Memo.text)),
            *session.scalars(select(models.Coding.memo).where(models.Coding.memo.is_not(None))),
            *session.scalars(select(models.Project.name)),
            *(
                json.dumps(d, ensure_ascii=False)
                for d in session.scalars(select(models.Event.data))
            ),
        ]
        labels = set(session.scalars(select(models.Speaker.label)))
    everything = "\n".join(texts).casefold()
    for name in (*ATTRIBUTE_NAMES, "Pieter Jansen", "Zwolle"):
        assert name.casefold() not in everything, name
    persons = {label for label in labels if label.startswith("[PERSOON-")}
    assert "Interviewer" in labels and "[PERSOON-1]" in persons and len(persons) == 2
    study.project.close()
    data = b"".join(
        p.read_bytes() for p in study.location.parent.glob("study.codebench*") if p.is_file()
    )
    assert _leaks(data, _key_forms(study)) == []


def test_the_key_is_private_and_beside_the_project(study: Study) -> None:
    applied = pseudonymise_documents(study.project, actor="setup")
    key = _key_file(study)
    assert applied.key == key
    assert key.stat().st_mode & 0o777 == 0o600
    assert key.parent.stat().st_mode & 0o777 == 0o700
    entities = {e["label"]: e for e in json.loads(key.read_text(encoding="utf-8"))["entities"]}
    marieke = next(e for e in entities.values() if "Marieke de Boer" in e["forms"])
    assert marieke["category"] == "person"
    assert any(f"Ik ben {marieke['label']}," in text for text in _texts(study).values())


def test_exports_carry_only_pseudonymised_text(
    study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    pseudonymise_documents(study.project, actor="setup")
    forms = _key_forms(study)
    folder = study.location.parent
    monkeypatch.chdir(folder)
    runner = CliRunner()
    for target in ("r.xlsx", "r.docx", "r.csv", "study.qdpx"):
        extra = [] if target.endswith(".qdpx") else ["--coder", "all"]
        result = runner.invoke(cli, ["export", target, "--project", str(study.location), *extra])
        assert result.exit_code == 0, result.output
    written = [p for p in folder.iterdir() if p.suffix in {".xlsx", ".docx", ".csv", ".qdpx"}]
    assert {p.suffix for p in written} == {".xlsx", ".docx", ".csv", ".qdpx"}
    for path in written:
        assert _leaks(_contents(path), forms) == [], path.name
    assert b"[PERSOON-" in b"".join(_contents(p) for p in written)


def _contents(path: Path) -> bytes:
    """A file's bytes; for a zip (xlsx, docx, qdpx), every member decompressed, nested too."""
    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    parts = []
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            data = archive.read(member)
            if data[:2] == b"PK":
                nested = path.with_name(f"nested-{Path(member).name}")
                nested.write_bytes(data)
                data = _contents(nested)
            parts.append(data)
    return b"\n".join(parts)


def test_the_log_records_it_and_undo_still_finds_the_words(study: Study) -> None:
    texts = _texts(study)
    coding_id, (document, start, end) = max(_codings(study).items())
    words = texts[document][start:end]
    applied = pseudonymise_documents(study.project, actor="setup")
    with study.project.reading() as session:
        event = session.scalars(
            select(models.Event).where(models.Event.action == "pseudonymise")
        ).one()
    assert event.data["documents"] == list(applied.documents)
    assert event.data["replacements"] == applied.replacements > 0
    assert undo(study.project, CODER).action == "undo"
    assert coding_id not in _codings(study)
    redo(study.project, CODER)
    _, (again, start, end) = max(_codings(study).items())
    assert again == document
    assert _texts(study)[document][start:end] == words  # "Start small ... day one"


def test_corrections_are_remembered_and_dry_runs_change_nothing(study: Study) -> None:
    before = document_texts(study.project)
    plan = plan_pseudonymisation(
        study.project, ["marieke"], exclude=["Zwolle"], include=["organisation:Statenstukken"]
    )
    assert document_texts(study.project) == before
    assert not any(f.text == "Zwolle" for f in plan.findings)
    assert any(f.text == "Statenstukken" and f.category == "organisation" for f in plan.findings)
    again = plan_pseudonymisation(study.project, ["marieke"])
    assert [f.text for f in again.findings] == [f.text for f in plan.findings]
    corrections = study.location.with_name("study.codebench-key") / "corrections.json"
    assert corrections.stat().st_mode & 0o777 == 0o600
    later = plan_pseudonymisation(study.project, ["marieke"], include=["Zwolle"])
    assert any(f.text == "Zwolle" for f in later.findings)


def test_a_document_imported_later_gets_the_same_labels(study: Study, tmp_path: Path) -> None:
    pseudonymise_documents(study.project, ["marieke"], actor="setup")
    labels = {
        e["forms"][0]: e["label"] for e in json.loads(_key_file(study).read_text())["entities"]
    }
    follow_up = tmp_path / "vervolg.txt"
    follow_up.write_text(
        "Interviewer: Hoe gaat het nu?\n\nRespondent: Pieter Jansen is verhuisd naar Zwolle. "
        "Marieke de Boer werkt nog bij de Provincie Overijssel.\n",
        encoding="utf-8",
    )
    import_files(study.project, [follow_up], ImportOptions(actor="setup"))
    pseudonymise_documents(study.project, ["vervolg"], actor="setup")
    text = document_texts(study.project)["vervolg"]
    for name in ("Pieter Jansen", "Zwolle", "Marieke de Boer", "Provincie Overijssel"):
        assert labels[name] in text, name


def test_a_plan_for_text_that_changed_since_is_refused(study: Study) -> None:
    stale = plan_pseudonymisation(study.project, ["marieke"])
    pseudonymise_documents(study.project, ["marieke"], actor="setup")
    texts = document_texts(study.project)
    with pytest.raises(CodebenchError, match="changed since"):
        apply_plan(study.project, stale, actor="setup")
    assert document_texts(study.project) == texts


def test_a_project_whose_key_is_missing_is_not_pseudonymised_again(study: Study) -> None:
    pseudonymise_documents(study.project, ["marieke"], actor="setup")
    shutil.move(_key_file(study).parent, study.location.with_name("elsewhere"))
    with pytest.raises(CodebenchError, match="key is not here"):
        plan_pseudonymisation(study.project, ["sarah"])


def test_labels_of_an_english_project_are_english(study: Study) -> None:
    with study.project.transaction() as session:
        session.execute(models.Project.__table__.update().values(language="en"))
    plan = plan_pseudonymisation(study.project, ["sarah"])
    assert {f.surrogate.split("-")[0] for f in plan.findings} >= {"[PERSON", "[PLACE"}
    assert sample("sample_en.txt").text.count("Sarah Whitfield") == len(
        [f for f in plan.findings if f.text == "Sarah Whitfield"]
    )


def test_the_key_folder_is_made_private_even_if_it_existed(study: Study) -> None:
    folder = study.location.with_name("study.codebench-key")
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    pseudonymise_documents(study.project, ["sarah"], actor="setup")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert MEMO not in (folder / "pseudonymisation-key.json").read_text()


def test_a_removed_document_kept_in_the_log_is_pseudonymised_too(study: Study) -> None:
    texts, codings = _texts(study), _codings(study)
    sarah = next(i for i, t in texts.items() if "Sarah Whitfield" in t)
    kept = {k: texts[d][s:e] for k, (d, s, e) in codings.items() if d == sarah}
    remove_document(study.project, "sarah", actor=CODER)
    pseudonymise_documents(study.project, actor="setup")
    with study.project.reading() as session:
        log = json.dumps(list(session.scalars(select(models.Event.data))), ensure_ascii=False)
    assert "Sarah Whitfield" not in log and "Kent County Council" not in log
    undo(study.project, CODER)  # puts the removed document back, from the rewritten log
    restored = _texts(study)[sarah]
    assert "Sarah Whitfield" not in restored and "Start small" in restored
    with study.project.reading() as session:
        turns = select(models.Turn.speech_start, models.Turn.end).where(
            models.Turn.document_id == sarah
        )
        spoken = sum(len(restored[s:e].split()) for s, e in session.execute(turns))
    assert _word_counts(study)[sarah] == spoken  # counted again in the removal's snapshot
    for coding_id, (_, start, end) in _codings(study).items():
        if coding_id in kept:
            after = restored[start:end]
            assert "David Okafor" not in after  # a name only the removed document held
            assert after.split()[:2] == kept[coding_id].split()[:2]  # the same words
            assert after.split()[-2:] == kept[coding_id].split()[-2:]
