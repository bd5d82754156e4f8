"""The side panes of the coding screen: documents with progress, and the codebook tree with the
highlighted code's definition. They show service results; they never query anything."""

from __future__ import annotations

from itertools import pairwise

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


class DocumentList(OptionList):
    """Documents with how far each coder has got (coded sentences / sentences)."""

    BINDINGS = [Binding("enter", "select", "Open document", show=True)]

    def show(self, rows: list[DocumentProgress], coder: str, current: int | None) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for row in rows:
            self.add_option(Option(_progress_line(row, coder), id=str(row.id)))
        if current is not None:
            ids = [str(r.id) for r in rows]
            self.highlighted = ids.index(str(current)) if str(current) in ids else highlighted
        elif highlighted is not None:
            self.highlighted = highlighted
        elif rows:
            self.highlighted = 0

    def show_names(self, names: list[tuple[int, str]]) -> None:
        """The documents before their progress is counted (a worker fills it in)."""
        self.clear_options()
        for document_id, name in names:
            line = Text(name, overflow="ellipsis", no_wrap=True)
            line.append("\n")
            line.append("·····  counting", style="dim")
            self.add_option(Option(line, id=str(document_id)))
        if names:
            self.highlighted = 0


def _progress_line(row: DocumentProgress, coder: str) -> Text:
    mine = row.coded_sentences.get(coder, 0)
    share = mine / row.sentences if row.sentences else 0.0
    filled = round(share * 5)
    line = Text(row.name, overflow="ellipsis", no_wrap=True)
    line.append("\n")
    line.append("█" * filled + "░" * (5 - filled), style="green")
    line.append(f" {share:4.0%}", style="dim")
    others = {c: n for c, n in row.codings.items() if c != coder}
    if others:
        line.append("  " + " ".join(f"{c[:6]}:{n}" for c, n in sorted(others.items())), style="dim")
    return line


class CodebookPanel(Vertical):
    """The code tree (with coding counts) above the highlighted code's definition."""

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
            label = Text.styled("■ ", node.colour or "default")
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
