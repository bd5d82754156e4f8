"""Words and their lemmas, from the offline spaCy pipeline the keyword search already uses.

Lemmas let "gemeenten" and "gemeente", "experimenteerde" and "experimenteren" count as one
feature (on the demo they lift micro F1 by one to two points over plain words). A language
spaCy has no lookup table for falls back to lower-cased words: suggestions get a little worse,
never unavailable.

Only spaCy's tokenizer runs over the texts; the pipeline's lookup table is then read once per
distinct word (a :class:`Lexicon`), not once per token through spaCy's token objects: a large
project repeats the same few ten thousand words millions of times, and this is what its
lemmatizer would have done to each. The strings are interned, and shared between sentences.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, NamedTuple

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from codebench.segmentation.pipeline import lemma_pipeline

_WORD = re.compile(r"\w+")
_BATCH = 512


class Words(NamedTuple):
    """One sentence's words, lower-cased, and their lemmas, punctuation left out (two tuples
    per sentence, not a pair per word: a large project has millions of words)."""

    forms: tuple[str, ...]
    lemmas: tuple[str, ...]


class Lexicon:
    """A language's words as its pipeline sees them: each distinct word's lower-cased form and
    lemma (None for punctuation and white space), asked of the pipeline's own lemmatizer the
    first time the word is met (in lookup mode a word's lemma depends on its text alone)."""

    def __init__(self, nlp: Language) -> None:
        self.tokenizer: Any = nlp.tokenizer
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer")
        self.known: dict[int, tuple[str, str] | None] = {}

    def sentences(self, texts: Iterable[str]) -> Iterator[Words]:
        """Each text's words (spaCy's tokenizer alone splits them)."""
        for doc in self.tokenizer.pipe(texts, batch_size=_BATCH):
            yield self.words(doc)

    def words(self, doc: Doc) -> Words:
        known = self.known
        found = [
            known[orth] if orth in known else self._learn(doc[i])
            for i, orth in enumerate(doc.to_array(ORTH).tolist())
        ]
        kept = [word for word in found if word is not None]
        return Words(tuple(form for form, _ in kept), tuple(lemma for _, lemma in kept))

    def _learn(self, token: Token) -> tuple[str, str] | None:
        """The word of ``token`` as the pipeline would have made it: lemma lower-cased, or
        the form where the lemma is empty."""
        word = None
        if not (token.is_punct or token.is_space):
            form = sys.intern(token.lower_)
            word = form, sys.intern(self.lemmatizer.lemmatize(token)[0].lower() or form)
        self.known[token.orth] = word
        return word


@cache
def _lexicon(language: str) -> Lexicon | None:
    """The lexicon of ``language``, or None where spaCy has no table for it."""
    try:
        return Lexicon(lemma_pipeline(language))
    except (ImportError, ValueError, KeyError, OSError):
        return None


def release() -> None:
    """Let go of the lemma pipelines and the words learned through them (some 60 MB a
    language, the tables mostly): a job that has counted every sentence it will read trains
    its models without them. The next :func:`tokenize` loads them again, in a second."""
    _lexicon.cache_clear()
    lemma_pipeline.cache_clear()


def tokenize(texts: Sequence[str], languages: Sequence[str]) -> list[Words]:
    """Each text's words with their lemmas (``languages`` names each text's language)."""
    found: list[Words] = [Words((), ()) for _ in texts]
    by_language: dict[str, list[int]] = defaultdict(list)
    for index, language in enumerate(languages):
        by_language[language].append(index)
    for language, rows in by_language.items():
        lexicon = _lexicon(language)
        if lexicon is None:
            for row in rows:
                forms = tuple(sys.intern(w) for w in _WORD.findall(texts[row].lower()))
                found[row] = Words(forms, forms)
            continue
        for row, words in zip(rows, lexicon.sentences(texts[row] for row in rows), strict=True):
            found[row] = words
    return found
