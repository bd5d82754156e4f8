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
from codebench.services.suggestions.reading import fingerprint, spans_of, units_of
from codebench.suggestions.codec import dumps, loads
from codebench.suggestions.features import FeatureSpace
from codebench.suggestions.model import MAX_POSITIVES, Model, fit_model
from codebench.suggestions.tokens import tokenize
from codebench.suggestions.units import training_documents, unit_labels

FOLDER_SUFFIX = ".suggest"
MAX_SENTENCES = 40_000
"""Sentences a model learns from at most (see :func:`training_documents`): a coder's
hundredth interview teaches the model little its first fifty did not, and a project of
100,000 codings trains in seconds and a few hundred megabytes."""
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
    with project.reading() as session:
        coder_id = find_coder(session, coder).id
        stamp = fingerprint(session, coder_id)
    path = model_file(project, coder)
    stored = _read(path)
    if stored is not None:
        model, meta = stored
        if meta.get("coder") == coder and meta.get("fingerprint") == stamp:
            return Trained(
                model, coder, meta["documents"], meta["sentences"], meta["codings"], False
            )
    trained, meta = _train(project, coder, coder_id)
    _write(path, dumps(trained.model, {**meta, "fingerprint": stamp}))
    return trained


def _train(project: Project, coder: str, coder_id: int) -> tuple[Trained, dict[str, Any]]:
    """A model from the coder's codings, and what it learned from (for the file's meta)."""
    with project.reading() as session:
        spans = spans_of(session, coder_id)
        units = units_of(session, {span.document_id for span in spans})
    labels = unit_labels(units, spans)
    kept = training_documents([u.document_id for u in units], labels, MAX_POSITIVES, MAX_SENTENCES)
    rows = [i for i, unit in enumerate(units) if unit.document_id in kept]
    labels = [labels[i] for i in rows]
    documents = [units[i].document_id for i in rows]
    codings = len(spans)
    meta = {"coder": coder, "documents": len(kept), "sentences": len(rows), "codings": codings}
    texts, languages = [units[i].text for i in rows], [units[i].language for i in rows]
    del units, spans  # a large project's sentences and words are not held while it trains
    space, features = FeatureSpace.fit_transform(tokenize(texts, languages), documents)
    del texts
    model = fit_model(space, features, documents, labels)
    return Trained(model, coder, len(kept), len(rows), codings, True), meta


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
