"""The codebook as the screens show it: a tree in codebook order with coding counts.

Counts are a viewer's business: a blind coder's tree counts only their own codings, so the
numbers beside a code never reveal how much another coder has found.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from codebench.services.codebook.lookup import code_paths
from codebench.services.project import Project
from codebench.services.viewer import Viewer, visible
from codebench.storage import models


@dataclass(frozen=True)
class CodeNode:
    """One line of the codebook tree, with coding counts (own, and with all descendants)."""

    id: int
    path: str
    depth: int
    name: str
    colour: str | None
    shortcut: str | None
    status: str | None
    description: str | None
    codings: int
    total: int


def codebook_tree(project: Project, *, viewer: Viewer) -> list[CodeNode]:
    """The codebook in tree order, each node with its own and its subtree's coding count
    (a blind viewer's own codings only)."""
    with project.reading() as session:
        query = select(models.Coding.code_id, func.count(models.Coding.id)).group_by(
            models.Coding.code_id
        )
        counts = dict(session.execute(visible(query, viewer)).all())
        paths = code_paths(session)
        kids: dict[int | None, list[models.Code]] = {}
        for code in session.scalars(
            select(models.Code).order_by(models.Code.position, models.Code.id)
        ):
            kids.setdefault(code.parent_id, []).append(code)
        nodes: list[CodeNode] = []

        def walk(parent: int | None, depth: int) -> int:
            subtotal = 0
            for code in kids.get(parent, []):
                index = len(nodes)
                nodes.append(_node(code, paths[code.id], depth, counts.get(code.id, 0), 0))
                total = counts.get(code.id, 0) + walk(code.id, depth + 1)
                nodes[index] = _node(code, paths[code.id], depth, counts.get(code.id, 0), total)
                subtotal += total
            return subtotal

        walk(None, 0)
        return nodes


def _node(code: models.Code, path: str, depth: int, own: int, total: int) -> CodeNode:
    return CodeNode(
        code.id,
        path,
        depth,
        code.name,
        code.colour,
        code.shortcut,
        code.status,
        code.description,
        own,
        total,
    )
