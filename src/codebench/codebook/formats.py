"""Load and save codebooks by file suffix: the one entry point the services and the CLI use.

Loading always ends in :func:`validate`, with the source lines the format recorded, so no
caller can get hold of a codebook that breaks the rules. Saving validates too and writes through
a temporary file that replaces the target only when complete: a failed save never leaves half a
codebook where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from codebench.codebook.csv_format import dump_csv, load_csv
from codebench.codebook.json_format import dump_json, load_json
from codebench.codebook.model import Codebook, Position
from codebench.codebook.validate import validate
from codebench.codebook.yaml_format import dump_yaml, load_yaml
from codebench.errors import InputError
from codebench.files.encoding import read_text

Loader = Callable[[str, Path], tuple[Codebook, dict[Position, int]]]
Dumper = Callable[[Codebook, Path], str]

_LOADERS: dict[str, Loader] = {
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".json": load_json,
    ".csv": load_csv,
}
_DUMPERS: dict[str, Dumper] = {
    ".yaml": lambda codebook, _path: dump_yaml(codebook),
    ".yml": lambda codebook, _path: dump_yaml(codebook),
    ".json": lambda codebook, _path: dump_json(codebook),
    ".csv": dump_csv,
}
# Excel only recognises UTF-8 in a CSV by its byte-order mark; the other formats go without.
_ENCODINGS = {".csv": "utf-8-sig"}

#: The suffixes :func:`load_codebook` and :func:`save_codebook` understand.
SUFFIXES: tuple[str, ...] = tuple(_LOADERS)


def load_codebook(path: str | Path) -> Codebook:
    """Read, parse and validate the codebook in ``path`` (format chosen by suffix).

    Every problem, from an unreadable file to a duplicate shortcut, is an :class:`InputError`
    naming the file and, where it has one, the line.
    """
    path = Path(path)
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise InputError(path, _unsupported(path))
    text = read_text(path)
    try:
        codebook, lines = loader(text, path)
    except RecursionError as exc:
        raise InputError(path, "codes are nested too deeply") from exc
    validate(codebook, path, lines)
    return codebook


def save_codebook(codebook: Codebook, path: str | Path) -> None:
    """Validate ``codebook`` and write it to ``path`` in the format its suffix names."""
    path = Path(path)
    dumper = _DUMPERS.get(path.suffix.lower())
    if dumper is None:
        raise InputError(path, _unsupported(path))
    validate(codebook, path)
    text = dumper(codebook, path)
    _write_atomically(path, text, _ENCODINGS.get(path.suffix.lower(), "utf-8"))


def _unsupported(path: Path) -> str:
    known = ", ".join(SUFFIXES)
    suffix = path.suffix or "(none)"
    return f"unsupported codebook format {suffix!r} (use {known})"


def _write_atomically(path: Path, text: str, encoding: str) -> None:
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise InputError(path, f"cannot write file: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(path, f"cannot write file: {exc.strerror or exc}") from exc
