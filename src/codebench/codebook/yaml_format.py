"""The native, hand-editable codebook format: YAML as in ``codebooks/*.yaml``.

Researchers edit these files in a text editor, so the loader is built for their mistakes:

* every mapping remembers its line, so an error names the line to fix;
* plain scalars are always text: in a codebook no value is a number or a yes/no, and YAML 1.1
  would otherwise turn ``shortcut: 1`` into an integer and a code named ``No`` into ``False``;
  for the same reason an explicit type tag (``!!int``, ``!!timestamp`` ...) is refused;
* a key given twice is an error instead of YAML's silent "last one wins";
* ``colour: #4c72b0`` without quotes (an unquoted ``#`` starts a comment, leaving no value) is
  reported with the fix, because it is the mistake everybody makes once.

Saving writes what a person would: block style, keys in :data:`FIELDS` order, empty fields left
out, long definitions as folded blocks, keywords on one line, a blank line between top-level
groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

from codebench.codebook.model import Codebook, Position
from codebench.codebook.structure import LineMap, codebook_from_data, codebook_to_data
from codebench.errors import InputError

_KEEP_RESOLVERS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}
_UNQUOTED_COLOUR_RE = re.compile(r"\s*(?:-\s+)?colour\s*:\s*(#\S*)")
_LONG_TEXT_KEYS = ("description", "inclusion", "exclusion", "example")
_FOLD_ABOVE = 60
_WIDTH = 80


class _Problem(ConstructorError):
    """A mistake this loader itself detects; its message needs no "invalid YAML" prefix."""


class LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings are :class:`LineMap` objects and whose plain scalars are text.

    Also used on JSON text, only to learn where each mapping is.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.source_lines = text.split("\n")


LineLoader.yaml_implicit_resolvers = {
    first: kept
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if (kept := [(tag, regexp) for tag, regexp in resolvers if tag in _KEEP_RESOLVERS])
}


def _construct_mapping(loader: LineLoader, node: MappingNode) -> Iterator[LineMap]:
    if not isinstance(node, MappingNode):  # a list or text tagged !!map
        raise _Problem(
            None, None, "the tag !!map is on something that is no mapping", node.start_mark
        )
    data = LineMap(node.start_mark.line + 1)
    yield data
    # Keys merged in with ``<<`` may be overridden; only keys written twice are a mistake.
    written = {id(key_node) for key_node, _ in node.value}
    loader.flatten_mapping(node)
    explicit: set[str] = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise _Problem(None, None, "keys must be text", key_node.start_mark)
        if id(key_node) in written:
            if key in explicit:
                raise _Problem(None, None, f"duplicate key {key!r}", key_node.start_mark)
            explicit.add(key)
        value = loader.construct_object(value_node, deep=True)
        if key == "colour" and value is None and isinstance(value_node, ScalarNode):
            match = _UNQUOTED_COLOUR_RE.match(loader.source_lines[key_line - 1])
            if match:
                colour = match.group(1)
                raise _Problem(
                    None,
                    None,
                    f'colour {colour} must be in quotes: colour: "{colour}" '
                    "(an unquoted # starts a comment)",
                    key_node.start_mark,
                )
        data[key] = value
        data.key_lines[key] = key_line


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _untyped(loader: LineLoader, node: yaml.Node) -> None:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise _Problem(
        None, None, f"the tag {tag} is not allowed (codebook values are text)", node.start_mark
    )


# Every value of a codebook is text, a list or a mapping. An explicit type tag (!!int, !!float,
# !!timestamp, !!binary ...) would make PyYAML convert the value, and fail in its own way where
# the value does not convert; such a tag is refused instead, whatever value it has.
for _tag in yaml.SafeLoader.yaml_constructors:
    if _tag is not None and _tag.rsplit(":", 1)[-1] not in ("str", "map", "seq", "null"):
        LineLoader.add_constructor(_tag, _untyped)


def parse_yaml(text: str, path: Path, kind: str = "YAML") -> Any:
    """Parse ``text`` with :class:`LineLoader`; syntax errors become :class:`InputError`."""
    try:
        loader = LineLoader(text)  # checks for unprintable characters right away
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, kind) from exc
    try:
        return loader.get_single_data()
    except _Problem as exc:
        raise _error(exc, path, kind, prefix=False) from exc
    except yaml.MarkedYAMLError as exc:
        raise _error(exc, path, kind, prefix=True) from exc
    finally:
        loader.dispose()


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: Path, kind: str) -> InputError:
    """YAML refuses control characters; name the character and its line."""
    line = text[: exc.position].count("\n") + 1
    return InputError(path, f"invalid {kind}: unacceptable character #x{exc.character:04x}", line)


def _error(exc: yaml.MarkedYAMLError, path: Path, kind: str, *, prefix: bool) -> InputError:
    """One line from a PyYAML error: the problem and its line, plus the construct it was in
    (``while scanning a quoted scalar``) and where that started, which is often the real cause,
    such as an unclosed quote many lines up."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = exc.problem or exc.context or "syntax error"
    if exc.problem and exc.context:
        where = exc.context_mark
        started = f" on line {where.line + 1}" if where is not None else ""
        problem = f"{problem} ({exc.context}{started})"
    return InputError(path, f"invalid {kind}: {problem}" if prefix else problem, line)


def load_yaml(text: str, path: Path) -> tuple[Codebook, dict[Position, int]]:
    """A codebook from YAML text, with the line of every code."""
    data = parse_yaml(text, path)
    if data is None:
        raise InputError(path, "no codebook in the file (only comments or blank lines)")
    return codebook_from_data(data, path)


def dump_yaml(codebook: Codebook) -> str:
    """The codebook as native YAML text."""
    data = _styled(codebook_to_data(codebook))
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_WIDTH,
    )
    return _separate_groups(text)


class _Folded(str):
    """Long prose, written as a folded block (``>-``) that wraps at the file width."""


class _Literal(str):
    """Prose with line breaks of its own, written as a literal block (``|-``)."""


class _DoubleQuoted(str):
    """A colour, quoted as in the bundled codebooks (``"#4c72b0"``)."""


class _FlowList(list[str]):
    """Keywords, on one line as ``[a, b, c]``."""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as people (and the bundled files) write YAML."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_styled(style: str) -> Any:
    def represent(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)

    return represent


def _represent_flow(dumper: yaml.SafeDumper, value: list[str]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(_Folded, _represent_styled(">"))
_Dumper.add_representer(_Literal, _represent_styled("|"))
_Dumper.add_representer(_DoubleQuoted, _represent_styled('"'))
_Dumper.add_representer(_FlowList, _represent_flow)


def _styled(data: dict[str, Any]) -> dict[str, Any]:
    """Mark the values that read better in a particular YAML style. The emitter falls back to a
    quoted style by itself where a block cannot hold the text exactly (e.g. trailing spaces)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in _LONG_TEXT_KEYS and isinstance(value, str):
            if "\n" in value:
                value = _Literal(value)
            elif len(value) > _FOLD_ABOVE:
                value = _Folded(value)
        elif key == "colour":
            value = _DoubleQuoted(value)
        elif key == "keywords":
            value = _FlowList(value)
        elif key in ("codes", "children"):
            value = [_styled(child) for child in value]
        out[key] = value
    return out


def _separate_groups(text: str) -> str:
    """A blank line before each top-level code after the first: groups stand apart on screen.

    ``codes`` is the last top-level key and its items are the only lines after it indented by
    exactly two spaces and a dash, so this cannot touch text inside a value.
    """
    head, marker, tail = text.partition("\ncodes:\n")
    if not marker:
        return text
    items = tail.split("\n  - ")
    return head + marker + "\n\n  - ".join(items)
