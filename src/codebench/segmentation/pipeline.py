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


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for paragraph in text.split("\n"):
        yield offset, paragraph
        offset += len(paragraph) + 1


def sentence_spans(texts: Iterable[str], lang: str) -> Iterator[list[tuple[int, int]]]:
    """For each text, its sentences as (start, end) code-point offsets, whitespace trimmed.

    A line break always ends a sentence: paragraphs of a turn are split separately, so a
    title line or a paragraph without a full stop never runs into the next one. The paragraphs
    of all the texts go through spaCy as one stream (a turn is often a single paragraph, and
    a stream per turn costs more than its sentences); blank ones hold no sentence and are not
    sent at all.
    """
    nlp = sentence_pipeline(lang)
    found: list[list[tuple[int, int]]] = []
    pieces: list[tuple[list[tuple[int, int]], int, str]] = []
    for text in texts:
        spans: list[tuple[int, int]] = []
        found.append(spans)
        for offset, paragraph in _paragraphs(text):
            if paragraph and not paragraph.isspace():
                pieces.append((spans, offset, paragraph))
    docs = nlp.pipe((paragraph for _, _, paragraph in pieces), batch_size=_BATCH)
    for (spans, offset, paragraph), doc in zip(pieces, docs, strict=True):
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            while start < end and paragraph[start].isspace():
                start += 1
            while end > start and paragraph[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((offset + start, offset + end))
    yield from found


def lemmas(text: str, lang: str) -> list[str]:
    """Lower-cased lemmas of the words in ``text`` (for keyword search across inflections)."""
    return [tok.lemma_.lower() for tok in lemma_pipeline(lang)(text) if not tok.is_punct]
