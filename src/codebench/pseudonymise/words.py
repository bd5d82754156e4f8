"""A document's word count after its text changed: counted again, as import counts it.

A surrogate seldom has as many words as what it replaces ("Marieke de Boer" becomes one
"[PERSOON-1]"), so the count stored at import no longer matches the text. Import counts the
words of each turn's speech (not its speaker label), split at white space; so does this.
"""

from __future__ import annotations

from collections.abc import Iterable


def spoken_words(text: str, speech: Iterable[tuple[int, int]]) -> int:
    """The words of ``text`` in the ``speech`` spans (each turn's speech start and end)."""
    return sum(len(text[start:end].split()) for start, end in speech)
