"""Every public service function is classified for blind mode, so a new one cannot slip through.

A function either takes the viewer (or, for a write, ``blind``) and has a scenario in
``test_blind_services``, or is listed here with the reason it cannot show another coder's
codings. Adding a service function without deciding which fails this test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from test_blind_services import SCENARIOS

import codebench.services

#: Blind-aware: they take ``viewer`` (reads) or ``blind`` (the memo write), tested one by one.
CHECKED = frozenset(SCENARIOS)

#: Cannot expose another coder's codings, memos or counts derived from them, and why.
NOT_EXPOSING: dict[str, str] = {
    "agreement.mark_assignment": "writes assignments; returns how many documents it marked",
    "attributes.import_attributes": "respondent attributes, no codings",
    "codebook.add_code": "returns the new code's id",
    "codebook.export_codebook": "code definitions only; no codings, counts or memos",
    "codebook.insert_code": "session helper; returns the new code",
    "codebook.load_codebook_file": "merges a codebook file; reports codes, not codings",
    "codebook.merge_codebook": "merges a codebook; reports codes, not codings",
    "codebook.move_code": "moves a code; returns nothing",
    "codebook.rename_code": "renames a code; returns nothing",
    "codebook.update_code": "edits a definition; returns nothing",
    "codes.code_paths": "code paths only",
    "codes.find_code": "a code by name",
    "codes.find_coder": "a coder's row by name (a name, no codings)",
    "codes.get_or_create_coder": "a coder's row by name",
    "memos.memo_author": "session helper: who last wrote a memo, no text",
    "memos.memo_on": "session helper; get_memo and code_details filter what it finds",
    "coding_ops.create_codings": "session helper: stores codings, returns refusals only",
    "coding.apply_code": "the actor's own new coding's id",
    "coding.locate": "offsets of a quote or sentences in a transcript",
    "coding.remove_code": "removes and counts only the actor's own codings",
    "coding_import.import_codings": "reports what the imported file held",
    "coding_ops.create_coding": "session helper inside a caller's transaction",
    "coding_ops.delete_coding": "session helper inside a caller's transaction",
    "coding_ops.snapshot": "the fields of a coding the caller already holds",
    "coding_ops.update_coding": "session helper inside a caller's transaction",
    "demo.build_demo": "builds the demo from bundled files",
    "documents.counted": "words a count",
    "documents.document_holds": "counts every coder's codings to confirm a removal (the CLI "
    "asks before removing; no blind screen offers removal)",
    "documents.free_document_name": "session helper: a free document name",
    "documents.remove_document": "removes a document; says what it held, as document_holds",
    "documents.remove_recorded": "session helper for undo/redo of a removal",
    "documents.replace_recorded": "session helper: swaps an import's speakers and turns",
    "documents.replace_structure": "session helper: stores speakers, turns and sentences",
    "documents.restore_recorded": "session helper for undo of a removal",
    "documents.swap_structure": "session helper for undo/redo of a re-import",
    "events.default_actor": "the login or configured coder name",
    "events.record": "appends an event; returns it to the caller that made it",
    "history.redo": "replays only the actor's own events",
    "history.undo": "replays only the actor's own events",
    "importing.expand_paths": "files on disk",
    "importing.import_file": "imports a transcript",
    "importing.import_files": "imports transcripts",
    "overview.document_view": "a transcript's text, turns and sentences",
    "overview.find_document": "a document by name",
    "overview.list_coders": "coder names (a blind coder still chooses who they are)",
    "overview.list_document_names": "document names",
    "overview.list_documents": "documents with their words, turns and speakers",
    "overview.project_name": "the study's name",
    "project.default_project_file": "a file name",
    "project.init_project": "creates a project",
    "project.locate_project": "where the project is",
    "project.open_project": "opens a project",
    "qdpx_export.coder_guid": "a GUID derived from a name",
    "qdpx_export.document_guid": "a GUID derived from a hash",
    "qdpx_export.source_entry": "a zip entry name",
    "qdpx_import.import_qdc": "imports a codebook file",
    "qdpx_import.import_qdpx": "reports what the imported file held",
    "report_data.natural_key_index": "sorts an index",
    "reports.table_from": "builds a table from data the caller already read for its viewer",
    "speakers.link_speaker": "edits a speaker; says what it did",
    "speakers.list_speakers": "speakers with their turns and words, no codings",
    "speakers.merge_speakers": "edits speakers; says what it did",
    "speakers.rename_speaker": "edits a speaker; says what it did",
    "speakers.respondent_named": "session helper: a respondent by name",
    "speakers.restore_speakers": "session helper for undo/redo of a speaker edit",
    "speakers.set_speaker_role": "edits a speaker; says what it did",
    "speakers.set_turn_speaker": "edits turns; says what it did",
    "speakers.respondent_label": "names a respondent from a label",
    "speakers.speaker_role": "interviewer or respondent, from a label",
    "viewer.refuse_others_codings": "the blind check itself; raises without counting",
    "viewer.visible": "the blind filter itself, applied to the caller's query",
    "workbench.apply_code_to_span": "the actor's own new coding",
    "workbench.create_code_and_apply": "the actor's own new code and coding",
    "workbench.remove_coding": "acts only on the actor's own coding",
    "workbench.set_coding_memo": "acts only on the actor's own coding",
    "workbench.set_exemplar": "acts only on the actor's own coding",
}


def public_service_functions() -> dict[str, object]:
    """``module.function`` of every public function defined in a ``codebench.services`` module."""
    found: dict[str, object] = {}
    for info in pkgutil.iter_modules(codebench.services.__path__):
        module = importlib.import_module(f"codebench.services.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found[f"{info.name}.{name}"] = function
    return found


def test_every_public_service_function_is_classified() -> None:
    functions = set(public_service_functions())
    unclassified = sorted(functions - CHECKED - set(NOT_EXPOSING))
    assert unclassified == [], f"classify for blind mode in {__name__}: {unclassified}"
    assert sorted((CHECKED | set(NOT_EXPOSING)) - functions) == [], "classified but gone"
    assert sorted(CHECKED & set(NOT_EXPOSING)) == []


def test_blind_aware_functions_cannot_be_called_without_saying_who_looks() -> None:
    functions = public_service_functions()
    for name in sorted(CHECKED):
        parameters = inspect.signature(functions[name]).parameters  # type: ignore[arg-type]
        viewer = parameters.get("viewer")
        if viewer is not None:
            assert viewer.default is inspect.Parameter.empty, f"{name}: viewer has a default"
        else:
            assert "blind" in parameters, f"{name} takes neither viewer nor blind"
