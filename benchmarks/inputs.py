"""What the timed commands are given, prepared untimed: the demo project, a size's transcripts
as one folder, the same text as lines for bare spaCy, and what the TUI's first screen shows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from benchmarks.child import codebench, run_command
from benchmarks.corpus import LONG_STEM, Size, corpus_files, generate_corpus
from benchmarks.projects import project_file
from codebench.services.project import open_project
from codebench.storage import models

#: The TUI's marker: the first words of the first sentence, at most this long, so that they
#: fit on the first line of the transcript pane at 120 columns.
MARKER_CHARACTERS = 20


def demo_project(scratch: Path, env: dict[str, str]) -> Path:
    """Build the demo as ``codebench demo --summary`` does, in a data folder of its own."""
    data = scratch / "demo-data"
    run_command([*codebench(), "demo", "--summary"], {**env, "XDG_DATA_HOME": str(data)})
    return data / "codebench" / "demo.codebench"


@dataclass(frozen=True)
class Passage:
    """A passage coder1 coded in the demo, for ``codebench code`` to code again as another."""

    document: str
    code: str
    sentences: str


def demo_passage(demo: Path, env: dict[str, str], scratch: Path) -> Passage:
    listing = scratch / "codings.json"
    command = [*codebench(), "codings", "--format", "json", "--coder", "coder1", "-p", str(demo)]
    run_command(command, env, stdout=listing)
    first = json.loads(listing.read_text(encoding="utf-8"))[0]
    return Passage(first["document"], first["code"], first["sentences"])


def first_words(project: Path) -> str:
    """The start of the first sentence of the document the TUI opens (the first by name)."""
    with open_project(project) as opened, opened.reading() as session:
        document = session.scalars(select(models.Document).order_by(models.Document.name)).first()
        if document is None:
            raise RuntimeError(f"{project}: no documents")
        start, end = session.execute(
            select(models.Sentence.start, models.Sentence.end)
            .where(models.Sentence.document_id == document.id)
            .order_by(models.Sentence.position)
        ).first() or (0, len(document.text))
        text = document.text[start:end]
    marker = ""
    for word in text.split():
        if marker and len(marker) + 1 + len(word) > MARKER_CHARACTERS:
            break
        marker = f"{marker} {word}".strip()
    return marker[:MARKER_CHARACTERS]


def corpus_folder(size: Size, work: Path) -> Path:
    """The size's transcripts as one folder (links into the shared corpus), as a user would
    hand ``codebench import`` a folder of interviews."""
    folder = work / f"folder-{size.key}"
    if not folder.exists():
        building = folder.with_name(folder.name + ".partial")
        building.mkdir(exist_ok=True)
        for path in corpus_files(size, work):
            link = building / path.name
            if not link.exists():
                link.symlink_to(path)
        os.replace(building, folder)
    return folder


def one_transcript(work: Path) -> Path:
    """The first transcript of the corpus: a Word file of 10,000 words."""
    [path] = generate_corpus(work / "corpus-10000", 1, 10_000)
    return path


def spacy_lines(size: Size, work: Path) -> Path:
    """What codebench's import sent through spaCy for the size's transcripts (the long one
    left out, since the import row does not read it): each turn's speech, without its speaker
    label, one paragraph a line, in a file per transcript named by its language. Bare spaCy
    reads these as the import's peer."""
    folder = work / f"speech-{size.key}"
    if folder.exists():
        return folder
    building = folder.with_name(folder.name + ".partial")
    building.mkdir(exist_ok=True)
    with open_project(project_file(size, work)) as project, project.reading() as session:
        documents = session.execute(
            select(models.Document.id, models.Document.language, models.Document.text)
            .where(models.Document.name.not_like(f"{LONG_STEM}%"))
            .order_by(models.Document.name)
        ).all()
        for i, (doc_id, language, text) in enumerate(documents):
            turns = session.execute(
                select(models.Turn.speech_start, models.Turn.end)
                .where(models.Turn.document_id == doc_id)
                .order_by(models.Turn.position)
            )
            speech = "\n".join(text[start:end] for start, end in turns)
            (building / f"{language}_{i:04d}.txt").write_text(speech, encoding="utf-8")
    os.replace(building, folder)
    return folder
