"""A document's sentences as the cursor moves over them, and the edges a selection may have.

Positions are indices into the *shown* sentences (those of turns passing the view's filter);
offsets are code points of the document text. Kept free of Textual.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from codebench.services.documents.overview import DocumentView, SentenceView, TurnView

TurnPredicate = Callable[[TurnView], bool]

# Word stops for extending a selection: runs of letters/digits, and runs of punctuation.
_WORD = re.compile(r"\w+|[^\w\s]+")


class SentenceIndex:
    """The sentences of one document, filtered by turn, with offset lookups.

    A selection never reaches into a hidden turn: its edges stop at the last shown turn.
    """

    def __init__(self, view: DocumentView) -> None:
        self.view = view
        self.sentences: list[SentenceView] = []
        self.sentence_turn: list[int] = []
        for number, turn in enumerate(view.turns):
            self.sentences.extend(turn.sentences)
            self.sentence_turn.extend([number] * len(turn.sentences))
        self.turn_starts = [t.start for t in view.turns]
        self.turn_speech = [t.speech_start for t in view.turns]
        self.turn_ends = [t.end for t in view.turns]
        # Speakerless turns before the first speaker are a header (a title, the date); in a
        # document nobody is labelled in yet, every turn is speech.
        self.header_turns = next((i for i, t in enumerate(view.turns) if t.speaker), 0)
        self.shown_turns: list[int] = []
        self.hidden_turns: frozenset[int] = frozenset()
        self.shown: list[int] = []  # indices into `sentences`, in document order
        self.shown_starts: list[int] = []
        self.set_filter(None)

    def set_filter(self, predicate: TurnPredicate | None) -> None:
        keep = [predicate is None or predicate(t) for t in self.view.turns]
        self.shown_turns = [i for i, k in enumerate(keep) if k]
        self.hidden_turns = frozenset(i for i, k in enumerate(keep) if not k)
        self.shown = [i for i, t in enumerate(self.sentence_turn) if keep[t]]
        self.shown_starts = [self.sentences[i].start for i in self.shown]

    def __len__(self) -> int:
        return len(self.shown)

    @property
    def number_width(self) -> int:
        """Digits of the highest sentence number."""
        return len(str(self.sentences[-1].number)) if self.sentences else 1

    def sentence(self, position: int) -> SentenceView:
        return self.sentences[self.shown[position]]

    def span(self, position: int) -> tuple[int, int]:
        """(start, end) of the shown sentence at `position`; (0, 0) if there is none."""
        if not 0 <= position < len(self.shown):
            return (0, 0)
        sentence = self.sentences[self.shown[position]]
        return sentence.start, sentence.end

    def turn_of(self, position: int) -> int:
        return self.sentence_turn[self.shown[position]]

    def first_spoken(self) -> int:
        """Position of the first sentence of a turn with a speaker (else the first; -1: none)."""
        turns = self.view.turns
        for position, index in enumerate(self.shown):
            if turns[self.sentence_turn[index]].speaker:
                return position
        return 0 if self.shown else -1

    def first_starting_in(self, start: int, end: int) -> SentenceView | None:
        """The first shown sentence starting in [start, end) (an empty range counts as 1)."""
        i = bisect_right(self.shown_starts, start - 1)
        if i < len(self.shown) and self.shown_starts[i] < max(end, start + 1):
            return self.sentences[self.shown[i]]
        return None

    def turn_at(self, end: int) -> int:
        """Index of the last turn whose speech starts before `end` (-1: none)."""
        return bisect_right(self.turn_speech, end - 1) - 1

    def in_speech(self, start: int, end: int) -> int:
        """The turn whose speech holds [start, end), or -1."""
        turn = self.turn_at(start + 1)
        if turn >= 0 and self.turn_speech[turn] <= start and end <= self.turn_ends[turn]:
            return turn
        return -1

    def nearest(self, offset: int) -> int:
        """Position of the shown sentence holding `offset`, or the nearest (-1: none shown).

        An offset inside a speaker label counts as the start of that turn's speech.
        """
        if not self.shown:
            return -1
        turn = self.turn_at(offset + 1)
        if turn + 1 < len(self.turn_starts) and offset >= self.turn_starts[turn + 1]:
            offset = self.turn_speech[turn + 1]
        i = bisect_right(self.shown_starts, offset) - 1
        if i < 0:
            return 0
        end = self.span(i)[1]
        if offset < end or i + 1 >= len(self.shown):
            return i
        return i if offset - end < self.shown_starts[i + 1] - offset else i + 1

    def next_turn(self, position: int) -> int | None:
        """Position of the first sentence of the next shown turn."""
        turn = self.turn_of(position)
        for candidate in range(position + 1, len(self.shown)):
            if self.turn_of(candidate) != turn:
                return candidate
        return None

    def contiguous(self, a: int, b: int) -> bool:
        """Whether no hidden turn lies between the shown sentences at positions a and b."""
        low, high = sorted((self.turn_of(a), self.turn_of(b)))
        return not any(low < t < high for t in self.hidden_turns)

    def previous_turn(self, position: int) -> int | None:
        """Position of the first sentence of the previous shown turn."""
        turn = self.turn_of(position)
        while position > 0 and self.turn_of(position) == turn:
            position -= 1
        previous = self.turn_of(position)
        if previous == turn:
            return None
        while position > 0 and self.turn_of(position - 1) == previous:
            position -= 1
        return position

    # -- selection edges: an end always follows a code point of speech (never a label)

    def valid_end(self, end: int, *, forward: bool) -> int:
        """`end` moved off labels and the gaps between turns, in the direction of travel."""
        turn = self.turn_at(end)
        if turn >= 0 and end <= self.turn_ends[turn]:
            return end
        if forward:
            if turn + 1 < len(self.turn_speech) and turn + 1 not in self.hidden_turns:
                return self.turn_speech[turn + 1] + 1
            return self.turn_ends[turn] if turn >= 0 else end
        return self.turn_ends[turn] if turn >= 0 else end

    def word_forward(self, end: int) -> int:
        """The end of the next word (or punctuation run) after `end`, skipping labels."""
        text = self.view.text
        position = end
        while True:
            match = _WORD.search(text, position)
            if match is None:
                return end
            turn = self.turn_at(match.start() + 1)
            if turn < 0:
                position = self.turn_speech[0]
                continue
            if match.start() >= self.turn_ends[turn]:
                if turn + 1 >= len(self.turn_speech) or turn + 1 in self.hidden_turns:
                    return end
                position = self.turn_speech[turn + 1]
                continue
            return match.end()

    def word_backward(self, start: int, end: int) -> int:
        """The end of the last word before `end` and after `start` (`end` if there is none)."""
        best = end
        for match in _WORD.finditer(self.view.text, start, end):
            stop = match.end()
            if stop >= end:
                break
            turn = self.turn_at(stop)
            if turn >= 0 and self.turn_speech[turn] < stop <= self.turn_ends[turn]:
                best = stop
        return best

    def matches(self, needle: str) -> list[tuple[int, int]]:
        """Every match of `needle` in shown speech, in text order (case-insensitive)."""
        if not needle:
            return []
        shown = set(self.shown_turns)
        return [
            match.span()
            for match in re.finditer(re.escape(needle), self.view.text, re.IGNORECASE)
            if self.in_speech(*match.span()) in shown
        ]

    def find(self, needle: str, after: int, direction: int) -> tuple[int, int] | None:
        """The next (direction >= 0) or previous match of `needle` in shown speech, wrapping.

        Case-insensitive; a match inside a label or a hidden turn does not count.
        """
        spans = self.matches(needle)
        if not spans:
            return None
        if direction >= 0:
            return next((s for s in spans if s[0] > after), spans[0])
        return next((s for s in reversed(spans) if s[0] < after), spans[-1])
