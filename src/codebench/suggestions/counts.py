"""Sentences' raw term counts, counted once: what :mod:`.features` weighs and fits.

Counting and fitting are two steps because an evaluation fits a vocabulary per fold: it
counts the project's sentences once (:meth:`Counts.of` reads their words as they come, so a
project's words need never be held all at once) and each fold picks its terms from these
counts, as if its training sentences alone had been counted, with array operations instead
of a pass over the words.

Every term is kept here, however rare (a term rare in these sentences may be common in those
a model learned from). Lemma terms are counted per sentence; character n-grams per distinct
word, and per sentence as (sentences x words) @ (words x n-grams): two million words hold a
few ten thousand distinct ones. Terms are numbered in the order they are first met, so that
fitting on all the sentences numbers the columns as counting them would.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp  # type: ignore[import-untyped]

from codebench.suggestions.tokens import Words

CHAR_SIZES = (4,)
CHUNK = 5_000
"""Sentences counted, or weighed into features, at a time: bounds the memory of the
intermediate products and lists."""

Matrix: TypeAlias = Any
"""A ``scipy.sparse.csr_matrix`` of float32 (SciPy ships no type information)."""
Ints = npt.NDArray[np.int64]


def lemma_terms(words: Words) -> list[str]:
    """A sentence's lemmas and lemma bigrams."""
    return [*words.lemmas, *(f"{a} {b}" for a, b in pairwise(words.lemmas))]


def char_grams(word: str) -> list[str]:
    """A word's character n-grams, padded with a space at each end (as ``char_wb``)."""
    padded = f" {word} "
    return [padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1)]


@dataclass(frozen=True)
class Counts:
    """Term counts of sentences in document order."""

    lemma_terms: list[str]
    lemmas: Matrix
    """sentences x lemma terms"""
    char_terms: list[str]
    forms: Matrix
    """sentences x distinct words"""
    grams: Matrix
    """distinct words x character n-grams"""

    @property
    def sentences(self) -> int:
        return int(self.lemmas.shape[0])

    @classmethod
    def of(cls, words: Iterable[Words]) -> Counts:
        """The counts of these sentences, read :data:`CHUNK` at a time (a generator's words
        can be dropped as soon as they are counted)."""
        lemma: dict[str, int] = {}  # vocabularies growing as they are counted: term -> column
        form: dict[str, int] = {}
        char: dict[str, int] = {}
        grams: list[list[int]] = []
        lemmas, forms = [], []
        sentences = iter(words)
        while chunk := list(islice(sentences, CHUNK)):
            lemmas.append(_counts(map(lemma_terms, chunk), lemma))
            forms.append(_counts((w.forms for w in chunk), form))
            grams += [_columns(char_grams(f), char) for f in islice(form, len(grams), None)]
        return cls(
            list(lemma),
            concatenate(lemmas, len(lemma)),
            list(char),
            concatenate(forms, len(form)),
            _matrix(grams, len(char)),
        )


def chunks(rows: Ints) -> list[Ints]:
    """``rows`` :data:`CHUNK` at a time (one empty chunk for none)."""
    return [rows[first : first + CHUNK] for first in range(0, max(len(rows), 1), CHUNK)]


def renumbered(counts: Matrix, columns: npt.NDArray[np.int32], width: int) -> Matrix:
    """``counts`` with column ``c`` moved to ``columns[c]``, those where it is -1 dropped."""
    moved = columns[counts.indices]
    keep = moved >= 0
    lengths = np.bincount(
        np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[keep],
        minlength=counts.shape[0],
    )
    matrix = sp.csr_matrix(
        (counts.data[keep], moved[keep], np.concatenate([[0], np.cumsum(lengths)])),
        shape=(counts.shape[0], width),
    )
    matrix.sort_indices()
    return matrix


def _columns(terms: Iterable[str], vocabulary: dict[str, int]) -> list[int]:
    """The terms' columns, a new term taking the next one."""
    return [vocabulary.setdefault(term, len(vocabulary)) for term in terms]


def _counts(rows: Iterable[Iterable[str]], vocabulary: dict[str, int]) -> Matrix:
    """A count matrix: row i counts the columns of row i's terms."""
    columns = [_columns(terms, vocabulary) for terms in rows]
    return _matrix(columns, len(vocabulary))


def _matrix(rows: Iterable[list[int]], width: int) -> Matrix:
    """Row i counts the columns in ``rows[i]`` (repeated columns summed, in column order)."""
    indices: list[int] = []
    indptr = [0]
    for columns in rows:
        indices += columns
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.array(indices, dtype=np.int32),
            np.array(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, width),
    )
    matrix.sum_duplicates()
    return matrix


def concatenate(parts: list[Matrix], width: int) -> Matrix:
    """Row blocks as one matrix ``width`` columns wide, each block freed once copied
    (``vstack`` holds all twice)."""
    total = sum(part.nnz for part in parts)
    height = sum(part.shape[0] for part in parts)
    data = np.empty(total, dtype=np.float32)
    indices = np.empty(total, dtype=np.int32)
    indptr = np.zeros(height + 1, dtype=np.int64)
    at = row = 0
    while parts:
        part = parts.pop(0)
        data[at : at + part.nnz] = part.data
        indices[at : at + part.nnz] = part.indices
        indptr[row + 1 : row + part.shape[0] + 1] = part.indptr[1:] + at
        at += part.nnz
        row += part.shape[0]
    return sp.csr_matrix((data, indices, indptr), shape=(height, width))
