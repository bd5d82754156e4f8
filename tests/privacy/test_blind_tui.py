"""The blind workbench beyond the transcript: the codebook editor's counts, a code's memo and
the document's memos are the coder's own (the screens only show what the services return)."""

from __future__ import annotations

import asyncio

from blind_study import Study, leaks
from textual.widgets import OptionList, Static
from textual.widgets.tree import TreeNode

from codebench.tui.app import CodebenchApp
from codebench.tui.codebook_editor import CodebookEditor
from codebench.tui.memos import MemosScreen
from codebench.tui.panels import CodebookPanel


def labels(node: TreeNode[int]) -> list[str]:
    found = []
    for child in node.children:
        found.append(str(child.label).split("■", 1)[-1].strip())
        found.extend(labels(child))
    return found


def test_blind_screens_show_only_the_coders_own_counts_and_memos(sqlite_study: Study) -> None:
    seen: dict[str, object] = {}

    async def session() -> None:
        app = CodebenchApp(sqlite_study.project, "coder2", blind=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, MemosScreen)
            seen["document memo"] = str(app.screen.query_one("#document-memo", Static).render())
            seen["coding memos"] = [
                str(option.prompt) for option in app.screen.query_one(OptionList).options
            ]
            await pilot.press("escape", "e")
            await pilot.pause()
            assert isinstance(app.screen, CodebookEditor)
            panel = app.screen.query_one(CodebookPanel)
            seen["codes"] = labels(panel.code_tree.root)
            panel.code_tree.move_cursor(panel.code_tree.root.children[1])
            await pilot.pause()
            seen["definition"] = str(panel.query_one("#code-definition", Static).render())

    asyncio.run(session())
    assert seen["codes"] == ["2 G1", "1 a", "1 b", "0 G2", "0 c"]
    assert seen["coding memos"] == ["■ a  coder2\nmemo-van-coder2"]
    assert "No memo on this document yet" in str(seen["document memo"])
    assert str(seen["definition"]).startswith("G2")  # its memo is coder1's: not shown
    assert leaks(str(seen)) == []
