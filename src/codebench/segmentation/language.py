"""Which language a transcript is in, so the matching spaCy pipeline segments it.

Transcripts are long, so counting function words is as reliable as a statistical detector and
needs nothing beyond spaCy's own stop-word lists (no extra dependency, no model download).
"""

from __future__ import annotations

import re
from collections import Counter
from importlib import import_module

SUPPORTED_LANGUAGES = ("nl", "en", "de", "fr", "es")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE_CHARS = 200_000
_MIN_SHARE = 0.02


def _stop_words(lang: str) -> frozenset[str]:
    module = import_module(f"spacy.lang.{lang}.stop_words")
    return frozenset(module.STOP_WORDS)


_STOP_WORDS = {lang: _stop_words(lang) for lang in SUPPORTED_LANGUAGES}
# Words shared by several languages say nothing about which one a text is in.
_SHARED = frozenset(
    word
    for word, count in Counter(w for words in _STOP_WORDS.values() for w in words).items()
    if count > 1
)


def detect_language(text: str, default: str = "en") -> str:
    """The most likely language of ``text`` among :data:`SUPPORTED_LANGUAGES`.

    Returns ``default`` when the text has too few function words to tell (a list of names,
    a very short file).
    """
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if not words:
        return default
    scores = {
        lang: sum(1 for w in words if w in stops and w not in _SHARED)
        for lang, stops in _STOP_WORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < max(3, _MIN_SHARE * len(words)):
        return default
    return best
