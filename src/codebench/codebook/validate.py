"""The rules every codebook obeys, whatever format it came from or whoever built it.

Loaders check only what a format can get wrong (syntax, unknown keys, wrong types); the rules
about codes themselves live here so that a YAML file, a spreadsheet and the TUI's codebook
editor are held to the same standard. Problems are reported one at a time, the first one in
file order, as an :class:`InputError` naming the file and the line of the offending code: a
researcher fixes a hand-edited file top to bottom, so the earliest problem is the useful one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from codebench.codebook.model import (
    STATUSES,
    Codebook,
    CodeSpec,
    Position,
    SourceLines,
    format_path,
    walk,
)
from codebench.errors import InputError

_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")
# The form REFI-QDA requires (its schema also allows braces, which importers strip).
_GUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_EXAMPLE_GUID = "564d0ed6-efae-4045-9d7f-066590ff32fd"

#: Deeper than any real codebook (they go three or four levels down); a file beyond it is a
#: mistake, such as a spreadsheet whose parent column chains every row to the one before.
MAX_DEPTH = 50

#: The longest texts the project database stores for these fields.
MAX_LENGTHS = {"name": 300, "name_en": 300, "shortcut": 16}

# Prose may hold line breaks and tabs; no other control character belongs in any text (NUL
# cannot even be stored, and ESC would reach the terminal).
_PROSE_CONTROLS = frozenset("\t\n\r")
_PROSE_FIELDS = ("description", "inclusion", "exclusion", "example")
_WORD_FIELDS = ("name_en", "colour", "shortcut", "status", "guid")


def validate(codebook: Codebook, path: str | Path, lines: SourceLines | None = None) -> None:
    """Raise :class:`InputError` for the first broken rule in ``codebook``, in file order.

    ``path`` is the file the codebook came from (or is going to), used in the message;
    ``lines`` maps code positions to source lines, as the loaders record them.
    """
    lines = lines or {}
    seen: set[int] = set()
    # First owner of each GUID and shortcut: (position, path as shown in messages).
    guids: dict[str, tuple[Position, str]] = {}
    shortcuts: dict[str, tuple[Position, str]] = {}
    names: dict[Position, set[str]] = {}
    for position, code_path, code in walk(codebook.codes):
        line = lines.get(position)
        if id(code) in seen:
            # Only a codebook built in code can share a node; walking it again would never end.
            raise InputError(path, f"code {_quote(code_path)} appears twice in the tree", line)
        seen.add(id(code))
        if len(position) > MAX_DEPTH:
            raise InputError(path, f"codes nested more than {MAX_DEPTH} levels deep", line)
        _check_name(code, code_path, names.setdefault(position[:-1], set()), path, line)
        where = _quote(code_path)
        _check_texts(code, where, path, line)
        if code.colour is not None and not _COLOUR_RE.fullmatch(code.colour):
            raise InputError(
                path, f"invalid colour {code.colour!r} for code {where} (expected #rrggbb)", line
            )
        if code.status is not None and code.status not in STATUSES:
            allowed = ", ".join(STATUSES)
            raise InputError(
                path, f"invalid status {code.status!r} for code {where} (allowed: {allowed})", line
            )
        if code.guid is not None:
            if not _GUID_RE.fullmatch(code.guid):
                raise InputError(
                    path,
                    f"invalid GUID {code.guid!r} for code {where} "
                    f"(expected a UUID such as {_EXAMPLE_GUID})",
                    line,
                )
            first, other = guids.setdefault(code.guid.lower(), (position, where))
            if first != position:
                raise InputError(path, f"duplicate GUID {code.guid} on {other} and {where}", line)
        if code.shortcut is not None:
            first, other = shortcuts.setdefault(code.shortcut, (position, where))
            if first != position:
                raise InputError(
                    path, f"shortcut {code.shortcut!r} used by both {other} and {where}", line
                )


def duplicate_name_message(name: str, parent: Sequence[str]) -> str:
    """The message for two siblings with one name; shared with the CSV loader."""
    return f"duplicate code name {name!r} {_under(parent)}"


def empty_name_message(parent: Sequence[str]) -> str:
    """The message for a code without a name; shared with the CSV loader."""
    return f"empty code name {_under(parent)}"


def _check_name(
    code: CodeSpec,
    code_path: tuple[str, ...],
    sibling_names: set[str],
    path: str | Path,
    line: int | None,
) -> None:
    """Names identify codes for people (shortcut-less coding uses a fuzzy finder on them), so a
    name must be non-empty, one line, and unique among its siblings regardless of case.

    ``sibling_names`` holds the case-folded names of the earlier siblings; this code's is added.
    """
    parent = code_path[:-1]
    name = code.name.strip()
    if not name:
        raise InputError(path, empty_name_message(parent), line)
    if len(name.splitlines()) > 1:
        raise InputError(path, f"code name {name.splitlines()[0]!r}... contains a line break", line)
    if _control(name):
        raise InputError(path, f"code name {name!r} contains a control character", line)
    if len(name) > MAX_LENGTHS["name"]:
        raise InputError(
            path,
            f"code name {name[:40]!r}... is longer than {MAX_LENGTHS['name']} characters",
            line,
        )
    key = name.casefold()
    if key in sibling_names:
        raise InputError(path, duplicate_name_message(name, parent), line)
    sibling_names.add(key)


def _check_texts(code: CodeSpec, where: str, path: str | Path, line: int | None) -> None:
    """No control characters in any text (line breaks only in prose), no text longer than the
    project stores."""
    fields = [(key, getattr(code, key), frozenset[str]()) for key in _WORD_FIELDS]
    fields += [(key, getattr(code, key), _PROSE_CONTROLS) for key in _PROSE_FIELDS]
    fields += [("keywords", word, frozenset[str]()) for word in code.keywords]
    for key, value, allowed in fields:
        if value is not None and _control(value, allowed):
            raise InputError(path, f"{key!r} of code {where} contains a control character", line)
    for key, limit in MAX_LENGTHS.items():
        value = getattr(code, key)
        if key != "name" and value is not None and len(value) > limit:
            message = f"{key!r} of code {where} is longer than {limit} characters"
            raise InputError(path, message, line)


def _control(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` holds a control character other than those ``allowed``."""
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def _under(parent: Sequence[str]) -> str:
    return f"under {format_path(parent)!r}" if parent else "at top level"


def _quote(code_path: Sequence[str]) -> str:
    return repr(format_path(code_path))
