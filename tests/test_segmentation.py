"""Language detection and sentence units from spaCy's blank pipelines (no model downloads)."""

from __future__ import annotations

from codebench.segmentation.language import detect_language
from codebench.segmentation.pipeline import lemmas, sentence_spans

DUTCH = (
    "We zijn eigenlijk begonnen omdat de wethouder het wilde. Het was niet makkelijk, "
    "maar we hebben het toch gedaan met een klein team."
)
ENGLISH = (
    "We started because the alderman wanted it. It was not easy, but we did it anyway "
    "with a small team and some help from the province."
)


def test_detects_dutch_and_english() -> None:
    assert detect_language(DUTCH) == "nl"
    assert detect_language(ENGLISH) == "en"


def test_too_little_text_falls_back_to_the_default() -> None:
    assert detect_language("Chatbot 2024", default="nl") == "nl"
    assert detect_language("", default="en") == "en"


def test_sentences_are_code_point_spans_without_surrounding_space() -> None:
    text = "Eerst één ding 😀.  Daarna het café! En nu?"
    [spans] = list(sentence_spans([text], "nl"))
    assert [text[s:e] for s, e in spans] == ["Eerst één ding 😀.", "Daarna het café!", "En nu?"]


def test_lookup_lemmas_need_no_model() -> None:
    assert lemmas("De ambtenaren gebruikten chatbots", "nl")[:3] == ["de", "ambtenaar", "gebruiken"]
    assert "mouse" in lemmas("The mice were running", "en")


def test_a_line_break_ends_a_sentence() -> None:
    text = "Interview 4 – gemeente\nDatum: 20 februari 2025\nWe begonnen. Toen niet meer"
    [spans] = list(sentence_spans([text], "nl"))
    assert [text[s:e] for s, e in spans] == [
        "Interview 4 – gemeente",
        "Datum: 20 februari 2025",
        "We begonnen.",
        "Toen niet meer",
    ]
