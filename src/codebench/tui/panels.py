"""The side panes of the coding screen: documents with progress, and the codebook tree with the
highlighted code's definition. They show service results; they never query anything."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from codebench.services.codebook.details import CodeDetails
from codebench.services.codebook.tree import CodeNode
from codebench.services.coding.views import DocumentProgress
from codebench.tui.document_entry import document_entry


class DocumentList(OptionList):
    """Documents with who was interviewed and how far the coder has got
    (:func:`~codebench.tui.document_entry.document_entry`, laid out again when the width
    changes)."""

    BINDINGS = [Binding("enter", "select", "Open document", show=True)]

    _rows: list[DocumentProgress] | None = None
    _coder = ""
    _width = 0

    def show(self, rows: list[DocumentProgress], coder: str, current: int | None) -> None:
        self._rows, self._coder = rows, coder
        self._width = self.scrollable_content_region.width
        highlighted = self.highlighted
        self.clear_options()
        for row in rows:
            self.add_option(Option(document_entry(row, coder, self._width), id=str(row.id)))
        if current is not None:
            ids = [str(r.id) for r in rows]
            self.highlighted = ids.index(str(current)) if str(current) in ids else highlighted
        elif highlighted is not None:
            self.highlighted = highlighted
        elif rows:
            self.highlighted = 0

    def on_resize(self) -> None:
        if self._rows is not None and self._width != self.scrollable_content_region.width:
            self.show(self._rows, self._coder, None)

    def show_names(self, names: list[tuple[int, str]]) -> None:
        """The documents before their progress is counted (a worker fills it in)."""
        self.clear_options()
        for document_id, name in names:
            line = Group(
                Text(name, style="bold", overflow="ellipsis", no_wrap=True),
                Text("counting …", style="dim"),
            )
            self.add_option(Option(line, id=str(document_id)))
        if names:
            self.highlighted = 0


class CodebookPanel(Vertical):
    """The code tree (with coding counts) above the highlighted code's definition; with no
    codes at all, ``empty_hint`` (what the screen's keys can do about it) in its place."""

    empty_hint: RenderableType = "The codebook is empty."
    colour_of: Callable[[int, str | None], str] | None = None
    """A code's swatch colour from its id and stored colour (the screen's display colours)."""

    class CodeHighlighted(Message):
        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    def compose(self) -> ComposeResult:
        tree: Tree[int] = Tree("Codebook", id="code-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        with VerticalScroll(id="code-definition-box"):
            yield Static("", id="code-definition")

    @property
    def code_tree(self) -> Tree[int]:
        return self.query_one("#code-tree", Tree)

    def show(self, nodes: list[CodeNode], keep: int | None = None) -> None:
        tree = self.code_tree
        expanded = {n.data for n in _walk(tree.root) if n.is_expanded} or None
        tree.clear()
        branches: list[TreeNode[int]] = [tree.root]
        target = None
        parents = {node.id for node, after in pairwise(nodes) if after.depth > node.depth}
        for node in nodes:
            del branches[node.depth + 1 :]
            colour = self.colour_of(node.id, node.colour) if self.colour_of else node.colour
            label = Text.styled("■ ", colour or "default")
            label.append(f"{node.total:>3} ", style="dim")
            label.append(node.name)
            if node.shortcut:
                label.append(f" [{node.shortcut}]", style="bold")
            if node.id in parents:
                item = branches[-1].add(label, data=node.id, expand=True)
                if expanded is not None and node.id not in expanded:
                    item.collapse()
            else:
                item = branches[-1].add_leaf(label, data=node.id)
            branches.append(item)
            if node.id == keep:
                target = item
        if target is not None:
            # Lines are numbered when the tree next lays out; move the cursor after that.
            tree.call_after_refresh(tree.move_cursor, target)
        elif nodes:
            tree.cursor_line = 0
        else:
            self.query_one("#code-definition", Static).update(self.empty_hint)
        # No codes: the hint takes the room the tree would (inline, over the stylesheet).
        tree.styles.height = None if nodes else "auto"
        self.query_one("#code-definition-box").styles.height = None if nodes else "1fr"

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[int]) -> None:
        if event.node.data is not None:
            self.post_message(self.CodeHighlighted(event.node.data))

    @property
    def highlighted_code(self) -> int | None:
        node = self.code_tree.cursor_node
        return node.data if node is not None else None

    def show_details(self, details: CodeDetails | None) -> None:
        self.query_one("#code-definition", Static).update(_definition(details))


def _walk(node: TreeNode[int]) -> list[TreeNode[int]]:
    found = []
    for child in node.children:
        found.append(child)
        found.extend(_walk(child))
    return found


def _definition(details: CodeDetails | None) -> Text:
    if details is None:
        return Text("No code highlighted", style="dim")
    text = Text.styled(details.name, f"bold {details.colour or ''}".strip())
    if details.name_en:
        text.append(f"  ({details.name_en})", style="dim")
    if details.status:
        text.append(f"  [{details.status}]", style="italic dim")
    for heading, body in (
        ("Definition", details.description),
        ("Include", details.inclusion),
        ("Exclude", details.exclusion),
        ("Example", details.example),
        ("Memo", details.memo),
    ):
        if body:
            text.append(f"\n{heading}: ", style="bold")
            text.append(body)
    return text
