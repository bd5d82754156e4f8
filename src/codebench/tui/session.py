"""What every screen of one TUI session shares: the project, the coder (as the viewer every
service reads for), and the codebook as last loaded (for the code finder, shortcuts, paths and
counts, which are the coder's own in blind mode), refreshed after codebook changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from codebench.services.codebook.tree import CodeNode, codebook_tree
from codebench.services.documents.overview import list_coders, list_document_names
from codebench.services.project import Project
from codebench.services.viewer import Viewer


@dataclass
class Workspace:
    project: Project
    coder: str
    blind: bool = False
    codes: list[CodeNode] = field(default_factory=list)
    _documents: dict[int, str] = field(default_factory=dict)
    _parents: dict[int, int | None] = field(default_factory=dict)

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.coder, self.blind)

    def reload_codes(self) -> None:
        self.codes = codebook_tree(self.project, viewer=self.viewer)
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

    def code_colour(self, path: str) -> str:
        """The colour of the code at ``path`` as a Rich style ("default" when it has none)."""
        return next((c.colour for c in self.codes if c.path == path and c.colour), "default")

    def has_children(self, code_id: int) -> bool:
        return any(parent == code_id for parent in self._parents.values())

    def parent_of(self, code_id: int) -> int | None:
        return self._parents.get(code_id)
