"""What the model must beat to be worth showing: two rules anyone could write down.

* the most frequent code: every sentence gets the code the coder applied most;
* keywords: each code's most distinctive lemmas in the training sentences (the share of a
  lemma's sentences that took the code, among lemmas seen there at least twice); a sentence
  gets the code whose keywords it holds weigh most, or none when it holds none.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from codebench.suggestions.model import Bools
from codebench.suggestions.tokens import Words

KEYWORDS = 10
"""Keywords per code."""


def most_frequent(truth: Bools, test_rows: int) -> Bools:
    """``test_rows`` sentences, each given the column most often true in ``truth``."""
    predicted = np.zeros((test_rows, truth.shape[1]), dtype=np.bool_)
    if truth.any():
        predicted[:, int(truth.sum(axis=0).argmax())] = True
    return predicted


def keywords(train_words: Sequence[Words], truth: Bools) -> list[dict[str, float]]:
    """Per column of ``truth``: its keywords and how distinctive each is."""
    seen: Counter[str] = Counter()
    with_code: dict[int, Counter[str]] = defaultdict(Counter)
    for words, row in zip(train_words, truth, strict=True):
        lemmas = set(words.lemmas)
        seen.update(lemmas)
        for column in np.flatnonzero(row).tolist():
            with_code[column].update(lemmas)
    found = []
    for column in range(truth.shape[1]):
        share = {lemma: n / (seen[lemma] + 1) for lemma, n in with_code[column].items() if n >= 2}
        found.append(dict(sorted(share.items(), key=lambda item: -item[1])[:KEYWORDS]))
    return found


def keyword_codes(words: Sequence[Words], found: list[dict[str, float]]) -> Bools:
    """Each sentence's code by keywords (see the module's docstring)."""
    predicted = np.zeros((len(words), len(found)), dtype=np.bool_)
    for row, sentence in enumerate(words):
        lemmas = set(sentence.lemmas)
        weights = [sum(w for k, w in code.items() if k in lemmas) for code in found]
        if weights and max(weights) > 0:
            predicted[row, int(np.argmax(weights))] = True
    return predicted
