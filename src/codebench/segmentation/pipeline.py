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

#: Paragraphs sent through spaCy as one stream: the texts they come from are held until the
#: stream has passed them, and the pipeline is checked for room between streams.
_PARAGRAPHS = 10_000

#: A sentence pipeline whose vocabulary holds more strings than this is replaced by a new one.
_MAX_STRINGS = 100_000

_sentence_pipelines: dict[str, Language] = {}

Spans = list[tuple[int, int]]


def sentence_pipeline(lang: str) -> Language:
    """The sentence pipeline of ``lang``: built once, and again once its vocabulary is full.

    spaCy keeps every distinct word it has read (its string, lexeme and tokenizer cache entry,
    some 300 bytes) for as long as the pipeline lives. Interviews repeat their words (the 200
    transcripts of the medium benchmark hold 11,000), but a subtitle file of a million
    numbered lines would hold 300 MB of them; a new pipeline (a tenth of a second) lets them
    go and splits the same sentences."""
    nlp = _sentence_pipelines.get(lang)
    if nlp is None or len(nlp.vocab.strings) > _MAX_STRINGS:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        nlp.max_length = 50_000_000
        _sentence_pipelines[lang] = nlp
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


def sentence_spans(texts: Iterable[str], lang: str) -> Iterator[Spans]:
    """For each text, its sentences as (start, end) code-point offsets, whitespace trimmed.

    A line break always ends a sentence: paragraphs of a turn are split separately, so a
    title line or a paragraph without a full stop never runs into the next one. The paragraphs
    of the texts go through spaCy as one stream of up to :data:`_PARAGRAPHS` (a turn is often
    a single paragraph, and a stream per turn costs more than its sentences); blank ones hold
    no sentence and are not sent at all. ``texts`` are read, and their sentences given, a
    stream at a time, so the turns of a long transcript need not all be held at once.
    """
    pending: list[Spans] = []  # the sentences of texts read, not yet given
    pieces: list[tuple[Spans, int, str]] = []  # their paragraphs, not yet split
    for text in texts:
        if len(pieces) >= _PARAGRAPHS:
            _split(pieces, lang)
            yield from pending
            pending, pieces = [], []
        spans: Spans = []
        pending.append(spans)
        for offset, paragraph in _paragraphs(text):
            if paragraph and not paragraph.isspace():
                pieces.append((spans, offset, paragraph))
    _split(pieces, lang)
    yield from pending


def _split(pieces: list[tuple[Spans, int, str]], lang: str) -> None:
    """Add each paragraph's sentences to its text's spans, :data:`_PARAGRAPHS` at a time (one
    text may hold more) through a pipeline with room (:func:`sentence_pipeline`)."""
    for first in range(0, len(pieces), _PARAGRAPHS):
        stream = pieces[first : first + _PARAGRAPHS]
        paragraphs = (paragraph for _, _, paragraph in stream)
        docs = sentence_pipeline(lang).pipe(paragraphs, batch_size=_BATCH)
        for (spans, offset, paragraph), doc in zip(stream, docs, strict=True):
            for sent in doc.sents:
                start, end = sent.start_char, sent.end_char
                while start < end and paragraph[start].isspace():
                    start += 1
                while end > start and paragraph[end - 1].isspace():
                    end -= 1
                if start < end:
                    spans.append((offset + start, offset + end))


def lemmas(text: str, lang: str) -> list[str]:
    """Lower-cased lemmas of the words in ``text`` (for keyword search across inflections)."""
    return [tok.lemma_.lower() for tok in lemma_pipeline(lang)(text) if not tok.is_punct]
