"""The REFI consortium's ATLAS.ti project (``tests/fixtures/real``) with its texts put back.

ATLAS.ti wrote the project without its ``Sources/`` entries, so it imports no text. Each
quotation, though, carries the start of its text as its ``name``: here every text source gets
a text of plain sentences long enough for its quotations, with each quotation's named words
written at its start position, so the project imports with the codings ATLAS.ti recorded,
by the coder it recorded them for.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

ATLAS = Path(__file__).parents[1] / "fixtures" / "real" / "refi_atlasti_standard_project.qdpx"
CODER = "Friedrich Markgraf"
FILLER = "We talked about the project. It went well. "
_SOURCE = re.compile(r"<TextSource\b(.*?)</TextSource>", re.S)
_SELECTION = re.compile(r'<PlainTextSelection\b[^>]*?startPosition="(\d+)"[^>]*>', re.S)


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def restored_atlas_project(target: Path) -> Path:
    """Write the project with its texts restored to ``target`` (a .qdpx file)."""
    with zipfile.ZipFile(ATLAS) as original:
        project = original.read("Project.qde").decode("utf-8")
    texts: dict[str, str] = {}
    for match in _SOURCE.finditer(project):
        body = match.group(0)
        path = _attribute(body[: body.index(">")], "plainTextPath")
        if path is None:
            continue
        quotations = []
        for selection in _SELECTION.finditer(body):
            tag = selection.group(0)
            start, end = int(selection.group(1)), int(_attribute(tag, "endPosition") or 0)
            quotations.append((start, end, _attribute(tag, "name") or ""))
        length = max((end for _, end, _ in quotations), default=0) + 200
        text = list((FILLER * (length // len(FILLER) + 1))[:length])
        for start, end, words in quotations:
            words = words[: end - start]
            text[start : start + len(words)] = words
        texts[path.removeprefix("internal://")] = "".join(text)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("Project.qde", project)
        for name, text in texts.items():
            archive.writestr(f"Sources/{name}", text)
    return target
