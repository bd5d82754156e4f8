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
    "agreement_review.default_coders": "picks two coder names from counts the caller read",
    "agreement_review.substitutions": "rewords disagreements the caller already read",
    "agreement.mark_assignment": "writes assignments; returns how many documents it marked",
    "codebook.edits.add_code": "returns the new code's id",
    "codebook.files.export_codebook": "code definitions only; no codings, counts or memos",
    "codebook.edits.insert_code": "session helper; returns the new code",
    "codebook.files.load_codebook_file": "merges a codebook file; reports codes, not codings",
    "codebook.files.merge_codebook": "merges a codebook; reports codes, not codings",
    "codebook.edits.move_code": "moves a code; returns nothing",
    "codebook.edits.rename_code": "renames a code; returns nothing",
    "codebook.edits.update_code": "edits a definition; returns nothing",
    "codebook.rules.check_shortcuts": "session check; raises or returns nothing",
    "codebook.rules.check_sibling_names": "session check; raises or returns nothing",
    "codebook.rules.siblings_named": "session helper: a code id by name under one parent",
    "codebook.rules.snapshot": "a code's own fields for the log",
    "codebook.rules.path_parts": "splits a name the user typed; reads no project data",
    "codebook.rules.plain_name": "checks a name the user typed; reads no project data",
    "codebook.lookup.subtree_ids": "the ids of a code and the codes below it; no codings",
    "codebook.lookup.code_paths": "code paths only",
    "codebook.lookup.find_code": "a code by name",
    "coders.find_coder": "a coder's row by name (a name, no codings)",
    "coders.get_or_create_coder": "a coder's row by name",
    "coding.actions.apply_code_to_span": "the actor's own new coding",
    "coding.actions.create_code_and_apply": "the actor's own new code and coding",
    "coding.actions.remove_coding": "acts only on the actor's own coding",
    "coding.actions.remove_codings": "acts only on the actor's own codings",
    "coding.actions.set_coding_memo": "acts only on the actor's own coding",
    "coding.actions.set_exemplar": "acts only on the actor's own coding",
    "coding.by_name.apply_code": "the actor's own new coding's id",
    "coding.by_name.find_target": "ids and offsets of a document, a code and a passage",
    "coding.by_name.locate": "offsets of a quote or sentences in a transcript",
    "coding.by_name.remove_code": "removes and counts only the actor's own codings",
    "coding.changes.create_coding": "session helper inside a caller's transaction",
    "coding.changes.create_codings": "session helper: stores codings, returns refusals only",
    "coding.changes.delete_coding": "session helper inside a caller's transaction",
    "coding.changes.snapshot": "the fields of a coding the caller already holds",
    "coding.changes.update_coding": "session helper inside a caller's transaction",
    "coding.history.redo": "replays only the actor's own events",
    "coding.lineage.coding_now": "session helper for undo/redo: the coding an event of the "
    "actor's own changed",
    "coding.lineage.origin": "session helper for undo/redo: where a coding came from, from the log",
    "coding.history.undo": "replays only the actor's own events",
    "coding.spreadsheet.import_codings": "reports what the imported file held",
    "coding.views.coding_views": "session helper: views of codings the caller read for its viewer",
    "coding.views.coded_passages": "session helper: places codings the caller read for its viewer",
    "columns.fit": "cuts text to a column's width",
    "columns.width": "a column's width, from the model",
    "demo.build_demo": "builds the demo from bundled files",
    "documents.importing.expand_paths": "files on disk",
    "documents.importing.import_file": "imports a transcript",
    "documents.importing.import_files": "imports transcripts",
    "documents.overview.document_view": "a transcript's text, turns and sentences",
    "documents.overview.find_document": "a document by name",
    "documents.overview.list_coders": "coder names (a blind coder still chooses who they are)",
    "documents.overview.list_document_names": "document names",
    "documents.overview.list_documents": "documents with their words, turns and speakers",
    "documents.overview.project_name": "the study's name",
    "documents.places.sentences_of": "sentence offsets, no codings",
    "documents.removal.counted": "words a count",
    "documents.removal.document_holds": "counts every coder's codings to confirm a removal (the "
    "CLI asks before removing; no blind screen offers removal)",
    "documents.removal.free_document_name": "session helper: a free document name",
    "documents.removal.remove_document": "removes a document; says what it held, as document_holds",
    "documents.removal.remove_recorded": "session helper for undo/redo of a removal",
    "documents.removal.replace_recorded": "session helper: swaps an import's speakers and turns",
    "documents.removal.restore_recorded": "session helper for undo of a removal",
    "documents.removal.swap_structure": "session helper for undo/redo of a re-import",
    "documents.structure.delete_structure": "session helper: deletes speakers, turns, sentences",
    "documents.structure.free_id": "session helper: an id no row has",
    "documents.structure.json_rows": "session helper: rows the caller asked for, for an event",
    "documents.structure.replace_structure": "session helper: stores speakers, turns and sentences",
    "documents.structure.saved_structure": "session helper: a document's structure, no codings",
    "documents.structure.stored_structure": "turns an event's structure into blocks to store",
    "documents.respondents.import_attributes": "respondent attributes, no codings",
    "documents.respondents.respondent_named": "session helper: a respondent by name",
    "documents.speakers.link_speaker": "edits a speaker; says what it did",
    "documents.speakers.list_speakers": "speakers with their turns and words, no codings",
    "documents.speakers.merge_speakers": "edits speakers; says what it did",
    "documents.speakers.rename_speaker": "edits a speaker; says what it did",
    "documents.speakers.respondent_label": "names a respondent from a label",
    "documents.speakers.restore_speakers": "session helper for undo/redo of a speaker edit",
    "documents.speakers.set_speaker_role": "edits a speaker; says what it did",
    "documents.speakers.set_turn_speaker": "edits turns; says what it did",
    "documents.speakers.speaker_role": "interviewer or respondent, from a label",
    "events.record": "appends an event; returns it to the caller that made it",
    "exchange.qdpx_export.coder_guid": "a GUID derived from a name",
    "exchange.qdpx_export.document_guid": "a GUID derived from a hash",
    "exchange.qdpx_export.source_entry": "a zip entry name",
    "exchange.qdpx_import.import_qdc": "imports a codebook file",
    "exchange.qdpx_import.import_qdpx": "reports what the imported file held",
    "memos.memo_author": "session helper: who last wrote a memo, no text",
    "memos.memo_on": "session helper; get_memo and code_details filter what it finds",
    "names.check_name": "checks the length of a name the user gave; reads no project data",
    "names.quoted": "quotes a name for a message",
    "project.default_project_file": "a file name",
    "project.init_project": "creates a project",
    "project.locate_project": "where the project is",
    "project.open_project": "opens a project",
    "reports.build.table_from": "builds a table from data the caller already read for its viewer",
    "reports.screen.screen_table": "lays out data the caller already read for its viewer",
    "viewer.coders_to_switch_to": "a blind viewer gets only their own name",
    "viewer.switch_coder": "refuses a blind viewer a coder with work; returns a viewer, no data",
    "reports.data.natural_key_index": "sorts an index",
    "reports.coders.coders_with_codings": "coder names (as list_coders); callers apply the viewer",
    "reports.reading.raw_rows": "session helper: the rows of a query the caller built",
    "reports.reading.read_codings": "session helper: codings of the coders the caller resolved "
    "for its viewer (resolve_coders)",
    "reports.reading.place_in_turns": "session helper: turns and speakers of codings the caller "
    "read for its viewer",
    "reports.reading.sentence_numbers": "session helper: sentence numbers of codings the caller "
    "read for its viewer",
    "reports.reading.passage_texts": "session helper: texts of codings the caller read for its "
    "viewer",
    "pseudonymisation.pseudonymise_documents": "replaces names; returns counts per category",
    "pseudonymisation.apply.apply_plan": "moves every coder's codings; returns counts only",
    "pseudonymisation.keys.key_folder": "a path beside the project",
    "pseudonymisation.keys.read_corrections": "words from the corrections file, not the project",
    "pseudonymisation.keys.read_key": "the key file beside the project; no codings",
    "pseudonymisation.keys.write_corrections": "writes the corrections file; returns its path",
    "pseudonymisation.keys.write_key": "writes the key file; returns its path",
    "pseudonymisation.log.rewrite_log": "session helper inside the caller's transaction",
    "pseudonymisation.plan.count_categories": "counts replacements the caller holds",
    "pseudonymisation.plan.plan_pseudonymisation": "spans of document text; no codings or memos",
    "pseudonymisation.plan.text_hash": "a hash of a text the caller holds",
    "pseudonymisation.sources.context": "words around a span of a text the caller holds",
    "pseudonymisation.sources.labels_language": "the project's or its documents' language",
    "pseudonymisation.sources.looks_like_name": "checks a label the caller holds",
    "pseudonymisation.sources.parse_include": "parses words the user typed",
    "pseudonymisation.sources.project_names": "labels and attributes; no codings or memos",
    "pseudonymisation.sources.read_documents": "documents' texts; no codings or memos",
    "pseudonymisation.sources.removed_documents": "removed documents' texts from the log",
    "pseudonymisation.sources.was_pseudonymised": "whether an event of that action exists",
    "suggestions.counting.counted_units": "session helper: sentences counted with the codes of "
    "spans its caller read for a coder it resolved for its viewer",
    "suggestions.model_coder.model_codings": "a model's codings for agree, which refuses a "
    "blind viewer before it asks",
    "suggestions.reading.document_ids": "session helper: document ids, no codings",
    "suggestions.reading.document_row": "session helper: a document row, no codings",
    "suggestions.reading.fingerprint": "session helper: the store's check of a coder's model, "
    "for a coder its caller resolved for its viewer",
    "suggestions.reading.spans_of": "session helper: codings of a coder the caller resolved for "
    "its viewer",
    "suggestions.reading.units_of": "session helper: sentences and their text, no codings",
    "suggestions.similar.similar_passages": "compares the texts of sentences; reads no codings",
    "suggestions.store.current_model": "the model of a coder its callers resolved for their "
    "viewer (suggest, evaluate_coder) or for agree",
    "suggestions.store.model_file": "a path beside the project",
    "suggestions.store.stored_model": "the model of a coder its caller resolved for agree "
    "(model_codings), as current_model",
    "suggestions.store.model_folder": "a path beside the project",
    "suggestions.suggesting.accept": "the actor's own new coding",
    "suggestions.suggesting.decisions": "counts of the actor's own accepted and rejected "
    "suggestions",
    "suggestions.suggesting.reject": "the actor's own rejection; returns nothing",
    "suggestions.suggesting.still_open": "which of the actor's own suggestions their own codings "
    "left open",
    "viewer.refuse_others_codings": "the blind check itself; raises without counting",
    "viewer.visible": "the blind filter itself, applied to the caller's query",
}


def public_service_functions() -> dict[str, object]:
    """``module.function`` of every public function defined in a ``codebench.services`` module,
    in its domain packages too, named by the module's path below ``codebench.services``."""
    prefix = f"{codebench.services.__name__}."
    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(codebench.services.__path__, prefix):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found[f"{info.name.removeprefix(prefix)}.{name}"] = function
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
