"""The codebook as plain data, independent of any file format and of the database.

Every format (YAML, JSON, CSV, later REFI-QDA) loads into and saves from these classes, so a
rule about codes is written once (in :mod:`codebench.codebook.validate`) and holds for all of
them. The tree is kept as nested lists because sibling order is meaningful to researchers: it
is the order of the published tables.

A code is addressed two ways. Its *path* (names from the root, ``("Knelpunten", "Budget")``)
is what people read in messages. Its *position* (sibling indexes from the root, ``(2, 4)``)
is what the loaders use to remember source lines: unlike a path it stays unique even in a
codebook with duplicate names, which is exactly the codebook an error message must point into.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, TypeAlias

Status: TypeAlias = Literal["candidate", "reviewed", "defined"]

#: Theme statuses in the order a theme moves through Braun & Clarke's phases 3 to 5.
STATUSES: tuple[Status, ...] = ("candidate", "reviewed", "defined")

#: The keys a code may have, in the order files are written (readable first, ids last).
FIELDS: tuple[str, ...] = (
    "name",
    "name_en",
    "description",
    "inclusion",
    "exclusion",
    "example",
    "colour",
    "shortcut",
    "keywords",
    "status",
    "guid",
    "children",
)

#: The optional one-line-or-longer text fields of a code (everything that is a plain string).
TEXT_FIELDS: tuple[str, ...] = (
    "name_en",
    "description",
    "inclusion",
    "exclusion",
    "example",
    "colour",
    "shortcut",
    "status",
    "guid",
)

#: The keys of a whole codebook file (YAML and JSON), in the order they are written.
TOP_LEVEL_KEYS: tuple[str, ...] = ("name", "language", "description", "codes")

#: How paths are written for people and in the CSV ``path`` and ``parent`` columns.
PATH_SEPARATOR = " > "

CodePath: TypeAlias = tuple[str, ...]
Position: TypeAlias = tuple[int, ...]
#: Source line of each code, by position; empty when the codebook did not come from a file.
SourceLines: TypeAlias = Mapping[Position, int]


@dataclass
class CodeSpec:
    """One node of the codebook tree as a researcher defines it.

    Optional texts are ``None`` when absent (never ``""``), so that two codebooks loaded from
    different formats compare equal. ``guid`` stays ``None`` until the project assigns one;
    a file only carries it so that REFI-QDA exchanges keep codes recognisable.
    """

    name: str
    name_en: str | None = None
    description: str | None = None
    inclusion: str | None = None
    exclusion: str | None = None
    example: str | None = None
    colour: str | None = None
    shortcut: str | None = None
    keywords: list[str] = field(default_factory=list)
    guid: str | None = None
    status: Status | None = None
    children: list[CodeSpec] = field(default_factory=list)


@dataclass
class Codebook:
    """A named codebook: its language (an ISO code such as ``"nl"``) and its top-level codes."""

    name: str
    language: str | None = None
    description: str | None = None
    codes: list[CodeSpec] = field(default_factory=list)


class CodeEntry(NamedTuple):
    """A code with both of its addresses, as yielded by :func:`walk`."""

    position: Position
    path: CodePath
    code: CodeSpec


def walk(
    codes: Sequence[CodeSpec], position: Position = (), path: CodePath = ()
) -> Iterator[CodeEntry]:
    """Every code under ``codes``, depth first in file order (a parent before its children).

    Iterative rather than recursive so that a pathologically deep file cannot hit Python's
    recursion limit.
    """
    stack: list[tuple[Position, CodePath, Sequence[CodeSpec], int]] = [(position, path, codes, 0)]
    while stack:
        pos, prefix, siblings, index = stack.pop()
        if index >= len(siblings):
            continue
        code = siblings[index]
        entry = CodeEntry((*pos, index), (*prefix, code.name), code)
        stack.append((pos, prefix, siblings, index + 1))
        stack.append((entry.position, entry.path, code.children, 0))
        yield entry


def iter_codes(codebook: Codebook) -> Iterator[tuple[CodePath, CodeSpec]]:
    """Every code of ``codebook`` with its path of names, depth first in file order."""
    for entry in walk(codebook.codes):
        yield entry.path, entry.code


def count(codebook: Codebook) -> int:
    """The number of codes in the whole tree, groups included."""
    return sum(1 for _ in walk(codebook.codes))


def format_path(path: Sequence[str]) -> str:
    """A path as people write it: ``Knelpunten > Budget``."""
    return PATH_SEPARATOR.join(path)
