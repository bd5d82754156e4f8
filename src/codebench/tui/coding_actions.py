"""The coding screen's coding actions: apply a code (from the list, again, or by its shortcut
key), remove it, star a coding as exemplar, memos on codings, codes and documents, a new code
from the selection, the speaker of a turn, undo and redo.

Each action calls one service function (one committed transaction) and only then updates the
screen, so what the coder sees has always been saved. Errors a coder can cause become a
notification; the project is left as it was. They are a mixin of
:class:`~codebench.tui.coding_screen.CodingScreen` so that what changes the project reads apart
from what only moves around in it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from codebench.errors import CodebenchError
from codebench.services.history import CODINGS, DOCUMENTS, SPEAKERS, HistoryStep, redo, undo
from codebench.services.memos import get_memo, set_memo
from codebench.services.speakers import list_speakers, set_turn_speaker
from codebench.services.workbench import (
    CodingView,
    apply_code_to_span,
    code_details,
    create_code_and_apply,
    remove_coding,
    set_coding_memo,
    set_exemplar,
)
from codebench.tui.highlights import Highlight
from codebench.tui.modals import Choice, ChoiceList, MemoEditor, TextPrompt
from codebench.tui.panels import CodebookPanel
from codebench.tui.session import Workspace
from codebench.tui.speaker_picker import SpeakerPick, SpeakerPicker, unlabelled_after

if TYPE_CHECKING:
    from textual.screen import Screen

    from codebench.tui.transcript_view import TranscriptView

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

A = TypeVar("A", bound=Callable[..., Any])


def reported(action: A) -> A:
    """Run an action; a user error or a database refusal becomes a notification, not a crash."""

    @wraps(action)
    def wrapper(self: CodingActions, *args: Any, **kwargs: Any) -> Any:
        try:
            return action(self, *args, **kwargs)
        except CodebenchError as exc:
            self.notify(str(exc), severity="error", title="Not done")
        except SQLAlchemyError as exc:
            self.notify(
                f"The project refused the change: {exc.__class__.__name__}",
                severity="error",
                title="Not saved",
            )
        return None

    return wrapper  # type: ignore[return-value]


class CodingActions(_ScreenBase):
    """The keys that change the project; the screen provides the state declared here."""

    ws: Workspace
    document_id: int | None
    codings: list[CodingView]
    last_code: int | None

    if TYPE_CHECKING:

        @property
        def view(self) -> TranscriptView: ...

        def open_document(self, document_id: int) -> None: ...

        def reload_codings(
            self, added: CodingView | None = None, removed: int | None = None
        ) -> None: ...

        def refresh_codebook(self) -> None: ...

        def reload_transcript(self) -> None: ...

        def reload_documents(self, document_id: int) -> None: ...

    def _require_document(self) -> int:
        if self.document_id is None:
            raise CodebenchError("open a document first")
        return self.document_id

    def _apply(self, code_id: int) -> None:
        document = self._require_document()
        start, end = self.view.selection
        view = apply_code_to_span(self.ws.project, document, code_id, self.ws.coder, start, end)
        self.last_code = code_id
        self.reload_codings(added=view)
        self.notify(f"Coded with '{view.code_name}'", timeout=2)

    def action_apply_code(self) -> None:
        choices = [
            Choice(code.path, code.id, code.colour, code.shortcut or "") for code in self.ws.codes
        ]
        self.app.push_screen(ChoiceList("Apply code", choices, filter_box=True), self._apply_chosen)

    @reported
    def _apply_chosen(self, code_id: int | None) -> None:
        if code_id is not None:
            self._apply(code_id)

    @reported
    def action_repeat_code(self) -> None:
        if self.last_code is None:
            raise CodebenchError("no code applied yet in this session")
        self._apply(self.last_code)

    @reported
    def apply_shortcut(self, key: str) -> bool:
        code = self.ws.code_by_shortcut(key)
        if code is None:
            return False
        self._apply(code)
        return True

    def on_key(self, event: Any) -> None:
        if (
            self.focused is self.view
            and event.character
            and self.ws.code_by_shortcut(event.character) is not None
        ):
            event.stop()
            self.apply_shortcut(event.character)

    def _own_codings_here(self) -> list[Highlight]:
        return [c for c in self.view.codings_in_selection() if c.coder == self.ws.coder]

    def _pick_coding(self, title: str, then: Callable[[int], None]) -> None:
        mine = self._own_codings_here()
        if not mine:
            self.notify("None of your codings is under the cursor", severity="warning")
            return
        if len(mine) == 1:
            then(mine[0].coding_id)
            return
        choices = [Choice(c.code_name, c.coding_id, c.colour) for c in mine]

        def chosen(coding_id: int | None) -> None:
            if coding_id is not None:
                then(coding_id)

        self.app.push_screen(ChoiceList(title, choices), chosen)

    def action_remove_code(self) -> None:
        self._pick_coding("Remove which code?", self._remove)

    @reported
    def _remove(self, coding_id: int) -> None:
        name = next(c.code_name for c in self.codings if c.id == coding_id)
        remove_coding(self.ws.project, coding_id, self.ws.coder)
        self.reload_codings(removed=coding_id)
        self.notify(f"Removed '{name}'", timeout=2)

    def action_star(self) -> None:
        self._pick_coding("Star which coding as exemplar?", self._star)

    @reported
    def _star(self, coding_id: int) -> None:
        coding = next(c for c in self.codings if c.id == coding_id)
        set_exemplar(self.ws.project, coding_id, self.ws.coder, not coding.exemplar)
        self.reload_codings()
        self.notify("Starred as exemplar" if not coding.exemplar else "Star removed", timeout=2)

    def action_coding_memo(self) -> None:
        """A memo on the coding under the cursor, or on the code when the codebook has focus."""
        panel = self.query_one(CodebookPanel)
        if panel.code_tree.has_focus and panel.highlighted_code is not None:
            self._edit_code_memo(panel.highlighted_code)
            return
        self._pick_coding("Memo on which coding?", self._edit_coding_memo)

    def _edit_code_memo(self, code_id: int) -> None:
        @reported
        def save(screen: CodingActions, text: str | None) -> None:
            if text is not None:
                ws = screen.ws
                set_memo(ws.project, "code", code_id, text, ws.coder, blind=ws.blind)
                screen.query_one(CodebookPanel).show_details(
                    code_details(ws.project, code_id, viewer=ws.viewer)
                )
                screen.notify("Code memo saved", timeout=2)

        current = get_memo(self.ws.project, "code", code_id, viewer=self.ws.viewer)
        title = f"Memo on the code '{self.ws.code_path(code_id)}'"
        self.app.push_screen(MemoEditor(title, current), lambda text: save(self, text))

    def _edit_coding_memo(self, coding_id: int) -> None:
        coding = next(c for c in self.codings if c.id == coding_id)

        @reported
        def save(screen: CodingActions, text: str | None) -> None:
            if text is not None:
                set_coding_memo(screen.ws.project, coding_id, screen.ws.coder, text)
                screen.reload_codings()
                screen.notify("Memo saved", timeout=2)

        self.app.push_screen(
            MemoEditor(f"Memo on '{coding.code_name}'", coding.memo or ""),
            lambda text: save(self, text),
        )

    def action_document_memo(self) -> None:
        document = self.document_id
        if document is None:
            return
        current = get_memo(self.ws.project, "document", document, viewer=self.ws.viewer)

        @reported
        def save(screen: CodingActions, text: str | None) -> None:
            if text is not None:
                ws = screen.ws
                set_memo(ws.project, "document", document, text, ws.coder, blind=ws.blind)
                screen.notify("Document memo saved", timeout=2)

        title = f"Memo on {self.ws.document_name(document)}"
        self.app.push_screen(MemoEditor(title, current), lambda text: save(self, text))

    def action_new_code(self) -> None:
        parent = self._group_for_new_code()
        where = f" under '{self.ws.code_path(parent)}'" if parent else " at the top level"
        prompt = TextPrompt(f"New code from the selection{where}", placeholder="name of the code")
        self.app.push_screen(prompt, self._create_code)

    def _group_for_new_code(self) -> int | None:
        """New codes go beside the highlighted code (or under it, if it is a group)."""
        highlighted = self.query_one(CodebookPanel).highlighted_code
        if highlighted is None:
            return None
        if self.ws.has_children(highlighted):
            return highlighted
        return self.ws.parent_of(highlighted)

    @reported
    def _create_code(self, name: str | None) -> None:
        if not name:
            return
        document = self._require_document()
        start, end = self.view.selection
        view = create_code_and_apply(
            self.ws.project, name, self._group_for_new_code(), document, self.ws.coder, start, end
        )
        self.last_code = view.code_id
        self.refresh_codebook()
        self.reload_codings()
        self.notify(f"New code '{view.code_path}' applied", timeout=2)

    @reported
    def action_set_speaker(self) -> None:
        """Give the turn under the cursor a speaker (and the unlabelled turns after it)."""
        document = self._require_document()
        turn = self.view.cursor_turn
        if turn is None:
            raise CodebenchError("this document has no text to give a speaker")
        speakers = list_speakers(self.ws.project, self.ws.document_name(document))
        following = unlabelled_after(self.view.document.turns, turn)
        self.app.push_screen(
            SpeakerPicker(speakers, turn.speaker, following),
            lambda pick: self._set_speaker(document, turn.start, pick),
        )

    @reported
    def _set_speaker(self, document: int, turn_start: int, pick: SpeakerPick | None) -> None:
        if pick is None:
            return
        change = set_turn_speaker(
            self.ws.project,
            document,
            turn_start,
            pick.label,
            actor=self.ws.coder,
            following=pick.following,
        )
        self.reload_transcript()
        self.notify(change.description[:1].upper() + change.description[1:], timeout=3)

    @reported
    def action_undo(self) -> None:
        self._history_step(undo(self.ws.project, self.ws.coder))

    @reported
    def action_redo(self) -> None:
        self._history_step(redo(self.ws.project, self.ws.coder))

    def _history_step(self, step: HistoryStep) -> None:
        """Show what an undo or redo changed: codings, a document's speakers, or documents."""
        if step.changed == DOCUMENTS:
            self.reload_documents(step.document_id)
        elif step.document_id != self.document_id:
            self.open_document(step.document_id)
        elif step.changed == SPEAKERS:
            self.reload_transcript()
        if step.changed == CODINGS:
            self.reload_codings()
        if step.document_id == self.document_id:
            self.view.go_to(step.start)
        self.notify(f"{step.action.capitalize()}: {step.description}", timeout=2)
