"""The coding screen's keys that change the project: apply a code (from the list, again, or by
its shortcut key), remove it, star a coding as exemplar, memos on codings, codes and documents,
a new code from the selection, the speaker of a turn, undo and redo.

Each action asks what it needs (a modal), calls one service function (one committed
transaction) and only then updates the screen, so what the coder sees has always been saved.
A :class:`~codebench.errors.CodebenchError` (the services translate database refusals into one)
becomes a notification, and the project is left as it was. The coding screen owns one
:class:`CodingActions` and passes itself in as the narrow :class:`CodingDisplay` (what the actions
read and ask to be shown again), so what changes the project reads apart from what only moves
around in it, with no mixin.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol

from textual.app import App

from codebench.errors import CodebenchError
from codebench.services.codebook.details import code_details
from codebench.services.coding.actions import (
    apply_code_to_span,
    create_code_and_apply,
    remove_coding,
    set_coding_memo,
    set_exemplar,
)
from codebench.services.coding.history import CODINGS, DOCUMENTS, SPEAKERS, HistoryStep, redo, undo
from codebench.services.coding.views import CodingView
from codebench.services.documents.speakers import list_speakers, set_turn_speaker
from codebench.services.memos import get_memo, set_memo
from codebench.tui.finder import Finder, Picked
from codebench.tui.modals import Choice, ChoiceList, MemoEditor, TextPrompt
from codebench.tui.open_document import OpenDocument
from codebench.tui.panels import CodebookPanel
from codebench.tui.speaker_picker import SpeakerPick, SpeakerPicker, unlabelled_after
from codebench.tui.transcript_view import TranscriptView

P = ParamSpec("P")


class CodingDisplay(Protocol):
    """What the coding actions read from the coding screen and ask it to show again."""

    @property
    def app(self) -> App[object]: ...

    @property
    def document(self) -> OpenDocument: ...

    @property
    def transcript(self) -> TranscriptView: ...

    @property
    def codebook(self) -> CodebookPanel: ...

    def open_document(self, document_id: int) -> None: ...

    def reload_codings(self, added: CodingView | None = None, removed: int | None = None) -> None:
        """Show the open document's codings after a change (patched, or read again)."""

    def refresh_codebook(self) -> None: ...

    def reload_transcript(self) -> None: ...

    def reload_documents(self, document_id: int) -> None: ...


def reported(
    action: Callable[Concatenate[CodingActions, P], None],
) -> Callable[Concatenate[CodingActions, P], None]:
    """Run an action; a user error or a refused change becomes a notification, not a crash."""

    @wraps(action)
    def wrapper(actions: CodingActions, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            action(actions, *args, **kwargs)
        except CodebenchError as exc:
            actions.display.app.notify(str(exc), severity="error", title="Not done")

    return wrapper


class CodingActions:
    """The coding keys of one coding screen, and the last code applied in this session."""

    def __init__(self, display: CodingDisplay) -> None:
        self.display = display
        self.last_code: int | None = None

    @property
    def _document(self) -> OpenDocument:
        return self.display.document

    def _done(self, message: str) -> None:
        """Tell the coder, briefly, what was saved."""
        self.display.app.notify(message, timeout=2)

    # -- applying codes ----------------------------------------------------------------------

    def _apply(self, code_id: int) -> None:
        document = self._document.require()
        start, end = self.display.transcript.selection
        ws = self._document.ws
        view = apply_code_to_span(ws.project, document, code_id, ws.coder, start, end)
        self.last_code = code_id
        self.display.reload_codings(added=view)
        self._done(f"Coded with '{view.code_name}'")

    def apply_code(self) -> None:
        """The code finder: a code of the codebook, or a name it lacks as a new code (made
        where ``i`` would make it, and applied to the selection at once)."""
        ws = self._document.ws
        choices = [
            Choice(code.path, code.id, ws.colour_of(code.id, code.colour), code.shortcut or "")
            for code in ws.codes
        ]
        finder = Finder(
            "Apply code",
            choices,
            new="new code",
            empty="No codes yet: type a name and press enter to make one.\n"
            "A path 'Group > Code' makes the group too.",
        )
        self.display.app.push_screen(finder, self._apply_chosen)

    @reported
    def _apply_chosen(self, picked: Picked | None) -> None:
        if picked is None:
            return
        if picked.value is not None:
            self._apply(picked.value)
        elif picked.name:
            self._create_code(picked.name)

    @reported
    def repeat_code(self) -> None:
        if self.last_code is None:
            raise CodebenchError("no code applied yet in this session")
        self._apply(self.last_code)

    @reported
    def apply_shortcut(self, code_id: int) -> None:
        self._apply(code_id)

    # -- the coder's own codings under the cursor --------------------------------------------

    def _own_codings_here(self) -> list[CodingView]:
        coder = self._document.ws.coder
        return [c for c in self.display.transcript.codings_in_selection() if c.coder == coder]

    def _pick_coding(self, title: str, then: Callable[[int], None]) -> None:
        mine = self._own_codings_here()
        if not mine:
            self.display.app.notify("None of your codings is under the cursor", severity="warning")
            return
        if len(mine) == 1:
            then(mine[0].id)
            return
        choices = [
            Choice(c.code_name, c.id, self._document.ws.colour_of(c.code_id, c.colour))
            for c in mine
        ]

        def chosen(coding_id: int | None) -> None:
            if coding_id is not None:
                then(coding_id)

        self.display.app.push_screen(ChoiceList(title, choices), chosen)

    def remove_code(self) -> None:
        self._pick_coding("Remove which code?", self._remove)

    @reported
    def _remove(self, coding_id: int) -> None:
        name = self._document.coding(coding_id).code_name
        ws = self._document.ws
        remove_coding(ws.project, coding_id, ws.coder)
        self.display.reload_codings(removed=coding_id)
        self._done(f"Removed '{name}'")

    def star(self) -> None:
        self._pick_coding("Star which coding as exemplar?", self._star)

    @reported
    def _star(self, coding_id: int) -> None:
        starred = not self._document.coding(coding_id).exemplar
        ws = self._document.ws
        set_exemplar(ws.project, coding_id, ws.coder, starred)
        self.display.reload_codings()
        self._done("Starred as exemplar" if starred else "Star removed")

    # -- memos -------------------------------------------------------------------------------

    def coding_memo(self) -> None:
        """A memo on the coding under the cursor, or on the code when the codebook has focus."""
        panel = self.display.codebook
        if panel.code_tree.has_focus and panel.highlighted_code is not None:
            self._edit_code_memo(panel.highlighted_code)
            return
        self._pick_coding("Memo on which coding?", self._edit_coding_memo)

    def _edit_code_memo(self, code_id: int) -> None:
        ws = self._document.ws
        current = get_memo(ws.project, "code", code_id, viewer=ws.viewer)
        title = f"Memo on the code '{ws.code_path(code_id)}'"
        self.display.app.push_screen(
            MemoEditor(title, current), lambda text: self._save_code_memo(code_id, text)
        )

    @reported
    def _save_code_memo(self, code_id: int, text: str | None) -> None:
        if text is None:
            return
        ws = self._document.ws
        set_memo(ws.project, "code", code_id, text, ws.coder, blind=ws.blind)
        self.display.codebook.show_details(code_details(ws.project, code_id, viewer=ws.viewer))
        self._done("Code memo saved")

    def _edit_coding_memo(self, coding_id: int) -> None:
        coding = self._document.coding(coding_id)
        self.display.app.push_screen(
            MemoEditor(f"Memo on '{coding.code_name}'", coding.memo or ""),
            lambda text: self._save_coding_memo(coding_id, text),
        )

    @reported
    def _save_coding_memo(self, coding_id: int, text: str | None) -> None:
        if text is None:
            return
        ws = self._document.ws
        set_coding_memo(ws.project, coding_id, ws.coder, text)
        self.display.reload_codings()
        self._done("Memo saved")

    def document_memo(self) -> None:
        document = self._document.id
        if document is None:
            return
        ws = self._document.ws
        current = get_memo(ws.project, "document", document, viewer=ws.viewer)
        title = f"Memo on {ws.document_name(document)}"
        self.display.app.push_screen(
            MemoEditor(title, current), lambda text: self._save_document_memo(document, text)
        )

    @reported
    def _save_document_memo(self, document: int, text: str | None) -> None:
        if text is None:
            return
        ws = self._document.ws
        set_memo(ws.project, "document", document, text, ws.coder, blind=ws.blind)
        self._done("Document memo saved")

    # -- new code, speakers ------------------------------------------------------------------

    def new_code(self) -> None:
        parent = self._group_for_new_code()
        ws = self._document.ws
        where = f" under '{ws.code_path(parent)}'" if parent else " at the top level"
        prompt = TextPrompt(
            f"New code from the selection{where}",
            placeholder="a name, or a path from the top: Group > Code",
        )
        self.display.app.push_screen(prompt, self._create_code)

    def _group_for_new_code(self) -> int | None:
        """New codes go beside the highlighted code (or under it, if it is a group)."""
        highlighted = self.display.codebook.highlighted_code
        if highlighted is None:
            return None
        ws = self._document.ws
        if ws.has_children(highlighted):
            return highlighted
        return ws.parent_of(highlighted)

    @reported
    def _create_code(self, name: str | None) -> None:
        if not name:
            return
        document = self._document.require()
        start, end = self.display.transcript.selection
        ws = self._document.ws
        view = create_code_and_apply(
            ws.project, name, self._group_for_new_code(), document, ws.coder, start, end
        )
        self.last_code = view.code_id
        self.display.refresh_codebook()
        self.display.reload_codings()
        self._done(f"New code '{view.code_path}' applied")

    def load_codebook(self) -> None:
        """Merge a codebook file into the project (a new project starts with none)."""
        prompt = TextPrompt(
            "Load a codebook file (codes it shares with the codebook are updated)",
            placeholder="path to a .yaml, .json, .csv or .qdc file",
        )
        self.display.app.push_screen(prompt, self._load_codebook)

    @reported
    def _load_codebook(self, path: str | None) -> None:
        if not path or not path.strip():
            return
        from codebench.services.codebook.files import load_codebook_file

        ws = self._document.ws
        result = load_codebook_file(ws.project, Path(path.strip()).expanduser(), ws.coder)
        self.display.refresh_codebook()
        self._done(
            f"Codebook loaded: {result.added} added, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )

    @reported
    def set_speaker(self) -> None:
        """Give the turn under the cursor a speaker (and the unlabelled turns after it)."""
        document = self._document.require()
        transcript = self.display.transcript
        turn = transcript.cursor_turn
        if turn is None:
            raise CodebenchError("this document has no text to give a speaker")
        ws = self._document.ws
        speakers = list_speakers(ws.project, ws.document_name(document))
        following = unlabelled_after(transcript.document.turns, turn)
        self.display.app.push_screen(
            SpeakerPicker(speakers, turn.speaker, following),
            lambda pick: self._set_speaker(document, turn.start, pick),
        )

    @reported
    def _set_speaker(self, document: int, turn_start: int, pick: SpeakerPick | None) -> None:
        if pick is None:
            return
        ws = self._document.ws
        change = set_turn_speaker(
            ws.project, document, turn_start, pick.label, actor=ws.coder, following=pick.following
        )
        self.display.reload_transcript()
        self.display.app.notify(change.description[:1].upper() + change.description[1:], timeout=3)

    # -- history -----------------------------------------------------------------------------

    @reported
    def undo(self) -> None:
        ws = self._document.ws
        self._show_step(undo(ws.project, ws.coder))

    @reported
    def redo(self) -> None:
        ws = self._document.ws
        self._show_step(redo(ws.project, ws.coder))

    def _show_step(self, step: HistoryStep) -> None:
        """Show what an undo or redo changed: codings, a document's speakers, or documents."""
        display = self.display
        if step.changed == DOCUMENTS:
            display.reload_documents(step.document_id)
        elif step.document_id != self._document.id:
            display.open_document(step.document_id)
        elif step.changed == SPEAKERS:
            display.reload_transcript()
        if step.changed == CODINGS:
            display.reload_codings()
        if step.document_id == self._document.id:
            display.transcript.go_to(step.start)
        self.display.app.notify(step.message, timeout=4)
