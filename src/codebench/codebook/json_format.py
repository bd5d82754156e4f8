"""Codebooks as JSON: the YAML structure for tools and scripts that speak JSON.

Values come from the standard :mod:`json` parser, which is exact about JSON. Line numbers for
messages come from a second pass with the YAML line loader, which reads nearly all JSON (JSON is
almost a subset of YAML); where it cannot, messages simply carry no line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codebench.codebook.model import Codebook, Position
from codebench.codebook.structure import LineMap, codebook_from_data, codebook_to_data
from codebench.codebook.yaml_format import parse_yaml
from codebench.errors import InputError

# Python's own limit on converting digits to an int (sys.int_info.default_max_str_digits).
_MAX_DIGITS = 4300


class _NumberTooLongError(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def load_json(text: str, path: Path) -> tuple[Codebook, dict[Position, int]]:
    """A codebook from JSON text, with the line of every code where it can be found."""
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", exc.lineno) from exc
    except _NumberTooLongError as exc:
        raise InputError(path, f"invalid JSON: a number of {exc.digits} digits") from exc
    except _DuplicateKeyError as exc:
        # The YAML pass finds the same duplicate and knows its line.
        _shadow(text, path)
        raise InputError(path, f"duplicate key {exc.key!r}") from exc
    return codebook_from_data(_with_lines(data, _shadow(text, path)), path)


def dump_json(codebook: Codebook) -> str:
    """The codebook as indented UTF-8 JSON (accents kept readable, not escaped)."""
    return json.dumps(codebook_to_data(codebook), ensure_ascii=False, indent=2) + "\n"


def _integer(text: str) -> int:
    """A JSON integer; Python refuses to convert one of thousands of digits."""
    if len(text) > _MAX_DIGITS:
        raise _NumberTooLongError(len(text))
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKeyError(key)
        data[key] = value
    return data


def _shadow(text: str, path: Path) -> Any:
    """The same document parsed by the YAML line loader, or ``None`` if YAML cannot read it.

    Only this loader's own findings (such as a duplicate key, with its line) are passed on.
    """
    try:
        # JSON allows tabs between tokens where YAML does not, and forbids raw tabs inside
        # strings, so turning every tab into a space changes no value and no line.
        return parse_yaml(text.replace("\t", " "), path, kind="JSON")
    except InputError as exc:
        if exc.reason.startswith("duplicate key"):
            raise
        return None


def _with_lines(value: Any, shadow: Any) -> Any:
    """``value`` with its mappings replaced by :class:`LineMap` carrying the lines of ``shadow``
    wherever the two parses agree in shape."""
    if isinstance(value, dict):
        lined = isinstance(shadow, LineMap)
        out = LineMap(shadow.line if lined else None)
        for key, item in value.items():
            out[key] = _with_lines(item, shadow.get(key) if lined else None)
            if lined and key in shadow.key_lines:
                out.key_lines[key] = shadow.key_lines[key]
        return out
    if isinstance(value, list):
        shadows = shadow if isinstance(shadow, list) and len(shadow) == len(value) else []
        return [
            _with_lines(item, shadows[index] if shadows else None)
            for index, item in enumerate(value)
        ]
    return value
