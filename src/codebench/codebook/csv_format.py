"""Codebooks as a spreadsheet: one row per code, for teams that draft their codebook in Excel.

Columns: either ``path`` (``Knelpunten > Budget``) or ``name`` with ``parent`` (the parent's
path, empty for a top-level code), plus any of the per-code fields; ``keywords`` are joined with
``"; "``. Header names are case-insensitive; the delimiter is taken from the header line, because
Excel in a Dutch locale saves with ``;``. A CSV holds no codebook name, language or description:
the name is the file's stem.

Rows may come in any order (a parent after its child); sibling order is row order. A parent is
named by its path; a single name also finds a nested code when only one code has that name,
which is what people write in a ``parent`` column. Hence the one way a codebook can contain a
cycle (A's parent is B, B's parent is A), reported with the codes that form it. A parent that
has no row of its own is an error, never created silently: a typo in a parent column would
otherwise become a new group.

Saving writes the ``path`` form with every column, so the file doubles as a template, in UTF-8
with a byte-order mark so that Excel shows accents correctly (our own reader ignores the mark).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from codebench.codebook.model import (
    FIELDS,
    TEXT_FIELDS,
    Codebook,
    CodeSpec,
    Position,
    Status,
    format_path,
    walk,
)
from codebench.codebook.validate import duplicate_name_message, empty_name_message
from codebench.errors import InputError
from codebench.files.spreadsheet import inert, restored

KEYWORD_SEPARATOR = "; "
#: The per-code columns, in the order they are written after ``path``.
CODE_COLUMNS: tuple[str, ...] = tuple(key for key in FIELDS if key not in ("name", "children"))
ALLOWED_COLUMNS: tuple[str, ...] = ("path", "name", "parent", *CODE_COLUMNS)
_DELIMITERS = (",", ";", "\t")


@dataclass
class _Row:
    line: int
    name: str
    parent: tuple[str, ...]
    code: CodeSpec

    @property
    def written_path(self) -> str:
        return format_path((*self.parent, self.name))


def load_csv(text: str, path: Path) -> tuple[Codebook, dict[Position, int]]:
    """A codebook from CSV text, with the line of every code's row."""
    rows = _read_rows(text, path)
    parents = _resolve_parents(rows, path)
    codes: list[CodeSpec] = []
    line_of: dict[int, int] = {}
    for index, row in enumerate(rows):
        parent = parents[index]
        siblings = codes if parent is None else rows[parent].code.children
        siblings.append(row.code)
        line_of[id(row.code)] = row.line
    lines = {entry.position: line_of[id(entry.code)] for entry in walk(codes)}
    return Codebook(name=path.stem, codes=codes), lines


def dump_csv(codebook: Codebook, path: Path) -> str:
    """The codebook in the ``path`` form. ``path`` names the file in errors: a name containing
    ``>`` or a keyword containing ``;`` cannot be written without changing its meaning."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", *CODE_COLUMNS])
    for entry in walk(codebook.codes):
        code = entry.code
        if any(">" in name for name in entry.path):
            raise InputError(path, f"code name {code.name!r} contains '>', the CSV path separator")
        if any(";" in word for word in code.keywords):
            raise InputError(
                path,
                f"a keyword of code {format_path(entry.path)!r} contains ';', "
                "the CSV keyword separator",
            )
        cells = [format_path(entry.path)]
        for column in CODE_COLUMNS:
            if column == "keywords":
                cells.append(KEYWORD_SEPARATOR.join(code.keywords))
            else:
                cells.append(getattr(code, column) or "")
        writer.writerow([inert(cell) for cell in cells])
    return out.getvalue()


def _read_rows(text: str, path: Path) -> list[_Row]:
    header_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max(_DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        previous = 0
        for record in reader:
            records.append((previous + 1, record))
            previous = reader.line_num
    except csv.Error as exc:
        raise InputError(path, f"invalid CSV: {exc}", reader.line_num) from exc
    records = [(line, cells) for line, cells in records if any(cell.strip() for cell in cells)]
    if not records:
        raise InputError(path, "file is empty")
    header_at, header_cells = records[0]
    columns = _columns(header_cells, header_at, path)
    rows: list[_Row] = []
    for line, cells in records[1:]:
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
            raise InputError(
                path, f"row has {len(cells)} cells but the header has {len(columns)}", line
            )
        values = {
            column: restored(cell.strip()) for column, cell in zip(columns, cells, strict=False)
        }
        rows.append(_row(values, line, path))
    return rows


def _columns(cells: Sequence[str], line: int, path: Path) -> list[str]:
    columns = [cell.strip().lower() for cell in cells]
    seen: set[str] = set()
    for column in columns:
        if column not in ALLOWED_COLUMNS:
            allowed = ", ".join(ALLOWED_COLUMNS)
            raise InputError(path, f"unknown column {column!r} (allowed: {allowed})", line)
        if column in seen:
            raise InputError(path, f"column {column!r} appears twice", line)
        seen.add(column)
    if "path" in seen and seen & {"name", "parent"}:
        raise InputError(
            path, "use either a 'path' column or 'name' and 'parent' columns, not both", line
        )
    if "path" not in seen and "name" not in seen:
        raise InputError(path, "missing column 'path' (or 'name' and 'parent')", line)
    return columns


def _row(values: dict[str, str], line: int, path: Path) -> _Row:
    if "path" in values:
        segments = _split(values["path"]) or ("",)
        if len(segments) > 1 and not all(segments):
            raise InputError(path, f"empty code name in path {values['path']!r}", line)
        name, parent = segments[-1], tuple(segments[:-1])
    else:
        name = values.get("name", "")
        parent = _split(values.get("parent", ""))
        if parent and not all(parent):
            raise InputError(path, f"empty code name in parent {values['parent']!r}", line)
    if not name:
        raise InputError(path, empty_name_message(parent), line)
    texts = {key: values.get(key) or None for key in TEXT_FIELDS}
    words = (word.strip() for word in values.get("keywords", "").split(";"))
    code = CodeSpec(
        name=name,
        name_en=texts["name_en"],
        description=texts["description"],
        inclusion=texts["inclusion"],
        exclusion=texts["exclusion"],
        example=texts["example"],
        colour=texts["colour"],
        shortcut=texts["shortcut"],
        keywords=[word for word in words if word],
        guid=texts["guid"],
        status=cast(Status | None, texts["status"]),  # validate() checks it, with the line
    )
    return _Row(line=line, name=name, parent=parent, code=code)


def _split(written: str) -> tuple[str, ...]:
    """``"A > B"`` as ``("A", "B")``; spaces around ``>`` are optional, as people type them."""
    if not written.strip():
        return ()
    return tuple(part.strip() for part in written.split(">"))


def _resolve_parents(rows: list[_Row], path: Path) -> list[int | None]:
    """The index of each row's parent row (``None`` for top level); raises for unknown or
    ambiguous parents and for cycles.

    A single-name parent is looked up by name (a top-level code of that name first). A longer
    path must equal the full path of a code, which is only known once that code's own parent is
    known, so those are resolved in rounds until nothing changes.
    """
    by_name: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_name.setdefault(row.name.casefold(), []).append(index)

    parents: dict[int, int | None] = {}
    deferred: list[int] = []
    for index, row in enumerate(rows):
        if not row.parent:
            parents[index] = None
        elif len(row.parent) == 1:
            parents[index] = _by_name(row, rows, by_name, path)
        else:
            deferred.append(index)
    _check_cycles(rows, parents, path)

    full: dict[int, tuple[str, ...]] = {}
    by_path: dict[tuple[str, ...], int] = {}
    progress = True
    while progress:
        progress = False
        for index in range(len(rows)):
            for member in _full_path(index, rows, parents, full):
                by_path.setdefault(tuple(name.casefold() for name in full[member]), member)
        for index in list(deferred):
            key = tuple(name.casefold() for name in rows[index].parent)
            if key in by_path:
                parents[index] = by_path[key]
                deferred.remove(index)
                progress = True
    if deferred:
        row = rows[deferred[0]]
        raise InputError(path, f"unknown parent {format_path(row.parent)!r}", row.line)
    return [parents[index] for index in range(len(rows))]


def _by_name(row: _Row, rows: list[_Row], by_name: dict[str, list[int]], path: Path) -> int:
    (name,) = row.parent
    candidates = by_name.get(name.casefold(), [])
    top = [index for index in candidates if not rows[index].parent]
    if len(top) > 1:
        second = rows[top[1]]
        raise InputError(path, duplicate_name_message(second.name, ()), second.line)
    if top:
        return top[0]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise InputError(path, f"unknown parent {name!r}", row.line)
    options = " or ".join(repr(rows[index].written_path) for index in candidates)
    raise InputError(path, f"ambiguous parent {name!r}: write its path ({options})", row.line)


def _check_cycles(rows: list[_Row], parents: dict[int, int | None], path: Path) -> None:
    """Follow parent links from every row; a link back into the current chain is a cycle."""
    done: set[int] = set()
    for start in range(len(rows)):
        chain: list[int] = []
        on_chain: set[int] = set()
        current: int | None = start
        while current is not None and current not in done and current in parents:
            if current in on_chain:
                cycle = chain[chain.index(current) :]
                first = min(cycle, key=lambda index: rows[index].line)
                at = cycle.index(first)
                ordered = [*cycle[at:], *cycle[:at], first]
                names = " -> ".join(repr(rows[index].name) for index in ordered)
                raise InputError(path, f"parent references form a cycle: {names}", rows[first].line)
            chain.append(current)
            on_chain.add(current)
            current = parents[current]
        done.update(chain)


def _full_path(
    index: int,
    rows: list[_Row],
    parents: dict[int, int | None],
    full: dict[int, tuple[str, ...]],
) -> list[int]:
    """Fill ``full`` for ``index`` and its ancestors if its chain of parents is known up to the
    root; returns the rows newly filled."""
    chain: list[int] = []
    current: int | None = index
    while current is not None and current not in full:
        if current not in parents:
            return []
        chain.append(current)
        current = parents[current]
    prefix = full[current] if current is not None else ()
    for member in reversed(chain):
        prefix = (*prefix, rows[member].name)
        full[member] = prefix
    return chain
