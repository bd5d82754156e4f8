"""The document open in the coding screen: which one, and its codings as the coder may see them
in the chosen view (mine, all coders, one coder, the consensus: :mod:`codebench.tui.coder_view`).

Kept free of Textual: the screen shows what this holds, and the coding actions patch it after a
committed change instead of reading every coding again.
"""

from __future__ import annotations

from codebench.errors import CodebenchError
from codebench.services.coding.views import CodingView, document_codings
from codebench.services.documents.overview import DocumentView, document_view
from codebench.tui.coder_view import ALL, MINE, CoderView
from codebench.tui.session import Workspace

NO_DOCUMENT = DocumentView("", "", "", [])


class OpenDocument:
    """The open document's id (None: no document left) and the codings shown on it."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.id: int | None = None
        self.codings: list[CodingView] = []
        self.view = CoderView(MINE if workspace.blind else ALL)

    def _read_codings(self, document_id: int) -> list[CodingView]:
        coders = self.view.coders(self.ws.coder)
        return document_codings(self.ws.project, document_id, self.ws.viewer, coders)

    def show(self, view: CoderView) -> None:
        """Show ``view``'s codings from now on (read again; the service refuses a blind
        coder another coder's codings, and then the view stays as it was)."""
        if self.id is not None:
            codings = document_codings(
                self.ws.project, self.id, self.ws.viewer, view.coders(self.ws.coder)
            )
            self.codings = codings
        self.view = view

    @property
    def name(self) -> str:
        return self.ws.document_name(self.id) if self.id is not None else ""

    def require(self) -> int:
        """The open document's id; a coding action without one is the coder's mistake."""
        if self.id is None:
            raise CodebenchError("open a document first")
        return self.id

    def open(self, document_id: int) -> DocumentView:
        """Open ``document_id``: read its turns and its codings."""
        self.id = document_id
        self.codings = self._read_codings(document_id)
        return document_view(self.ws.project, self.name)

    def close(self) -> DocumentView:
        """No document open (the last one was removed): an empty transcript."""
        self.id = None
        self.codings = []
        return NO_DOCUMENT

    def reread(self) -> DocumentView:
        """The open document's turns again, after its speakers changed (its text did not)."""
        self.require()
        return document_view(self.ws.project, self.name)

    def update_codings(self, added: CodingView | None = None, removed: int | None = None) -> None:
        """After a committed change: patch in the one coding added or removed (the service
        returned what was stored), or read the document's codings again."""
        document = self.require()
        if added is not None:
            if self.view.shows(added.coder, self.ws.coder):
                self.codings = [*self.codings, added]
        elif removed is not None:
            self.codings = [c for c in self.codings if c.id != removed]
        else:
            self.codings = self._read_codings(document)

    def coding(self, coding_id: int) -> CodingView:
        return next(c for c in self.codings if c.id == coding_id)

    def spans_of(self, code_id: int) -> list[tuple[int, int]]:
        """Where ``code_id`` or a code below it is applied in this document (a group stands for
        its sub-codes, as its count in the tree does), in the order the codings were read."""
        codes = self.ws.subtree(code_id)
        return [(c.start, c.end) for c in self.codings if c.code_id in codes]
