"""spaCy pipelines built offline: ``spacy.blank(lang)`` plus a sentencizer and lookup lemmas.

No trained model is ever downloaded (researchers may work offline); sentence splitting uses
punctuation rules and lemmas come from the spacy-lookups-data tables installed with codebench.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language

_BATCH = 256


@cache
def sentence_pipeline(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.max_length = 50_000_000
    return nlp


@cache
def lemma_pipeline(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def sentence_spans(texts: Iterable[str], lang: str) -> Iterator[list[tuple[int, int]]]:
    """For each text, its sentences as (start, end) code-point offsets, whitespace trimmed."""
    for doc in sentence_pipeline(lang).pipe(texts, batch_size=_BATCH):
        spans = []
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            text = doc.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
        yield spans


def lemmas(text: str, lang: str) -> list[str]:
    """Lower-cased lemmas of the words in ``text`` (for keyword search across inflections)."""
    return [tok.lemma_.lower() for tok in lemma_pipeline(lang)(text) if not tok.is_punct]
