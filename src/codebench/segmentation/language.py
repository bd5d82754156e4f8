"""Which language a transcript is in, so the matching spaCy pipeline segments it.

Transcripts are long, so counting function words is as reliable as a statistical detector and
needs nothing beyond spaCy's own stop-word lists (no extra dependency, no model download).
The lists are read from spaCy's ``lang/<lang>/stop_words.py`` files alone: importing the
``spacy.lang.<lang>`` packages would also build their tokenizer exceptions (French compiles a
regular expression for over a second), which detection does not use.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import cache
from importlib import import_module
from pathlib import Path

SUPPORTED_LANGUAGES = ("nl", "en", "de", "fr", "es")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Some 4,000 words, over a thousand of them function words: enough to tell five languages
# apart; reading every word of a long interview made detection a tenth of an import's time.
_SAMPLE_CHARS = 24_000
_SAMPLE_PARTS = 8
_MIN_SHARE = 0.02


def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang``, from its ``stop_words.py`` run on its own (neither
    ``spacy`` nor ``spacy.lang.<lang>`` is imported); should a spaCy release move or reshape
    that file, the module is imported the usual way instead, slower but the same list."""
    package = importlib.util.find_spec("spacy")  # a top-level name: found, not imported
    roots = package.submodule_search_locations if package is not None else None
    path = Path(next(iter(roots)), "lang", lang, "stop_words.py") if roots else None
    if path is not None and path.is_file():
        spec = importlib.util.spec_from_file_location(f"_spacy_stop_words_{lang}", path)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except ImportError:  # the file now imports from its package
                pass
            else:
                return frozenset(module.STOP_WORDS)
    return frozenset(import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)


@cache
def _distinctive_stop_words() -> dict[str, str]:
    """The language of each stop word that belongs to one language only (words in several
    languages say nothing about which one a text is in). Read on first use, so that no command
    that does not import pays for it."""
    lists = {lang: _stop_words(lang) for lang in SUPPORTED_LANGUAGES}
    counts = Counter(word for words in lists.values() for word in words)
    return {w: lang for lang, words in lists.items() for w in words if counts[w] == 1}


def detect_language(text: str, default: str = "en") -> str:
    """The most likely language of ``text`` among :data:`SUPPORTED_LANGUAGES`.

    Returns ``default`` when the text has too few function words to tell (a list of names,
    a very short file).
    """
    found = _word_counts(_sample(text))
    if not found:
        return default
    owners = _distinctive_stop_words()
    scores = dict.fromkeys(SUPPORTED_LANGUAGES, 0)
    for word, count in found.items():  # each distinct spelling looked up once
        lang = owners.get(word.lower())
        if lang is not None:
            scores[lang] += count
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < max(3, _MIN_SHARE * found.total()):
        return default
    return best


def _word_counts(text: str) -> Counter[str]:
    """How often each word (:data:`_WORD`) occurs in ``text``.

    No word holds whitespace, so the text is split there first and its tokens counted (both
    in C); a token of letters only is one word, and only the others, with punctuation or
    digits, are searched for words. Searching the whole text with the pattern took three
    times as long, most of language detection's time.
    """
    counts: Counter[str] = Counter()
    for token, count in Counter(text.split()).items():
        if token.isalpha():
            counts[token] += count
        else:
            for word in _WORD.findall(token):
                counts[word] += count
    return counts


def _sample(text: str) -> str:
    """``text``, or for a long one stretches spread over all of it, so that a header, a
    preamble or a long quote in another language cannot outweigh the rest."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    part = _SAMPLE_CHARS // _SAMPLE_PARTS
    step = (len(text) - part) // (_SAMPLE_PARTS - 1)
    return "\n".join(text[i * step : i * step + part] for i in range(_SAMPLE_PARTS))
