"""Blind mode below the screens: every public service that reads codings, called as coder2
coding blind, returns coder2's own work and nothing of coder1's, or refuses in one line.

``SCENARIOS`` names one test per service function; the guard test checks that it names every
function classified as blind-aware, so none goes untested.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
from blind_study import OWN_MEMOS, OWN_QUOTES, SECRET_QUOTES, Study, leaks
from docx import Document
from openpyxl import load_workbook

from codebench.agreement.disagreements import disagreement_key
from codebench.agreement.model import AgreementOptions
from codebench.errors import CodebenchError
from codebench.reports.model import Filters
from codebench.services import agreement, agreement_review, consensus, memos
from codebench.services.codebook import details
from codebench.services.codebook import edits as codebook
from codebench.services.codebook import tree as code_tree
from codebench.services.coding import by_name as coding
from codebench.services.coding import views
from codebench.services.documents import overview
from codebench.services.exchange import qdpx_export
from codebench.services.reports import build as reports
from codebench.services.reports import coders as report_coders
from codebench.services.reports import data as report_data
from codebench.services.reports import export as report_files
from codebench.services.viewer import Viewer

BLIND = Viewer("coder2", blind=True)
EVERYONE = Viewer.everyone()
PAIR = AgreementOptions(("coder1", "coder2"))


def refused(call: Callable[[], object]) -> str:
    """The one-line message of the CodebenchError that ``call`` must raise."""
    with pytest.raises(CodebenchError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message and "blind" in message
    return message


def exported_text(path: Path) -> str:
    """All the text a reader of an export file sees."""
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if path.suffix == ".docx":
        document = Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return path.read_text(encoding="utf-8")


def list_codings(study: Study) -> None:
    project = study.project
    rows = coding.list_codings(project, viewer=BLIND)
    assert {r.coding.coder for r in rows} == {"coder2"}
    assert sorted(r.text for r in rows) == sorted(OWN_QUOTES)
    assert [r.coding.memo for r in rows if r.coding.memo] == ["memo-van-coder2"]
    assert len(coding.list_codings(project, "coder2", viewer=BLIND)) == 2
    refused(lambda: coding.list_codings(project, "coder1", viewer=BLIND))
    assert len(coding.list_codings(project, viewer=EVERYONE)) == 5


def document_codings(study: Study) -> None:
    for document in (study.doc_a, study.doc_b):
        found = views.document_codings(study.project, document, BLIND)
        assert [c.coder for c in found] == ["coder2"]
    everyone = views.document_codings(study.project, study.doc_a, EVERYONE)
    assert {c.coder for c in everyone} == {"coder1", "coder2"}


def document_progress(study: Study) -> None:
    rows = views.document_progress(study.project, BLIND)
    assert [(r.codings, r.coded_sentences) for r in rows] == [
        ({"coder2": 1}, {"coder2": 1}),
        ({"coder2": 1}, {"coder2": 1}),
    ]


def passages(study: Study) -> None:
    found = views.passages(study.project, study.code_a, BLIND)
    assert [(p.coding.coder, p.text, p.coding.memo) for p in found] == [
        ("coder2", OWN_QUOTES[0], "memo-van-coder2")
    ]


def code_details(study: Study) -> None:
    assert details.code_details(study.project, study.code_g2, viewer=BLIND).memo is None
    seen = details.code_details(study.project, study.code_g2, viewer=EVERYONE).memo
    assert seen == "codememo-van-coder1"


def get_memo(study: Study) -> None:
    project = study.project
    assert memos.get_memo(project, "document", study.doc_a, viewer=BLIND) == ""
    assert memos.get_memo(project, "project", None, viewer=BLIND) == ""
    own = memos.get_memo(project, "document", study.doc_b, viewer=BLIND)
    assert own == "documentmemo-van-coder2"
    everyone = memos.get_memo(project, "document", study.doc_a, viewer=EVERYONE)
    assert everyone == "documentmemo-van-coder1"


def set_memo(study: Study) -> None:
    project = study.project
    refused(lambda: memos.set_memo(project, "document", study.doc_a, "weg", "coder2", blind=True))
    kept = memos.get_memo(project, "document", study.doc_a, viewer=EVERYONE)
    assert kept == "documentmemo-van-coder1"
    memos.set_memo(project, "document", study.doc_b, "bijgewerkt", "coder2", blind=True)
    assert memos.get_memo(project, "document", study.doc_b, viewer=BLIND) == "bijgewerkt"


def codebook_tree(study: Study) -> None:
    counts = {n.path: n.total for n in code_tree.codebook_tree(study.project, viewer=BLIND)}
    assert counts == {"G1": 2, "G1 > a": 1, "G1 > b": 1, "G2": 0, "G2 > c": 0}
    everyone = {n.path: n.total for n in code_tree.codebook_tree(study.project, viewer=EVERYONE)}
    assert everyone["G1"] == 4 and everyone["G2 > c"] == 1


def merge_codes(study: Study) -> None:
    project = study.project
    refused(lambda: codebook.merge_codes(project, "c", "b", "coder2", viewer=BLIND))
    codebook.add_code(project, "eigen", parent="G2")
    coding.apply_code(project, "B", "eigen", "coder2", coding.Location(quote="Echo noemt"))
    assert codebook.merge_codes(project, "eigen", "b", "coder2", viewer=BLIND) == 1
    assert len(coding.list_codings(project, code="c", viewer=EVERYONE)) == 1


def delete_code(study: Study) -> None:
    project = study.project
    refused(lambda: codebook.delete_code(project, "c", force=True, viewer=BLIND))
    codebook.add_code(project, "eigen", parent="G2")
    coding.apply_code(project, "B", "eigen", "coder2", coding.Location(quote="Echo noemt"))
    assert codebook.delete_code(project, "eigen", force=True, viewer=BLIND) == 1
    assert len(coding.list_codings(project, code="c", viewer=EVERYONE)) == 1


def project_summary(study: Study) -> None:
    summary = overview.project_summary(study.project, viewer=BLIND)
    assert summary.codings_by_coder == {"coder2": 2}
    everyone = overview.project_summary(study.project, viewer=EVERYONE)
    assert everyone.codings_by_coder == {"coder1": 3, "coder2": 2}


def load_report_data(study: Study) -> None:
    data = report_data.load_report_data(study.project, viewer=BLIND)
    assert set(data.passages["coder"]) == {"coder2"}
    assert sorted(data.passages["text"]) == sorted(OWN_QUOTES)
    assert data.filters.coders == ("coder2",)
    refused(
        lambda: report_data.load_report_data(
            study.project, Filters(coders=("coder1",)), viewer=BLIND
        )
    )


def resolve_coders(study: Study) -> None:
    with study.project.reading() as session:
        own = report_coders.resolve_coders(session, Filters(), BLIND)
        assert own.coders == ("coder2",) and not own.union
        refused(lambda: report_coders.resolve_coders(session, Filters(("all",)), BLIND))
        refused(lambda: report_coders.resolve_coders(session, Filters(("coder1",)), BLIND))


def chosen_coders(study: Study) -> None:
    assert report_coders.chosen_coders(study.project, Filters(), BLIND).coders == ("coder2",)
    refused(lambda: report_coders.chosen_coders(study.project, Filters(("coder1",)), BLIND))


def coder_options(study: Study) -> None:
    options = report_coders.coder_options(study.project, BLIND)
    assert options.coders == ("coder2",) and options.default == ("coder2",)
    everyone = report_coders.coder_options(study.project, EVERYONE)
    assert everyone.coders == ("coder1", "coder2")


def build_report(study: Study) -> None:
    for name in reports.REPORTS:
        table = reports.build_report(study.project, name, viewer=BLIND)
        assert leaks(table.frame.to_csv()) == [], name
    themes = reports.build_report(study.project, "themes", viewer=BLIND).frame
    assert themes.set_index("code").loc["a", "codings"] == 1
    quotes = reports.build_report(study.project, "quotes", viewer=BLIND).frame
    assert sorted(quotes["quote"]) == sorted(OWN_QUOTES)


def export_tables(study: Study) -> None:
    for suffix in (".xlsx", ".docx", ".md", ".csv", ".json"):
        written = report_files.export_tables(
            study.project, study.folder / f"r{suffix}", viewer=BLIND
        )
        text = "\n".join(exported_text(path) for path in written)
        assert leaks(text) == [], suffix
        assert OWN_QUOTES[0] in text, suffix
    refused(
        lambda: report_files.export_tables(
            study.project, study.folder / "a.xlsx", agreement=PAIR, viewer=BLIND
        )
    )


def project_document(study: Study) -> None:
    qde, texts = qdpx_export.project_document(study.project, viewer=BLIND)
    xml = qde.decode("utf-8")
    assert leaks(xml) == []
    assert xml.count("<PlainTextSelection") == 2 and 'name="coder2"' in xml
    assert all(memo in xml for memo in OWN_MEMOS)
    assert len(texts) == 2  # the transcripts themselves are not anyone's coding
    everyone = qdpx_export.project_document(study.project, viewer=EVERYONE)[0].decode()
    assert everyone.count("<PlainTextSelection") == 5 and "codememo-van-coder1" in everyone


def write_qdpx(study: Study) -> None:
    path = qdpx_export.write_qdpx(study.project, study.folder / "blind.qdpx", viewer=BLIND)
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde").decode("utf-8")
    assert leaks(qde) == [] and qde.count("<Coding ") == 2


def compare(study: Study) -> None:
    refused(lambda: agreement.compare(study.project, PAIR, viewer=BLIND))
    assert agreement.compare(study.project, PAIR, viewer=EVERYONE).matrices


def agree(study: Study) -> None:
    message = refused(lambda: agreement.agree(study.project, PAIR, viewer=BLIND))
    assert message.startswith("agreement shows every coder's codings")


def disagreements(study: Study) -> None:
    refused(lambda: agreement.disagreements(study.project, PAIR, viewer=BLIND))


def start_consensus(study: Study) -> None:
    refused(lambda: consensus.start_consensus(study.project, PAIR, "coder2", viewer=BLIND))
    counts = overview.project_summary(study.project, viewer=EVERYONE).codings_by_coder
    assert "consensus" not in counts


def resolve(study: Study) -> None:
    [item] = agreement.disagreements(study.project, PAIR, viewer=EVERYONE)[1][:1]
    key = disagreement_key(item)
    refused(lambda: consensus.resolve(study.project, PAIR, key, "merge", "coder2", viewer=BLIND))
    assert consensus.resolutions(study.project, viewer=EVERYONE) == {}


def resolutions(study: Study) -> None:
    refused(lambda: consensus.resolutions(study.project, viewer=BLIND))


def load_review(study: Study) -> None:
    refused(
        lambda: agreement_review.load_review(
            study.project, PAIR.coders, "sentence", None, 0, viewer=BLIND
        )
    )


def decide(study: Study) -> None:
    review = agreement_review.load_review(
        study.project, PAIR.coders, "sentence", None, 0, viewer=EVERYONE
    )
    [item] = agreement.disagreements(study.project, PAIR, viewer=EVERYONE)[1][:1]
    key = disagreement_key(item)
    refused(
        lambda: agreement_review.decide(
            study.project, review, key, "merge", "coder2", None, None, viewer=BLIND
        )
    )
    assert consensus.resolutions(study.project, viewer=EVERYONE) == {}


def _own_model(study: Study) -> None:
    """coder2 codes a second sentence with code a, so their model has a code to learn."""
    coding.apply_code(study.project, "A", "a", "coder2", coding.Location(quote="Delta vond"))


def suggest(study: Study) -> None:
    from codebench.services.suggestions.suggesting import suggest

    _own_model(study)
    project = study.project
    refused(lambda: suggest(project, "B", "coder1", viewer=BLIND))
    with patch.dict(os.environ, {"XDG_CACHE_HOME": str(study.folder / "cache")}):
        found = suggest(project, "B", "coder2", viewer=BLIND, min_confidence=0.0)
    assert found.trained.codings == 3 and {s.code_id for s in found.items} == {study.code_a}
    texts = {s.text for s in found.items}
    # What coder1 coded is uncoded for coder2; what coder2 coded is not suggested again.
    assert "Foxtrot noemt de leverancier." in texts and "Echo noemt het vaste team." not in texts


def evaluate_coder(study: Study) -> None:
    from codebench.services.suggestions.evaluating import evaluate_coder

    _own_model(study)
    project = study.project
    refused(lambda: evaluate_coder(project, "coder1", viewer=BLIND))
    found = evaluate_coder(project, "coder2", viewer=BLIND, with_curve=False)
    assert found.evaluation.codes == [study.code_a]
    assert found.evaluation.per_code[0].support == 2


SCENARIOS: dict[str, Callable[[Study], None]] = {
    "agreement_review.decide": decide,
    "agreement_review.load_review": load_review,
    "agreement.agree": agree,
    "agreement.compare": compare,
    "agreement.disagreements": disagreements,
    "codebook.details.code_details": code_details,
    "codebook.edits.delete_code": delete_code,
    "codebook.edits.merge_codes": merge_codes,
    "codebook.tree.codebook_tree": codebook_tree,
    "coding.by_name.list_codings": list_codings,
    "coding.views.document_codings": document_codings,
    "coding.views.document_progress": document_progress,
    "coding.views.passages": passages,
    "consensus.resolutions": resolutions,
    "consensus.resolve": resolve,
    "consensus.start_consensus": start_consensus,
    "documents.overview.project_summary": project_summary,
    "exchange.qdpx_export.project_document": project_document,
    "exchange.qdpx_export.write_qdpx": write_qdpx,
    "memos.get_memo": get_memo,
    "memos.set_memo": set_memo,
    "reports.build.build_report": build_report,
    "reports.coders.chosen_coders": chosen_coders,
    "reports.coders.coder_options": coder_options,
    "reports.coders.resolve_coders": resolve_coders,
    "reports.export.export_tables": export_tables,
    "reports.data.load_report_data": load_report_data,
    "suggestions.evaluating.evaluate_coder": evaluate_coder,
    "suggestions.suggesting.suggest": suggest,
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_blind_coder_sees_only_their_own_work(name: str, study: Study) -> None:
    SCENARIOS[name](study)


def test_the_study_has_secrets_to_keep() -> None:
    """The fixture's secrets are words of coder1's passages only (else the checks prove little)."""
    assert not set(SECRET_QUOTES) & set(OWN_QUOTES)


def test_blind_needs_a_coder_name() -> None:
    with pytest.raises(CodebenchError, match="needs a coder name"):
        Viewer("", blind=True)
