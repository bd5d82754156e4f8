"""The nested structure YAML and JSON codebooks share, converted to and from the model.

Both formats describe the same tree (top-level ``name``, ``language``, ``description``,
``codes``; codes nested by ``children``), so one converter serves both and a file moves between
them without surprises. The converter checks what a parser cannot: unknown keys, wrong types,
missing ``codes``. It reads line numbers from :class:`LineMap` where the parser recorded them, so
every message can point at the line to fix; plain dicts simply give no line.

Texts are stripped and empty texts become ``None``: a spreadsheet cell with a stray space or an
empty ``example: ""`` means "no example", and the same codebook must compare equal whichever
format it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from codebench.codebook.model import (
    FIELDS,
    TEXT_FIELDS,
    TOP_LEVEL_KEYS,
    Codebook,
    CodeSpec,
    Position,
    Status,
    format_path,
)
from codebench.errors import InputError

#: More codes than any real codebook has; a file beyond it is a mistake or an alias bomb.
MAX_CODES = 100_000


class LineMap(dict[str, Any]):
    """A mapping that remembers the source line where it starts and where each key is."""

    def __init__(self, line: int | None = None) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


def codebook_from_data(data: object, path: Path) -> tuple[Codebook, dict[Position, int]]:
    """Build a codebook from parsed YAML or JSON and the source line of every code.

    A file without a ``name`` is named after its stem, like a CSV codebook.
    """
    if not isinstance(data, dict):
        allowed = ", ".join(TOP_LEVEL_KEYS)
        raise InputError(path, f"not a codebook: expected a mapping with the keys {allowed}", 1)
    _check_keys(data, TOP_LEVEL_KEYS, "key", path)
    if "codes" not in data:
        raise InputError(path, "missing key 'codes' (the list of codes)", _line(data))
    build = _Build(path)
    codes = build.codes(data, "codes", (), ())
    name = _text(data, "name", "the codebook", path) or path.stem
    codebook = Codebook(
        name=name,
        language=_text(data, "language", "the codebook", path),
        description=_text(data, "description", "the codebook", path),
        codes=codes,
    )
    return codebook, build.lines


def codebook_to_data(codebook: Codebook) -> dict[str, Any]:
    """The codebook as plain dicts and lists, keys in file order, empty optional fields left out."""
    data: dict[str, Any] = {"name": codebook.name}
    if codebook.language:
        data["language"] = codebook.language
    if codebook.description:
        data["description"] = codebook.description
    data["codes"] = [code_to_data(code) for code in codebook.codes]
    return data


def code_to_data(code: CodeSpec) -> dict[str, Any]:
    """One code and its subtree in :data:`FIELDS` order, without empty fields."""
    data: dict[str, Any] = {}
    for key in FIELDS:
        value = getattr(code, key)
        if key == "children":
            value = [code_to_data(child) for child in code.children]
        elif key == "keywords":
            value = list(value)
        if value or key == "name":
            data[key] = value
    return data


@dataclass
class _Build:
    """State while building one codebook: where lines go, and how many codes so far.

    The count guards against YAML aliases: ``children: *group`` repeated at several levels
    describes exponentially many codes in a few lines, which must fail fast, not hang.
    """

    path: Path
    lines: dict[Position, int] = field(default_factory=dict)
    built: int = 0

    def codes(
        self,
        container: dict[str, Any],
        key: str,
        parent_position: Position,
        parent_path: tuple[str, ...],
    ) -> list[CodeSpec]:
        """The list under ``container[key]`` as codes; records each code's line."""
        path = self.path
        items = container.get(key)
        if items is None:
            return []
        owner = f"code {format_path(parent_path)!r}" if parent_path else "the codebook"
        if not isinstance(items, list):
            raise InputError(
                path, f"{key!r} of {owner} must be a list of codes", _key_line(container, key)
            )
        codes: list[CodeSpec] = []
        for index, item in enumerate(items):
            position = (*parent_position, index)
            if not isinstance(item, dict):
                raise InputError(
                    path,
                    f"each entry of {key!r} of {owner} must be a code (a mapping with 'name'), "
                    f"not {_kind(item)}",
                    _key_line(container, key),
                )
            self.built += 1
            if self.built > MAX_CODES:
                raise InputError(path, f"more than {MAX_CODES} codes", _line(item))
            # Its name's line identifies a code best (in JSON the "{" often has a line of its own).
            line = _key_line(item, "name")
            if line is not None:
                self.lines[position] = line
            codes.append(self.code(item, position, parent_path))
        return codes

    def code(
        self, item: dict[str, Any], position: Position, parent_path: tuple[str, ...]
    ) -> CodeSpec:
        """One code and, through :meth:`codes`, its children."""
        path = self.path
        _check_keys(item, FIELDS, "field", path)
        raw_name = item.get("name")
        if raw_name is not None and not isinstance(raw_name, str):
            raise InputError(path, f"code name must be text, not {_kind(raw_name)}", _line(item))
        name = (raw_name or "").strip()
        code_path = (*parent_path, name)
        owner = f"code {format_path(code_path)!r}"
        texts = {key: _text(item, key, owner, path) for key in TEXT_FIELDS}
        return CodeSpec(
            name=name,
            name_en=texts["name_en"],
            description=texts["description"],
            inclusion=texts["inclusion"],
            exclusion=texts["exclusion"],
            example=texts["example"],
            colour=texts["colour"],
            shortcut=texts["shortcut"],
            keywords=_keywords(item, owner, path),
            guid=texts["guid"],
            # validate() rejects any other value, naming the line.
            status=cast(Status | None, texts["status"]),
            children=self.codes(item, "children", position, code_path),
        )


def _check_keys(data: dict[str, Any], allowed: Sequence[str], what: str, path: Path) -> None:
    for key in data:
        if key not in allowed:
            listed = ", ".join(allowed)
            raise InputError(
                path, f"unknown {what} {key!r} (allowed: {listed})", _key_line(data, key)
            )


def _text(data: dict[str, Any], key: str, owner: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(
            path, f"{key!r} of {owner} must be text, not {_kind(value)}", _key_line(data, key)
        )
    return value.strip() or None


def _keywords(data: dict[str, Any], owner: str, path: Path) -> list[str]:
    value = data.get("keywords")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise InputError(
            path,
            f"'keywords' of {owner} must be a list of words, e.g. [budget, geld]",
            _key_line(data, "keywords"),
        )
    return [word.strip() for word in value if word.strip()]


def _line(data: dict[str, Any]) -> int | None:
    return data.line if isinstance(data, LineMap) else None


def _key_line(data: dict[str, Any], key: str) -> int | None:
    if isinstance(data, LineMap):
        return data.key_lines.get(key, data.line)
    return None


def _kind(value: object) -> str:
    """What a wrong value is, in words a researcher knows."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {value!r}"
    return type(value).__name__
