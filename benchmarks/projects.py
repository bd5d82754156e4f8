"""The coded project each size's operations read, built once and cached.

A project holds the size's transcripts and the long transcript, a codebook of three themes
with ten codes each, two respondent attributes, and codings by three coders who code the same
passages most of the time (so agreement is realistic: some passages missed, some coded with
another code, some spans trimmed). Codings are bulk inserted, seeded, so the same size always
gives the same project; the import operation itself is timed on fresh projects elsewhere.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from benchmarks.corpus import GENERATOR_VERSION, LONG_STEM, Size, corpus_files, long_transcript
from codebench.services.codebook.edits import add_code
from codebench.services.coders import get_or_create_coder
from codebench.services.project import init_project
from codebench.storage import models

ACTOR = "benchmark"
CODERS = ("coder1", "coder2", "coder3")
THEMES = ("Aanleiding", "Succesfactoren", "Knelpunten")
CODES_PER_THEME = 10
COLOURS = ("#e07a5f", "#3d85c6", "#81b29a", "#f2cc8f", "#b565a7", "#5fa8d3")
ATTRIBUTES = {
    "organisation_type": ("gemeente", "provincie", "netwerkorganisatie", "agentschap"),
    "role": ("beleidsmaker", "projectleider", "ambtenaar"),
}
FOUND = 0.85  # each coder codes a passage with this chance
SUBSTITUTED = 0.1  # ... and then with another code with this chance
TRIMMED = 0.2  # ... and starts the span later with this chance


def work_folder(root: Path) -> Path:
    """The cache of one generator version (older versions' folders are simply not used)."""
    folder = root / f"v{GENERATOR_VERSION}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def project_file(size: Size, work: Path) -> Path:
    return work / f"{size.key}.codebench"


def qdpx_file(size: Size, work: Path) -> Path:
    """The size's REFI-QDA export, left by the export job for the import job and the peers."""
    return work / f"{size.key}.qdpx"


def base_project(size: Size, work: Path) -> Path:
    """The size's coded project file, built on first use."""
    # Imported here: the importers load spaCy, which children that only read need not pay for.
    from codebench.services.documents.importing import ImportOptions, import_files

    path = project_file(size, work)
    if path.exists():
        return path
    building = work / f"{size.key}.building.codebench"
    for leftover in (building, *(building.with_name(building.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    files = [*corpus_files(size, work), long_transcript(size, work)]
    with init_project(building) as project:
        failed = [o.error for o in import_files(project, files, ImportOptions(actor=ACTOR))]
        if any(failed):
            raise RuntimeError(f"the generated corpus did not import: {failed}")
        codes: list[int] = []
        for theme in THEMES:
            add_code(project, theme, actor=ACTOR)
            codes += [
                add_code(
                    project,
                    f"{theme} {i + 1}",
                    parent=theme,
                    actor=ACTOR,
                    colour=COLOURS[(len(codes) + i) % len(COLOURS)],
                )
                for i in range(CODES_PER_THEME)
            ]
        with project.transaction() as session:
            _attributes(session)
            coders = [get_or_create_coder(session, name).id for name in CODERS]
            session.execute(insert(models.Coding), _codings(session, size, codes, coders))
    if building.with_name(building.name + "-wal").exists():
        raise RuntimeError(f"{building}: the journal was not folded in on closing")
    os.replace(building, path)
    return path


def copy_project(source: Path, folder: Path) -> Path:
    """A scratch copy for operations that write (the cached project stays as built)."""
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def _attributes(session: Session) -> None:
    respondents = session.scalars(select(models.Respondent.id).order_by(models.Respondent.id))
    session.execute(
        insert(models.RespondentAttribute),
        [
            {"respondent_id": respondent, "name": name, "value": values[i % len(values)]}
            for i, respondent in enumerate(respondents)
            for name, values in ATTRIBUTES.items()
        ],
    )


def _codings(
    session: Session, size: Size, codes: list[int], coders: list[int]
) -> list[dict[str, Any]]:
    """Codings by document, in document order; the long transcript gets the TUI coder's."""
    long_id = session.scalar(
        select(models.Document.id).where(models.Document.name.startswith(LONG_STEM))
    )
    sentences: dict[int, list[tuple[int, int]]] = {}
    for doc_id, start, end in session.execute(
        select(models.Sentence.document_id, models.Sentence.start, models.Sentence.end).order_by(
            models.Sentence.document_id, models.Sentence.position
        )
    ):
        sentences.setdefault(doc_id, []).append((start, end))
    rng = random.Random(3)
    rows: list[dict[str, Any]] = []
    for doc_id, units in sentences.items():
        if doc_id == long_id:
            rows += _coded(rng, doc_id, units, codes, coders[:1], size.long_codings)
        else:
            rows += _coded(rng, doc_id, units, codes, coders, size.codings_per_document)
    return rows


def _coded(
    rng: random.Random,
    doc_id: int,
    units: list[tuple[int, int]],
    codes: list[int],
    coders: list[int],
    wanted: int,
) -> list[dict[str, Any]]:
    """``wanted`` codings of passages of one to three sentences, no two alike."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, int, int, int]] = set()
    while len(rows) < wanted:
        first = rng.randrange(len(units))
        last = min(len(units) - 1, first + rng.choices((0, 1, 2), (6, 3, 1))[0])
        code = rng.choice(codes)
        for coder in coders:
            if len(coders) > 1 and rng.random() >= FOUND:
                continue
            used = rng.choice(codes) if rng.random() < SUBSTITUTED else code
            start, end = units[first][0], units[last][1]
            if rng.random() < TRIMMED:
                start += rng.randrange((end - start) // 2 + 1)
            if (coder, used, start, end) in seen or len(rows) == wanted:
                continue
            seen.add((coder, used, start, end))
            rows.append(
                {
                    "document_id": doc_id,
                    "code_id": used,
                    "coder_id": coder,
                    "start": start,
                    "end": end,
                    "exemplar": rng.random() < 0.02,
                    "memo": "Opvallend: vergelijk met de andere gemeenten."
                    if rng.random() < 0.01
                    else None,
                }
            )
    return rows
