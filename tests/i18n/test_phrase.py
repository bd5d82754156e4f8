"""A phrase is English text that an export says in another language from its message and
fields: nested phrases translated too, numbers in the language's marks, an attribute's name
in words, parts joined by a translated word; never by matching the English back."""

from __future__ import annotations

from codebench.exports.labels import words
from codebench.i18n import N_
from codebench.i18n.phrase import Phrase, phrases_in


def test_a_phrase_is_its_english_text_and_remembers_how_it_was_made() -> None:
    note = N_("{total} respondents in scope; share = respondents / {total}.", total=1234)
    assert note == "1,234 respondents in scope; share = respondents / 1,234."
    assert isinstance(note, str) and note.fields == {"total": 1234}
    template = N_("Themes by {attribute}")
    assert template == "Themes by {attribute}" and template.fields == {}


def test_dutch_translates_the_message_and_its_phrase_fields_with_dutch_numbers() -> None:
    nl = words("nl")
    note = N_(
        "Diagonal: {unit} with that code. Off the diagonal: with both codes.", unit=N_("turns")
    )
    assert nl.say(note) == (
        "Op de diagonaal: spreekbeurten met die code; daarbuiten: spreekbeurten met beide codes."
    )
    assert nl.say(N_("θ = {threshold}", threshold=0.5)) == "θ = 0,5"
    interval = N_("{low:.{places}f} to {high:.{places}f}", low=0.5, high=0.734, places=3)
    assert interval == "0.500 to 0.734"
    assert nl.say(interval) == "0,500 tot 0,734"
    assert nl.say(N_("{replicates} resamples of {drawn}", replicates=1000, drawn=N_("units"))) == (
        "1.000 trekkingen van eenheden"
    )


def test_joined_parts_and_attribute_names_are_said_in_words() -> None:
    nl = words("nl")
    either = Phrase.joined(N_(" or "), ["gemeente", "provincie"])
    where = Phrase("{attribute} = {values}", {"attribute": "organisation_type", "values": either})
    assert where == "organisation_type = gemeente or provincie"
    assert nl.say(where) == "type organisatie = gemeente of provincie"
    assert nl.say("coder1") == "coder1"  # a name is no phrase: as it is
    assert phrases_in(["coder1", where]) == {str(where): where}
