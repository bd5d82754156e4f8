"""Which language a transcript is in, so the matching spaCy pipeline segments it.

Transcripts are long, so counting function words is as reliable as a statistical detector and
needs nothing beyond spaCy's own stop-word lists (no extra dependency, no model download).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import import_module

SUPPORTED_LANGUAGES = ("nl", "en", "de", "fr", "es")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE_CHARS = 200_000
_MIN_SHARE = 0.02


@cache
def _distinctive_stop_words() -> dict[str, frozenset[str]]:
    """Each language's stop words minus those shared with another language (words in several
    languages say nothing about which one a text is in). Read on first use: importing spaCy's
    language packages takes seconds, which no command that does not import should pay."""
    lists = {
        lang: frozenset(import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
        for lang in SUPPORTED_LANGUAGES
    }
    counts = Counter(word for words in lists.values() for word in words)
    return {lang: frozenset(w for w in words if counts[w] == 1) for lang, words in lists.items()}


def detect_language(text: str, default: str = "en") -> str:
    """The most likely language of ``text`` among :data:`SUPPORTED_LANGUAGES`.

    Returns ``default`` when the text has too few function words to tell (a list of names,
    a very short file).
    """
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if not words:
        return default
    scores = {
        lang: sum(1 for w in words if w in stops)
        for lang, stops in _distinctive_stop_words().items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < max(3, _MIN_SHARE * len(words)):
        return default
    return best
