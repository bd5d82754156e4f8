"""A model as bytes and back: NumPy arrays in a zip (``.npz``), never a pickle.

A model file lies beside the project, and projects travel (a colleague's folder, a shared
drive): loading a pickle runs whatever code it holds, loading arrays with ``allow_pickle=False``
runs none. Terms are stored as one UTF-8 text joined by newlines (no term holds one: words
never contain white space), ``meta`` as JSON, for what the service needs to know whether the
model is still current.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import numpy as np

from codebench.suggestions.features import FeatureSpace, Vocabulary
from codebench.suggestions.model import Model

FORMAT = 1
"""Bumped when the stored arrays change: an older file is then simply trained again."""


def _text(terms: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)


def _terms(stored: np.ndarray) -> list[str]:
    text = stored.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def dumps(model: Model, meta: dict[str, Any]) -> bytes:
    """The model and ``meta`` (JSON-able) as the bytes of an ``.npz`` file."""
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        meta=_text([json.dumps({**meta, "format": FORMAT})]),
        lemma_terms=_text(model.space.lemmas.terms),
        lemma_idf=model.space.lemmas.idf,
        char_terms=_text(model.space.chars.terms),
        char_idf=model.space.chars.idf,
        codes=np.asarray(model.codes, dtype=np.int64),
        weights=model.weights,
        intercepts=model.intercepts,
        calibration=np.array([model.slope, model.offset, model.threshold], dtype=np.float64),
    )
    return buffer.getvalue()


def loads(data: bytes) -> tuple[Model, dict[str, Any]] | None:
    """The model and its meta; None for a file of another format or one that cannot be read
    (a model is derived from the codings: it is trained again)."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            meta: dict[str, Any] = json.loads(_terms(stored["meta"])[0])
            if meta.get("format") != FORMAT:
                return None
            space = FeatureSpace(
                Vocabulary(_terms(stored["lemma_terms"]), stored["lemma_idf"]),
                Vocabulary(_terms(stored["char_terms"]), stored["char_idf"]),
            )
            slope, offset, threshold = stored["calibration"].tolist()
            model = Model(
                space,
                stored["codes"].tolist(),
                stored["weights"],
                stored["intercepts"],
                slope,
                offset,
                threshold,
            )
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None
    vocabularies = (model.space.lemmas, model.space.chars)
    if model.weights.shape != (len(model.codes), model.space.width) or any(
        v.idf.shape != (len(v.terms),) for v in vocabularies
    ):
        return None
    return model, meta
