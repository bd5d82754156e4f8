"""A coder's model: read from its file when still current, else trained and written again.

The file is a cache of what the coder's codings teach, rebuilt in seconds, so it lives beside
the project rather than in it (the project stays what is shared, exported and backed up):
``study.codebench.suggest/<coder>.npz``, the folder 0700 and the file 0600, since the model's
vocabulary holds the interviews' words. A PostgreSQL project has no file to stand beside: its
models go to the user's cache folder, in a folder named after a hash of the database's URL
(password left out). A folder that cannot be written (a read-only share) only costs training
again next time.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

from codebench.files.private import private_folder, write_private
from codebench.services.coders import find_coder
from codebench.services.project import Project
from codebench.services.suggestions.counting import counted_units
from codebench.services.suggestions.reading import fingerprint, spans_of, units_of
from codebench.suggestions.codec import dumps, loads
from codebench.suggestions.features import FeatureSpace
from codebench.suggestions.model import MAX_POSITIVES, MAX_SENTENCES, Model, fit_model
from codebench.suggestions.units import training_documents, unit_labels

FOLDER_SUFFIX = ".suggest"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Trained:
    """A coder's current model and what it learned from (``codings``: all the coder's;
    ``documents`` and ``sentences``: those it learned from)."""

    model: Model
    coder: str
    documents: int
    sentences: int
    codings: int
    retrained: bool
    """Whether it was trained now (the codings had changed, or there was no model yet)."""


def model_folder(project: Project) -> Path:
    """Where a project's models live: beside the project file, or per database in the cache."""
    if project.file is not None:
        return project.file.with_name(project.file.name + FOLDER_SUFFIX)
    url = project.url.render_as_string(hide_password=True)
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return user_cache_path("codebench") / "suggest" / f"{project.url.database or 'project'}-{key}"


def model_file(project: Project, coder: str) -> Path:
    """The coder's model file: a readable name, and a hash so that names that differ only in
    characters a file name cannot hold never share a file."""
    readable = _UNSAFE.sub("_", coder)[:40] or "coder"
    key = hashlib.sha256(coder.encode("utf-8")).hexdigest()[:8]
    return model_folder(project) / f"{readable}-{key}.npz"


def current_model(project: Project, coder: str) -> Trained:
    """The coder's model, trained again only if their codings (or the documents) changed."""
    coder_id, stamp = _stamp(project, coder)
    stored = _current(project, coder, stamp)
    if stored is not None:
        return stored
    trained, meta = _train(project, coder, coder_id)
    _write(model_file(project, coder), dumps(trained.model, {**meta, "fingerprint": stamp}))
    return trained


def stored_model(project: Project, coder: str) -> Model | None:
    """The coder's model if its file is current, None where it would have to be trained (for
    a caller that holds the coder's sentences counted and trains from those instead)."""
    stored = _current(project, coder, _stamp(project, coder)[1])
    return None if stored is None else stored.model


def _stamp(project: Project, coder: str) -> tuple[int, list[int]]:
    """The coder's id and the fingerprint of what their model would learn from now."""
    with project.reading() as session:
        coder_id = find_coder(session, coder).id
        return coder_id, fingerprint(session, coder_id)


def _current(project: Project, coder: str, stamp: list[int]) -> Trained | None:
    """The model in the coder's file, if it was trained on what the project now holds."""
    stored = _read(model_file(project, coder))
    if stored is None:
        return None
    model, meta = stored
    if meta.get("coder") != coder or meta.get("fingerprint") != stamp:
        return None
    return Trained(model, coder, meta["documents"], meta["sentences"], meta["codings"], False)


def _train(project: Project, coder: str, coder_id: int) -> tuple[Trained, dict[str, Any]]:
    """A model from the coder's codings, and what it learned from (for the file's meta): the
    documents chosen from where the coded sentences lie, then only theirs read and counted."""
    with project.reading() as session:
        spans = spans_of(session, coder_id)
        places = units_of(session, {span.document_id for span in spans}, texts=False)
        kept = training_documents(
            [u.document_id for u in places],
            unit_labels(places, spans),
            MAX_POSITIVES,
            MAX_SENTENCES,
        )
        del places
        units = counted_units(session, kept, spans)
    sentences, codings = units.counts.sentences, len(spans)
    meta = {"coder": coder, "documents": len(kept), "sentences": sentences, "codings": codings}
    del spans
    space, features = FeatureSpace.fit(units.counts, units.documents)
    model = fit_model(space, features, units.documents.tolist(), units.labels)
    return Trained(model, coder, len(kept), sentences, codings, True), meta


def _read(path: Path) -> tuple[Model, dict[str, Any]] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return loads(data)


def _write(path: Path, data: bytes) -> None:
    try:
        private_folder(path.parent)
        write_private(path, data)
    except OSError:
        return
