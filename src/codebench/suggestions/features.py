"""Sentences as vectors: TF-IDF on lemma n-grams with their neighbours, and character n-grams.

Two blocks, each L2-normalised, side by side, the row normalised again:

* lemmas and lemma bigrams of the sentence plus those of the sentences before and after it in
  the same document: a coded passage runs over one to three sentences, and on the demo the
  neighbours lift micro F1 by ten points;
* character 4-grams of the sentence's words (as scikit-learn's ``char_wb``), which catch
  compounds and inflections the lemma tables miss ("taalmodellen", "taalmodel"); on the demo
  3- to 5-grams score the same with three times the numbers to hold.

Only terms seen in at least :data:`MIN_DF` of the sentences a space is fitted on are kept.
The counts come from :mod:`.counts`; a space is fitted on any rows of them (an evaluation's
fold) and weighs them :data:`~.counts.CHUNK` sentences at a time, the matrix put together with
its final size known, so memory holds the features about once, not once per step (at 120,000
sentences they are 30 million numbers). The vocabulary is plain lists and arrays (see
:mod:`codebench.suggestions.codec`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp  # type: ignore[import-untyped]

from codebench.suggestions.counts import Counts, Ints, Matrix, chunks, renumbered
from codebench.suggestions.tokens import Words

MIN_DF = 2
CONTEXT = 1.0
"""Weight of each neighbouring sentence's lemma features against the sentence's own."""

Floats = npt.NDArray[np.float32]
Columns = npt.NDArray[np.int32]
"""Per counted term, its column in a space (-1 for none)."""


@dataclass(frozen=True)
class Vocabulary:
    """Terms in column order and their inverse document frequencies."""

    terms: list[str]
    idf: Floats
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {term: i for i, term in enumerate(self.terms)})

    def columns(self, terms: list[str]) -> Columns:
        """Each of ``terms``' column here, -1 where it has none."""
        index = self.index
        return np.fromiter((index.get(t, -1) for t in terms), dtype=np.int32, count=len(terms))


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
        return cls.fit(Counts.of(words), documents)

    @classmethod
    def fit(
        cls, counts: Counts, documents: Sequence[int] | Ints, rows: Ints | None = None
    ) -> tuple[FeatureSpace, Matrix]:
        """The vocabularies of the sentences ``rows`` of ``counts`` (all for None; whole
        documents in document order; ``documents`` names each counted sentence's) and their
        rows: the same as counting those sentences alone."""
        rows = np.arange(counts.sentences) if rows is None else rows
        lemma_df = np.zeros(len(counts.lemma_terms), dtype=np.int64)
        char_df = np.zeros(len(counts.char_terms), dtype=np.int64)
        for chunk in chunks(rows):
            lemma_df += np.bincount(counts.lemmas[chunk].indices, minlength=len(lemma_df))
            chars = counts.forms[chunk] @ counts.grams
            char_df += np.bincount(chars.indices, minlength=len(char_df))
        space = cls(
            _frequent(lemma_df, counts.lemma_terms, len(rows)),
            _frequent(char_df, counts.char_terms, len(rows)),
        )
        return space, next(space.transform_counts(counts, documents, [rows]))

    def transform(self, words: Sequence[Words], documents: Sequence[int]) -> Matrix:
        """The rows of sentences (in document order) in this space's columns."""
        everything = np.arange(len(words))
        return next(self.transform_counts(Counts.of(words), documents, [everything]))

    def transform_counts(
        self, counts: Counts, documents: Sequence[int] | Ints, pieces: Iterable[Ints]
    ) -> Iterator[Matrix]:
        """The rows of each piece of ``counts`` (whole documents in document order;
        ``documents`` names each counted sentence's) in this space's columns, terms it does
        not hold left out: pieces, so that a third of a large project need not be held as
        features at once."""
        lemma_columns = self.lemmas.columns(counts.lemma_terms)
        char_columns = self.chars.columns(counts.char_terms)
        grams = renumbered(counts.grams, char_columns, len(self.chars.terms))
        every = np.asarray(documents, dtype=np.int64)
        for rows in pieces:
            yield self._rows(counts, lemma_columns, grams, rows, every[rows])

    def _rows(
        self, counts: Counts, lemma_columns: Columns, grams: Matrix, rows: Ints, documents: Ints
    ) -> Matrix:
        """The features of ``rows``, :data:`~.counts.CHUNK` at a time: the lemma block first
        (the neighbours of a chunk's edge rows lie in the next), then each chunk's rows."""
        pieces = chunks(rows)
        lemma = []
        for chunk in pieces:
            part = renumbered(counts.lemmas[chunk], lemma_columns, len(self.lemmas.terms))
            _tfidf(part, self.lemmas.idf)
            lemma.append(part)
        lemmas = sp.vstack(lemma, format="csr")
        del lemma
        per_form = np.diff(grams.indptr)  # n-grams per word: a bound on a row's own
        bound = 3 * lemmas.nnz + sum(int(per_form[counts.forms[c].indices].sum()) for c in pieces)
        found = _Filling(bound, len(rows), self.width)
        first = 0
        for chunk in pieces:
            chars = counts.forms[chunk] @ grams
            _tfidf(chars, self.chars.idf)
            last = first + len(chunk)
            own = _with_neighbours(lemmas, documents, first, last)
            row = sp.hstack([own, chars], format="csr", dtype=np.float32)
            _normalise(row)
            found.add(row)
            first = last
        return found.matrix()


class _Filling:
    """A matrix filled a block of rows at a time into arrays as long as the most it can hold
    (a row's lemma terms are at most those of it and its two neighbours; its n-grams at most
    those of its words): the blocks are never held twice, as joining them at the end would.
    What the bound leaves unused is never written, so it takes no memory."""

    def __init__(self, bound: int, height: int, width: int) -> None:
        self.data = np.empty(bound, dtype=np.float32)
        self.indices = np.empty(bound, dtype=np.int32)
        self.indptr = np.zeros(height + 1, dtype=np.int64)
        self.width = width
        self.at = self.row = 0

    def add(self, block: Matrix) -> None:
        at, row = self.at, self.row
        self.data[at : at + block.nnz] = block.data
        self.indices[at : at + block.nnz] = block.indices
        self.indptr[row + 1 : row + block.shape[0] + 1] = block.indptr[1:] + at
        self.at, self.row = at + block.nnz, row + block.shape[0]

    def matrix(self) -> Matrix:
        height = len(self.indptr) - 1
        arrays = self.data[: self.at], self.indices[: self.at], self.indptr
        return sp.csr_matrix(arrays, shape=(height, self.width))


def _with_neighbours(lemmas: Matrix, documents: Ints, first: int, last: int) -> Matrix:
    """Rows ``first`` to ``last`` of the lemma block with :data:`CONTEXT` times the rows of
    their neighbours in the same document added, normalised."""
    start, stop = max(first - 1, 0), min(last + 1, lemmas.shape[0])
    block = lemmas[start:stop]
    block = block + neighbours(documents[start:stop]) @ block * CONTEXT
    own = block[first - start : last - start].astype(np.float32, copy=False)
    _normalise(own)
    return own


def _frequent(df: npt.NDArray[np.int64], terms: list[str], units: int) -> Vocabulary:
    """The terms in at least :data:`MIN_DF` of ``units`` sentences (``df`` of them), in order,
    with smooth IDF."""
    kept = np.flatnonzero(df >= MIN_DF)
    idf = (np.log((1 + units) / (1 + df[kept])) + 1).astype(np.float32)
    return Vocabulary([terms[i] for i in kept.tolist()], idf)


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


def neighbours(documents: Sequence[int] | Ints) -> Matrix:
    """The sentences x sentences matrix with a one for each sentence's neighbour before and
    after it in the same document."""
    document = np.asarray(documents, dtype=np.int64)
    rows = np.flatnonzero(document[1:] == document[:-1])
    size = len(document)
    ones = np.ones(2 * len(rows), dtype=np.float32)
    pairs = (np.concatenate([rows, rows + 1]), np.concatenate([rows + 1, rows]))
    return sp.csr_matrix((ones, pairs), shape=(size, size))
