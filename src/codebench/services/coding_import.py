"""Codings from a spreadsheet: one row per coding, the passage given as its exact quote.

This is how the demo's two coders are kept (a CSV a person can read and correct) and how a team
brings in codings made elsewhere. The file is checked completely before anything is written:
one quote that is not found, or is found twice, names its line and changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from codebench.errors import CodebenchError, InputError
from codebench.importers.encoding import read_text
from codebench.services.codes import find_code, get_or_create_coder
from codebench.services.coding import Location, locate
from codebench.services.coding_ops import create_coding
from codebench.services.events import default_actor
from codebench.services.overview import find_document
from codebench.services.project import Project
from codebench.storage import models

REQUIRED = ("document", "code", "coder", "quote")
TRUE = {"1", "true", "yes", "ja", "y", "x", "*"}


@dataclass(frozen=True)
class CodingsImported:
    codings: int
    coders: tuple[str, ...]


def import_codings(project: Project, path: Path, actor: str | None = None) -> CodingsImported:
    """Add every coding of a CSV (document, code, coder, quote[, occurrence, exemplar, memo])."""
    reader = csv.DictReader(io.StringIO(read_text(path)))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, f"missing column(s): {', '.join(missing)}", line=1)
    who = actor or default_actor()
    coders: set[str] = set()
    count = 0
    with project.transaction() as session:
        documents: dict[str, models.Document] = {}
        codes: dict[str, models.Code] = {}
        for row in reader:
            line = reader.line_num
            try:
                name = row["document"].strip()
                if name not in documents:
                    documents[name] = find_document(session, name)
                if row["code"] not in codes:
                    codes[row["code"]] = find_code(session, row["code"])
                occurrence = int(row["occurrence"]) if row.get("occurrence") else None
                start, end = locate(
                    session, documents[name], Location(quote=row["quote"], occurrence=occurrence)
                )
                coder = get_or_create_coder(session, row["coder"])
            except (CodebenchError, ValueError) as exc:
                raise InputError(path, str(exc), line=line) from exc
            values = {
                "document_id": documents[name].id,
                "code_id": codes[row["code"]].id,
                "coder_id": coder.id,
                "start": start,
                "end": end,
                "memo": (row.get("memo") or "").strip() or None,
                "exemplar": (row.get("exemplar") or "").strip().casefold() in TRUE,
            }
            try:
                create_coding(session, who, values)
            except CodebenchError as exc:
                raise InputError(path, str(exc), line=line) from exc
            coders.add(coder.name)
            count += 1
        if count == 0:
            raise InputError(path, "no codings in the file")
    return CodingsImported(count, tuple(sorted(coders)))
