"""REFI-QDA (QDA-XML 1.0) export: a ``.qdc`` codebook and a ``.qdpx`` project.

Every file is validated against the schema shipped in ``codebench/exports/schemas`` before the
export is reported done; an invalid file is removed and a one-line error raised.
"""

from __future__ import annotations

from codebench.exports.refi.codebook import write_qdc

__all__ = ["write_qdc"]
