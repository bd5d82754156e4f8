"""Shared helpers for the codebook tests: write a file, load it, get the one-line error."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from codebench.codebook.formats import load_codebook
from codebench.errors import InputError


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` (dedented) to ``directory/name`` and return the path."""
    path = directory / name
    path.write_text(dedent(text).lstrip("\n"), encoding=encoding)
    return path


def load_error(path: Path) -> str:
    """The message :func:`load_codebook` raises for ``path`` (the test fails if it loads)."""
    with pytest.raises(InputError) as info:
        load_codebook(path)
    message = str(info.value)
    assert "\n" not in message
    return message
