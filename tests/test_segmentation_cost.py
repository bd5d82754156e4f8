"""What segmenting costs: telling the language reads spaCy's stop-word lists without importing
its language packages (French alone compiles its tokenizer exceptions for over a second), and
the paragraphs of many turns go through one spaCy stream with the same sentences as one by one.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import import_module

import pytest

from codebench.segmentation import language
from codebench.segmentation.language import SUPPORTED_LANGUAGES, detect_language
from codebench.segmentation.pipeline import sentence_spans

FRENCH = (
    "Nous avons commencé parce que le maire le voulait. Ce n'était pas facile, mais nous "
    "l'avons fait quand même avec une petite équipe et un peu d'aide de la province."
)

ENGLISH_PREAMBLE = (
    "This interview was recorded with the consent of the participant, who was told about "
    "the aims of the study. "
)
DUTCH_ANSWER = (
    "We zijn begonnen omdat de wethouder het wilde, en het was niet altijd makkelijk. "
    "Maar we hebben het gedaan. "
)

DETECT = """
import json, sys
from codebench.segmentation.language import detect_language
found = detect_language({text!r})
print(json.dumps({{"language": found, "loaded": sorted(sys.modules)}}))
"""


def test_detecting_a_language_imports_no_spacy_language_package() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DETECT.format(text=FRENCH)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["language"] == "fr"
    loaded = set(report["loaded"])
    assert "spacy.lang.fr" not in loaded
    assert loaded.isdisjoint(f"spacy.lang.{lang}" for lang in SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_stop_words_are_spacys_own(lang: str) -> None:
    spacys = import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    assert language._stop_words(lang) == frozenset(spacys)


def test_without_spacys_files_the_stop_words_are_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: None)
    spacys = import_module("spacy.lang.nl.stop_words").STOP_WORDS
    assert language._stop_words("nl") == frozenset(spacys)


def test_detection_counts_each_spelling_as_its_lower_case() -> None:
    assert detect_language(FRENCH.upper()) == detect_language(FRENCH.title()) == "fr"
    assert detect_language("Nous NOUS nous avons", default="nl") == "fr"
    assert detect_language("Nous avons", default="nl") == "nl"  # under three function words


def test_many_texts_split_as_each_text_alone() -> None:
    texts = [
        "",
        " \n\t\n",
        "Eerst één ding. Daarna het café!\n\nEn nu? Ja.",
        "Geen punt aan het eind\nmaar wel een regel",
        "\u00a0\nOnder een lege regel. Twee.",
        "x",
    ]
    together = list(sentence_spans(texts, "nl"))
    assert together == [next(sentence_spans([text], "nl")) for text in texts]
    assert together[0] == together[1] == []
    assert [texts[2][s:e] for s, e in together[2]] == [
        "Eerst één ding.",
        "Daarna het café!",
        "En nu?",
        "Ja.",
    ]
    assert [texts[4][s:e] for s, e in together[4]] == ["Onder een lege regel.", "Twee."]


def test_a_long_transcript_is_told_from_stretches_across_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long interview is not read word by word to tell its language; the stretches read
    come from all of it, so an English preamble does not make a Dutch interview English."""
    preamble = ENGLISH_PREAMBLE * 300  # some 30,000 characters
    interview = DUTCH_ANSWER * 3_000  # some 400,000 characters
    read: list[int] = []
    words = language._WORD

    class Counting:
        def findall(self, text: str) -> list[str]:
            read.append(len(text))
            return words.findall(text)

    monkeypatch.setattr(language, "_WORD", Counting())
    assert detect_language(preamble + interview) == "nl"
    assert sum(read) <= 25_000
