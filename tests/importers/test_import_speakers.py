"""Speaker detection in paragraphs: label styles, timestamps and learning labels per document."""

from __future__ import annotations

import pytest

from codebench.importers.model import RawTurn
from codebench.importers.speakers import Paragraph, paragraphs_to_turns, parse_clock


def turns(*items: str | Paragraph, speaker_map: dict[str, str] | None = None) -> list[RawTurn]:
    paragraphs = [item if isinstance(item, Paragraph) else Paragraph(item) for item in items]
    return paragraphs_to_turns(paragraphs, speaker_map)


def summary(result: list[RawTurn]) -> list[tuple[str | None, list[str]]]:
    return [(turn.speaker, turn.paragraphs) for turn in result]


# --- prefix labels ---------------------------------------------------------------------------


def test_conventional_prefix_labels() -> None:
    result = turns(
        "I: Hoe gaat het?",
        "R: Goed.",
        "P1: Ik vind van wel.",
        "Respondent 4: En ik niet.",
        "Interviewer: Dank u.",
    )
    assert summary(result) == [
        ("I", ["Hoe gaat het?"]),
        ("R", ["Goed."]),
        ("P1", ["Ik vind van wel."]),
        ("Respondent 4", ["En ik niet."]),
        ("Interviewer", ["Dank u."]),
    ]


def test_recurring_name_is_learned_as_a_speaker() -> None:
    result = turns(
        "Jan de Vries: Eerst dit.",
        "Anna: Ja.",
        "Jan de Vries: Dan dat.",
        "Anna: Precies.",
    )
    assert [turn.speaker for turn in result] == ["Jan de Vries", "Anna", "Jan de Vries", "Anna"]


def test_one_off_zei_inside_a_turn_is_speech() -> None:
    result = turns(
        "I: Wat gebeurde er toen?",
        "R: Het werd stil.",
        "De minister zei: we moeten door.",
        "Dat vond ik sterk.",
        "I: En daarna?",
    )
    assert summary(result) == [
        ("I", ["Wat gebeurde er toen?"]),
        ("R", ["Het werd stil.", "De minister zei: we moeten door.", "Dat vond ik sterk."]),
        ("I", ["En daarna?"]),
    ]


def test_label_longer_than_five_words_is_never_a_label() -> None:
    result = turns(
        "I: Vraag.",
        "Wat ik je echt wil zeggen: dit.",
        "Wat ik je echt wil zeggen: dat.",
    )
    assert summary(result) == [
        ("I", ["Vraag.", "Wat ik je echt wil zeggen: dit.", "Wat ik je echt wil zeggen: dat."])
    ]


def test_urls_and_clock_times_are_not_labels() -> None:
    result = turns("I: Kijk.", "Zie http://example.org: daar.", "Zie http://example.org: hier.")
    assert result[0].paragraphs[1:] == [
        "Zie http://example.org: daar.",
        "Zie http://example.org: hier.",
    ]
    result = turns("I: Wanneer?", "Om 10:30: toen begon het.", "Om 10:30: weer.")
    assert len(result) == 1


def test_each_paragraph_before_the_first_label_is_a_speakerless_turn() -> None:
    result = turns("Interview 7 – gemeente Utrecht", "12 maart 2024", "I: Welkom.", "Fijn.")
    assert summary(result) == [
        (None, ["Interview 7 – gemeente Utrecht"]),
        (None, ["12 maart 2024"]),
        ("I", ["Welkom.", "Fijn."]),
    ]


def test_unlabelled_paragraphs_keep_their_own_turns_and_times() -> None:
    result = turns(
        "[00:00:05] Eerst dit.",
        "Dan dat.",
        "[00:01:10]",
        "Daarna nog iets.",
        Paragraph("Een vette zin die geen label is.", bold_prefix="Een vette zin"),
    )
    assert summary(result) == [
        (None, ["Eerst dit."]),
        (None, ["Dan dat."]),
        (None, ["Daarna nog iets."]),
        (None, ["Een vette zin die geen label is."]),
    ]
    assert [turn.time for turn in result] == [5.0, None, 70.0, None]


def test_closing_f4_stamp_stays_with_the_unlabelled_paragraph_before_it() -> None:
    result = turns("#00:00:01-0# Eerst dit. #00:00:04-2#", "#00:00:09-5#", "Dan dat.")
    assert [(turn.paragraphs, turn.time, turn.end_time) for turn in result] == [
        (["Eerst dit."], 1.0, 9.5),
        (["Dan dat."], None, None),
    ]


def test_consecutive_labels_of_one_speaker_stay_separate_turns() -> None:
    result = turns("R: Eén.", "R: Twee.", "Nog iets.", "I: Oké.")
    assert summary(result) == [("R", ["Eén."]), ("R", ["Twee.", "Nog iets."]), ("I", ["Oké."])]


def test_spellings_differing_in_case_are_one_speaker_named_as_first_written() -> None:
    result = turns("Interviewer: a", "INTERVIEWER: b", "interviewer : c")
    assert [turn.speaker for turn in result] == ["Interviewer"] * 3


# --- timestamps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "seconds"),
    [
        ("[00:01:23] I: Hallo.", 83.0),
        ("(00:01:23) I: Hallo.", 83.0),
        ("00:01:23 I: Hallo.", 83.0),
        ("[01:23] I: Hallo.", 83.0),
        ("[1:02:03.5] I: Hallo.", 3723.5),
        ("I [00:01:23]: Hallo.", 83.0),
        ("I: [00:01:23] Hallo.", 83.0),
    ],
)
def test_timestamps_become_turn_time_and_leave_the_speech(line: str, seconds: float) -> None:
    (turn,) = turns(line)
    assert turn.speaker == "I"
    assert turn.time == pytest.approx(seconds)
    assert turn.paragraphs == ["Hallo."]


def test_bare_minutes_seconds_in_front_of_speech_is_not_a_timestamp() -> None:
    result = turns("I: Wanneer?", "10:30 was de afspraak.")
    assert summary(result) == [("I", ["Wanneer?", "10:30 was de afspraak."])]


def test_timestamp_on_first_paragraph_after_label_only_line() -> None:
    result = turns("Interviewer", "[00:00:05] Welkom.", "[00:00:09] Nog iets.")
    assert summary(result) == [("Interviewer", ["Welkom.", "Nog iets."])]
    assert result[0].time == 5.0


def test_parse_clock() -> None:
    assert parse_clock("0:00") == 0.0
    assert parse_clock("29:24") == 1764.0
    assert parse_clock("1:02:03") == 3723.0
    assert parse_clock("00:01:01-9") == pytest.approx(61.9)
    assert parse_clock("00:00:01,250") == pytest.approx(1.25)


# --- bold labels -----------------------------------------------------------------------------


def test_bold_labels_with_and_without_colon() -> None:
    result = turns(
        Paragraph("Interviewer: Hoe begon het?", bold_prefix="Interviewer:"),
        Paragraph("Margriet Hoe het begon? Met een subsidie.", bold_prefix="Margriet"),
        Paragraph("Interviewer Mooi.", bold_prefix="Interviewer"),
        Paragraph("Margriet: Ja.", bold_prefix="Margriet"),
    )
    assert summary(result) == [
        ("Interviewer", ["Hoe begon het?"]),
        ("Margriet", ["Hoe het begon? Met een subsidie."]),
        ("Interviewer", ["Mooi."]),
        ("Margriet", ["Ja."]),
    ]


def test_bold_heading_once_is_a_title_not_a_speaker() -> None:
    result = turns(
        Paragraph("Verslag gesprek", bold_prefix="Verslag gesprek"),
        "I: Welkom.",
        Paragraph("Belangrijk dit is vet gedrukt.", bold_prefix="Belangrijk"),
    )
    assert summary(result) == [
        (None, ["Verslag gesprek"]),
        ("I", ["Welkom.", "Belangrijk dit is vet gedrukt."]),
    ]


def test_bold_question_is_not_a_label() -> None:
    result = turns(
        "I: Start.",
        Paragraph("Wat doet u? Ik werk.", bold_prefix="Wat doet u?"),
        Paragraph("Wat doet u? Nog steeds.", bold_prefix="Wat doet u?"),
    )
    assert len(result) == 1


def test_bold_label_alone_on_its_line() -> None:
    result = turns(
        Paragraph("Onderzoeker", bold_prefix="Onderzoeker"),
        "Wat is uw rol?",
        Paragraph("Wethouder Bos:", bold_prefix="Wethouder Bos:"),
        "Ik ben wethouder.",
        "Al vier jaar.",
        Paragraph("Wethouder Bos", bold_prefix="Wethouder Bos"),
        "Klopt.",
    )
    assert summary(result) == [
        ("Onderzoeker", ["Wat is uw rol?"]),
        ("Wethouder Bos", ["Ik ben wethouder.", "Al vier jaar."]),
        ("Wethouder Bos", ["Klopt."]),
    ]


# --- label-only paragraphs -------------------------------------------------------------------


def test_label_only_paragraphs() -> None:
    result = turns(
        "Interviewer",
        "Kunt u zich voorstellen?",
        "Respondent 2:",
        "Ja, ik ben Piet.",
        "Ik werk bij de gemeente.",
        "Interviewer",
        "Dank u.",
    )
    assert summary(result) == [
        ("Interviewer", ["Kunt u zich voorstellen?"]),
        ("Respondent 2", ["Ja, ik ben Piet.", "Ik werk bij de gemeente."]),
        ("Interviewer", ["Dank u."]),
    ]


def test_single_words_of_speech_are_not_label_only_lines() -> None:
    result = turns("I: Klopt dat?", "Okay", "Yes.", "Okay", "Yes.", "Ja")
    assert summary(result) == [("I", ["Klopt dat?", "Okay", "Yes.", "Okay", "Yes.", "Ja"])]


def test_word_transcribe_labels() -> None:
    result = turns(
        "00:00:03 Speaker 1",
        "Goedemorgen.",
        "00:00:07 Speaker 2",
        "Goedemorgen, welkom.",
        "Fijn dat u er bent.",
        "00:01:10 Speaker 1",
        "Dank u.",
    )
    assert summary(result) == [
        ("Speaker 1", ["Goedemorgen."]),
        ("Speaker 2", ["Goedemorgen, welkom.", "Fijn dat u er bent."]),
        ("Speaker 1", ["Dank u."]),
    ]
    assert [turn.time for turn in result] == [3.0, 7.0, 70.0]


def test_otter_labels() -> None:
    result = turns(
        "Speaker 1  0:00  ",
        "Hi folks.  ",
        "Jonas Rosland  1:01",
        "Hello.",
        "Speaker 1  1:02:03",
        "Bye.",
        "Jonas Rosland  1:03:00",
        "Bye bye.",
        "Transcribed by https://otter.ai",
    )
    assert summary(result) == [
        ("Speaker 1", ["Hi folks."]),
        ("Jonas Rosland", ["Hello."]),
        ("Speaker 1", ["Bye."]),
        ("Jonas Rosland", ["Bye bye."]),
    ]
    assert [turn.time for turn in result] == [0.0, 61.0, 3723.0, 3780.0]


def test_label_only_with_bracketed_time_after_it() -> None:
    result = turns("Speaker 2 [00:03:10]", "Ja.", "Speaker 3 (00:03:12)", "Nee.")
    assert summary(result) == [("Speaker 2", ["Ja."]), ("Speaker 3", ["Nee."])]
    assert [turn.time for turn in result] == [190.0, 192.0]


# --- f4 / f5 ---------------------------------------------------------------------------------


def test_f4_stamps_are_removed_and_mark_turn_ends() -> None:
    result = turns(
        "I: Wie bent u? #00:00:05-3#",
        "B: Ik ben Jan. #00:00:09-0# Ik werk hier al lang. #00:00:12-1#",
        "I: #00:00:13-0# Mooi.",
        "Echt mooi.",
        "#00:00:20-5#",
    )
    assert summary(result) == [
        ("I", ["Wie bent u?"]),
        ("B", ["Ik ben Jan. Ik werk hier al lang."]),
        ("I", ["Mooi.", "Echt mooi."]),
    ]
    assert [(turn.time, turn.end_time) for turn in result] == [
        (None, 5.3),
        (None, pytest.approx(12.1)),
        (13.0, 20.5),
    ]
    assert not any("#" in p for turn in result for p in turn.paragraphs)


# --- speaker map -----------------------------------------------------------------------------


def test_speaker_map_names_labels_and_makes_one_offs_speakers() -> None:
    result = turns(
        "Titel",
        "I: Hoe gaat het?",
        "R: Goed.",
        "JdV: Mag ik iets zeggen?",
        "I: Graag.",
        speaker_map={"I": "Interviewer", "R": "Respondent 5", "JdV": "Respondent 6"},
    )
    assert summary(result) == [
        (None, ["Titel"]),
        ("Interviewer", ["Hoe gaat het?"]),
        ("Respondent 5", ["Goed."]),
        ("Respondent 6", ["Mag ik iets zeggen?"]),
        ("Interviewer", ["Graag."]),
    ]


def test_speaker_map_overrides_a_one_off_zei() -> None:
    result = turns(
        "I: Vraag.", "De minister zei: antwoord.", speaker_map={"De minister zei": "Minister"}
    )
    assert [turn.speaker for turn in result] == ["I", "Minister"]


# --- cleaning --------------------------------------------------------------------------------


def test_speech_whitespace_collapsed_and_characters_kept() -> None:
    (turn,) = turns("R:   Dit  is\t“mooi” –  café  😀 ’s avonds  ")
    assert turn.paragraphs == ["Dit is “mooi” – café 😀 ’s avonds"]


def test_markdown_is_not_read_in_plain_paragraphs() -> None:
    # Markdown is parsed by importers.markdown; in a plain paragraph "#" is text.
    result = turns("# 3 vragen", "I: Hallo  ")
    assert summary(result) == [(None, ["# 3 vragen"]), ("I", ["Hallo"])]


def test_paragraph_with_line_breaks_is_split() -> None:
    result = turns(Paragraph("Interviewer\nHoe gaat het?\nGoed?"), "R: Ja")
    assert summary(result) == [("Interviewer", ["Hoe gaat het?", "Goed?"]), ("R", ["Ja"])]


def test_label_only_line_without_speech_leaves_no_empty_turn() -> None:
    result = turns("Interviewer", "Respondent 1", "Ja.")
    assert summary(result) == [("Respondent 1", ["Ja."])]


def test_no_paragraphs() -> None:
    assert turns() == []
    assert turns("", "   ") == []


def test_rejected_label_candidate_keeps_its_text_and_gives_no_time() -> None:
    result = turns("Meeting at  10:30", "I: Welkom.")
    assert summary(result) == [(None, ["Meeting at 10:30"]), ("I", ["Welkom."])]
    assert result[0].time is None
