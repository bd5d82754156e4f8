"""Codebooks as files: the tree of codes, its rules, and the YAML, JSON and CSV formats.

Import from here; the modules behind it are split by job (model, validate, one per format).
"""

from codebench.codebook.formats import SUFFIXES, load_codebook, save_codebook
from codebench.codebook.model import (
    FIELDS,
    STATUSES,
    Codebook,
    CodeEntry,
    CodeSpec,
    Status,
    count,
    format_path,
    iter_codes,
    walk,
)
from codebench.codebook.validate import validate

__all__ = [
    "FIELDS",
    "STATUSES",
    "SUFFIXES",
    "CodeEntry",
    "CodeSpec",
    "Codebook",
    "Status",
    "count",
    "format_path",
    "iter_codes",
    "load_codebook",
    "save_codebook",
    "validate",
    "walk",
]
