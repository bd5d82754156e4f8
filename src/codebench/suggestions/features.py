"""Sentences as vectors: TF-IDF on lemma n-grams with their neighbours, and character n-grams.

Two blocks, each L2-normalised, side by side, the row normalised again:

* lemmas and lemma bigrams of the sentence plus those of the sentences before and after it in
  the same document: a coded passage runs over one to three sentences, and on the demo the
  neighbours lift micro F1 by ten points;
* character 4-grams of the sentence's words (as scikit-learn's ``char_wb``), which catch
  compounds and inflections the lemma tables miss ("taalmodellen", "taalmodel"); on the demo
  3- to 5-grams score the same with three times the numbers to hold.

Only terms seen in at least :data:`MIN_DF` sentences are kept. Character n-grams are counted
per distinct word and summed per sentence with a sparse product, not per sentence: two million
words hold a few ten thousand distinct ones. Sentences are counted :data:`CHUNK` at a time and
the matrix is put together with its final size known, so memory holds the features about
once, not once per step (at 120,000 sentences they are 30 million numbers). The vocabulary is
plain lists and arrays (see :mod:`codebench.suggestions.codec`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp  # type: ignore[import-untyped]

from codebench.suggestions.tokens import Words

CHAR_SIZES = (4,)
MIN_DF = 2
CONTEXT = 1.0
"""Weight of each neighbouring sentence's lemma features against the sentence's own."""
CHUNK = 20_000
"""Sentences counted at a time: bounds the memory of the intermediate products."""

Floats = npt.NDArray[np.float32]
Matrix: TypeAlias = Any
"""A ``scipy.sparse.csr_matrix`` of float32 (SciPy ships no type information)."""
Column = Callable[[str], int | None]


@dataclass(frozen=True)
class Vocabulary:
    """Terms in column order and their inverse document frequencies."""

    terms: list[str]
    idf: Floats
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {term: i for i, term in enumerate(self.terms)})

    def lookup(self, term: str) -> int | None:
        return self.index.get(term)


class _Growing:
    """A vocabulary being counted: every new term gets the next column."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, term: str) -> int:
        return self.index.setdefault(term, len(self.index))


def lemma_terms(words: Words) -> list[str]:
    """A sentence's lemmas and lemma bigrams."""
    return [*words.lemmas, *(f"{a} {b}" for a, b in pairwise(words.lemmas))]


def char_grams(word: str) -> list[str]:
    """A word's character n-grams, padded with a space at each end (as ``char_wb``)."""
    padded = f" {word} "
    return [padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1)]


@dataclass(frozen=True)
class FeatureSpace:
    """The two vocabularies a model's features are counted in."""

    lemmas: Vocabulary
    chars: Vocabulary

    @property
    def width(self) -> int:
        return len(self.lemmas.terms) + len(self.chars.terms)

    @classmethod
    def fit_transform(
        cls, words: Sequence[Words], documents: Sequence[int]
    ) -> tuple[FeatureSpace, Matrix]:
        """The vocabularies of these sentences (in document order, ``documents`` naming each
        one's document) and their rows."""
        lemma_column, char_column = _Growing(), _Growing()
        lemma, chars = _count(words, lemma_column, char_column)
        lemma_vocabulary, lemma = _frequent(lemma, lemma_column.index, len(words))
        char_vocabulary, chars = _frequent(chars, char_column.index, len(words))
        space = cls(lemma_vocabulary, char_vocabulary)
        return space, space._rows(lemma, chars, documents)

    def transform(self, words: Sequence[Words], documents: Sequence[int]) -> Matrix:
        """The rows of sentences (in document order) in this space's columns."""
        widths = (len(self.lemmas.terms), len(self.chars.terms))
        lemma, chars = _count(words, self.lemmas.lookup, self.chars.lookup, widths)
        return self._rows(lemma, chars, documents)

    def _rows(self, lemma: list[Matrix], chars: list[Matrix], documents: Sequence[int]) -> Matrix:
        for part in lemma:
            _tfidf(part, self.lemmas.idf)
        for part in chars:
            _tfidf(part, self.chars.idf)
        lemmas = sp.vstack(lemma, format="csr") if lemma else _empty(len(self.lemmas.terms))
        first = 0
        rows = []
        while chars:  # consumed as it goes: each chunk is held once
            part = chars.pop(0)
            last = first + part.shape[0]
            own = _with_neighbours(lemmas, documents, first, last)
            row = sp.hstack([own, part], format="csr", dtype=np.float32)
            _normalise(row)
            rows.append(row)
            first = last
        return _concatenate(rows, self.width)


def _with_neighbours(lemmas: Matrix, documents: Sequence[int], first: int, last: int) -> Matrix:
    """Rows ``first`` to ``last`` of the lemma block with :data:`CONTEXT` times the rows of
    their neighbours in the same document added, normalised."""
    start, stop = max(first - 1, 0), min(last + 1, lemmas.shape[0])
    block = lemmas[start:stop]
    block = block + neighbours(documents[start:stop]) @ block * CONTEXT
    own = block[first - start : last - start].astype(np.float32, copy=False)
    _normalise(own)
    return own


def _empty(width: int) -> Matrix:
    return sp.csr_matrix((0, width), dtype=np.float32)


def _count(
    words: Sequence[Words],
    lemma: Column,
    char: Column,
    widths: tuple[int | None, int | None] = (None, None),
) -> tuple[list[Matrix], list[Matrix]]:
    """Lemma and character n-gram counts, :data:`CHUNK` sentences at a time, ``widths``
    columns wide (for a growing vocabulary: as wide as the columns found so far)."""
    grams: dict[str, list[int]] = {}
    lemmas, chars = [], []
    for first in range(0, max(len(words), 1), CHUNK):
        chunk = words[first : first + CHUNK]
        lemmas.append(_counts((lemma_terms(w) for w in chunk), lemma, widths[0]))
        chars.append(_char_counts(chunk, char, grams, widths[1]))
    return lemmas, chars


def _char_counts(
    words: Sequence[Words], column: Column, grams: dict[str, list[int]], width: int | None
) -> Matrix:
    """Sentences x n-grams, as (sentences x distinct words) @ (distinct words x n-grams);
    ``grams`` keeps each word's n-gram columns across chunks."""
    types: dict[str, int] = {}
    per_unit = _counts((w.forms for w in words), lambda f: types.setdefault(f, len(types)), None)
    rows = []
    for form in types:
        found = grams.get(form)
        if found is None:
            found = grams[form] = [c for c in map(column, char_grams(form)) if c is not None]
        rows.append(found)
    if width is None:
        width = max((max(r) for r in rows if r), default=-1) + 1
    per_word = _from_columns(rows, width)
    product: Matrix = per_unit @ per_word
    return product


def _counts(rows: Iterable[Iterable[str]], column: Column, width: int | None) -> Matrix:
    """A count matrix: row i counts the columns of row i's terms (unknown terms dropped)."""
    return _from_columns(
        ([c for c in map(column, terms) if c is not None] for terms in rows), width
    )


def _from_columns(rows: Iterable[list[int]], width: int | None) -> Matrix:
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    for columns in rows:
        found = Counter(columns)
        indices.extend(found)
        data.extend(found.values())
        indptr.append(len(indices))
    if width is None:
        width = max(indices, default=-1) + 1
    matrix = sp.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), indptr),
        shape=(len(indptr) - 1, width),
    )
    matrix.sort_indices()
    return matrix


def _frequent(
    parts: list[Matrix], index: dict[str, int], units: int
) -> tuple[Vocabulary, list[Matrix]]:
    """The terms in at least :data:`MIN_DF` sentences, with smooth IDF, and the counts with
    only their columns (renumbered in order)."""
    terms = list(index)
    df = np.zeros(len(terms), dtype=np.int64)
    for part in parts:
        df += np.bincount(part.indices, minlength=len(terms))
    kept = np.flatnonzero(df >= MIN_DF)
    renumber = np.full(len(terms), -1, dtype=np.int32)
    renumber[kept] = np.arange(len(kept), dtype=np.int32)
    idf = (np.log((1 + units) / (1 + df[kept])) + 1).astype(np.float32)
    filtered = []
    while parts:
        part = parts.pop(0)
        columns = renumber[part.indices]
        keep = columns >= 0
        counts = np.bincount(
            np.repeat(np.arange(part.shape[0]), np.diff(part.indptr))[keep],
            minlength=part.shape[0],
        )
        matrix = sp.csr_matrix(
            (part.data[keep], columns[keep], np.concatenate([[0], np.cumsum(counts)])),
            shape=(part.shape[0], len(kept)),
        )
        matrix.sort_indices()
        filtered.append(matrix)
    return Vocabulary([terms[i] for i in kept.tolist()], idf), filtered


def _tfidf(counts: Matrix, idf: Floats) -> None:
    """Sub-linear term frequency times IDF, rows L2-normalised, in place."""
    counts.data = (1 + np.log(counts.data)) * idf[counts.indices]
    _normalise(counts)


def _normalise(matrix: Matrix) -> None:
    """Rows to unit length, in place."""
    lengths = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    norms = np.sqrt(
        np.bincount(rows, weights=matrix.data.astype(np.float64) ** 2, minlength=matrix.shape[0])
    )
    norms[norms == 0] = 1
    matrix.data = (matrix.data / norms[rows]).astype(np.float32)


def _concatenate(parts: list[Matrix], width: int) -> Matrix:
    """Row blocks as one matrix, each block freed once copied (``vstack`` holds all twice)."""
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


def neighbours(documents: Sequence[int]) -> Matrix:
    """The sentences x sentences matrix with a one for each sentence's neighbour before and
    after it in the same document."""
    document = np.asarray(documents, dtype=np.int64)
    rows = np.flatnonzero(document[1:] == document[:-1])
    size = len(document)
    ones = np.ones(2 * len(rows), dtype=np.float32)
    pairs = (np.concatenate([rows, rows + 1]), np.concatenate([rows + 1, rows]))
    return sp.csr_matrix((ones, pairs), shape=(size, size))
