"""What every screen of one TUI session shares: the project, the coder (as the viewer every
service reads for), and the codebook as last loaded (for the code finder, shortcuts, paths and
counts, which are the coder's own in blind mode), refreshed after codebook changes, with the
colour and short name each code is shown with (:mod:`codebench.tui.code_styles`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from codebench.services.codebook.tree import CodeNode, codebook_tree
from codebench.services.documents.overview import list_coders, list_document_names
from codebench.services.project import Project
from codebench.services.viewer import Viewer, switch_coder
from codebench.tui.code_styles import CodeStyles, Reserved


@dataclass
class Workspace:
    project: Project
    coder: str
    blind: bool = False
    codes: list[CodeNode] = field(default_factory=list)
    styles: CodeStyles = field(default_factory=CodeStyles)
    """Display colours and short names of ``codes``, away from the theme's cursor colours."""
    reserved_colours: Reserved = field(default_factory=Reserved)
    _documents: dict[int, str] = field(default_factory=dict)
    _parents: dict[int, int | None] = field(default_factory=dict)

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.coder, self.blind)

    @property
    def session_title(self) -> str:
        """Where and as whom: the app's subtitle."""
        blind = " (blind)" if self.blind else ""
        return f"{self.project.display_location} — {self.coder}{blind}"

    def reload_codes(self) -> None:
        self.codes = codebook_tree(self.project, viewer=self.viewer)
        self.styles = CodeStyles(self.codes, self.reserved_colours)
        self._parents = {}
        stack: list[int] = []
        for node in self.codes:
            del stack[node.depth :]
            self._parents[node.id] = stack[-1] if stack else None
            stack.append(node.id)

    def document_names(self) -> list[tuple[int, str]]:
        """Every document's id and name in name order, read again (cheap: no text)."""
        names = list_document_names(self.project)
        self._documents = dict(names)
        return names

    def document_name(self, document_id: int) -> str:
        if document_id not in self._documents:
            self._documents = dict(list_document_names(self.project))
        return self._documents[document_id]

    def document_id(self, name: str) -> int:
        if name not in self._documents.values():
            self._documents = dict(list_document_names(self.project))
        return next(doc_id for doc_id, doc in self._documents.items() if doc == name)

    def coder_names(self) -> list[str]:
        return list_coders(self.project)

    def code_by_shortcut(self, key: str) -> int | None:
        return next((c.id for c in self.codes if c.shortcut == key), None)

    def code_path(self, code_id: int | None) -> str:
        return next((c.path for c in self.codes if c.id == code_id), "?")

    def restyle(self, reserved: Reserved) -> None:
        """Colour the codes again, away from ``reserved`` (the theme's cursor and selection)."""
        self.reserved_colours = reserved
        self.styles = CodeStyles(self.codes, reserved)

    def colour_of(self, code_id: int, own: str | None = None) -> str:
        """The colour code ``code_id`` is shown with (``own``: its colour as stored)."""
        return self.styles.colour(code_id, own or "")

    def code_colour(self, path: str) -> str:
        """The colour of the code at ``path`` as a Rich style ("default": no such code)."""
        found = next((c for c in self.codes if c.path == path), None)
        return self.colour_of(found.id, found.colour) if found else "default"

    def has_children(self, code_id: int) -> bool:
        return any(parent == code_id for parent in self._parents.values())

    def parent_of(self, code_id: int) -> int | None:
        return self._parents.get(code_id)

    def subtree(self, code_id: int) -> set[int]:
        """``code_id`` and the codes below it: what a group stands for when it is filtered on,
        jumped through or retrieved (its tree count counts them too)."""
        found = {code_id}
        for node in self.codes:  # tree order: a parent comes before its children
            if self._parents.get(node.id) in found:
                found.add(node.id)
        return found

    def switch_coder(self, name: str) -> None:
        """Code as ``name`` from now on (blind mode stays; the service refuses a switch that
        would show a blind coder someone else's work), with the codebook counted for them."""
        self.coder = switch_coder(self.project, self.viewer, name).coder
        self.reload_codes()
