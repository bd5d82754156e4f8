"""Where the bundled sample study lives, in a checkout and in an installed package alike.

A wheel carries ``codebooks/`` and ``sample_transcripts/`` inside the package as ``_data/``;
an editable install or a checkout reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

from codebench.errors import CodebenchError

_PACKAGE = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """The bundled folder ``name`` (``"sample_transcripts"`` or ``"codebooks"``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise CodebenchError(f"the bundled '{name}' folder is missing from this installation")
