"""Language detection counts words as its pattern finds them, whatever glues them together."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from codebench.segmentation.language import _WORD, _word_counts, detect_language

FRENCH = (
    "L'entretien commence. Qu'est-ce que vous faites aujourd'hui? Je travaille pour la "
    "commune depuis 2019, et c'est un travail qu'on fait avec les habitants."
)
GLUED = (
    "Interviewer:hoe(begon)het?Respondent:met-een/subsidie,en\u00a0dat.was\u2003het,"
    "niet3de_eerste;keer!maar'wel''de...tweede"
)


def test_french_with_elisions_is_french() -> None:
    assert detect_language(FRENCH) == "fr"


def test_words_glued_by_punctuation_digits_or_odd_spaces_still_count() -> None:
    assert detect_language(GLUED, default="en") == "nl"


# Letters, digits (decimal and others), apostrophes, underscores, punctuation and every kind of
# whitespace, so that tokens split at whitespace hold words, parts of words and none.
_PIECES = st.sampled_from(
    [*"aZé ß'’_-.,:3٣²½Ⅷ\t\n\u00a0\u2003\u2028\x1c", "het", "de", "l'eau", "n't", "a1'b", "  "]
)


@given(st.lists(_PIECES | st.characters(), max_size=40).map("".join))
def test_counting_by_tokens_finds_what_the_pattern_finds(text: str) -> None:
    assert _word_counts(text) == Counter(_WORD.findall(text))
