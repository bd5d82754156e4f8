"""Where the coder is in a transcript: the sentence cursor and the selection, and every move.

A :class:`Cursor` is a value; each move returns the cursor it leads to (None: the move goes
nowhere), so the transcript widget only binds keys and the mouse to moves and repaints what
changed. Positions are indices into the shown sentences of a
:class:`~codebench.tui.transcript.sentences.SentenceIndex`; offsets are code points of the
document text. Kept free of Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from codebench.tui.transcript.sentences import SentenceIndex


@dataclass(frozen=True)
class Cursor:
    """The cursor sentence, the sentence a selection grows from, and the selection itself.

    ``position`` and ``anchor`` are -1 when nothing is shown; ``selection`` is (start, end)
    in code points, by default the cursor sentence's span.
    """

    position: int = -1
    anchor: int = -1
    selection: tuple[int, int] = (0, 0)

    @classmethod
    def on(cls, doc: SentenceIndex, position: int, anchor: int | None = None) -> Cursor | None:
        """On the shown sentence at ``position`` (clamped), selecting from ``anchor`` to it."""
        if not len(doc):
            return None
        position = max(0, min(position, len(doc) - 1))
        anchor = position if anchor is None else anchor
        low, high = sorted((anchor, position))
        return cls(position, anchor, (doc.span(low)[0], doc.span(high)[1]))

    @classmethod
    def near(cls, doc: SentenceIndex, offset: int) -> Cursor:
        """On the shown sentence nearest ``offset``, the selection collapsed to it."""
        position = doc.nearest(offset)
        return cls(position, position, doc.span(position))

    @classmethod
    def first(cls, doc: SentenceIndex) -> Cursor:
        """On the first spoken sentence: where a freshly opened document starts."""
        position = doc.first_spoken()
        return cls(position, position, doc.span(position))

    @classmethod
    def around(cls, doc: SentenceIndex, span: tuple[int, int]) -> Cursor:
        """Selecting ``span`` (a search match), on the sentence where it starts."""
        position = doc.nearest(span[0])
        return cls(position, position, span)

    def collapsed(self, doc: SentenceIndex) -> bool:
        """Whether the selection is just the cursor sentence."""
        return self.selection == doc.span(self.position)

    def step(self, doc: SentenceIndex, sentences: int) -> Cursor | None:
        return Cursor.on(doc, self.position + sentences)

    def next_turn(self, doc: SentenceIndex) -> Cursor | None:
        if self.position < 0 or (position := doc.next_turn(self.position)) is None:
            return None
        return Cursor.on(doc, position)

    def previous_turn(self, doc: SentenceIndex) -> Cursor | None:
        if self.position < 0 or (position := doc.previous_turn(self.position)) is None:
            return None
        return Cursor.on(doc, position)

    def extend(self, doc: SentenceIndex, sentences: int) -> Cursor | None:
        """Move the head of a sentence selection; it never spans a turn the filter hides."""
        head = self.position + sentences
        if 0 <= head < len(doc) and doc.contiguous(self.anchor, head):
            return Cursor.on(doc, head, anchor=self.anchor)
        return None

    def with_end(self, doc: SentenceIndex, end: int) -> Cursor | None:
        """Move the selection's end (never before its start); the cursor follows the end."""
        start = self.selection[0]
        end = max(start + 1, min(end, len(doc.view.text)))
        if end == self.selection[1] or self.position < 0:
            return None
        return Cursor(doc.nearest(end - 1), self.anchor, (start, end))

    def word_forward(self, doc: SentenceIndex) -> Cursor | None:
        return self.with_end(doc, doc.word_forward(self.selection[1]))

    def word_backward(self, doc: SentenceIndex) -> Cursor | None:
        return self.with_end(doc, doc.word_backward(*self.selection))

    def char_forward(self, doc: SentenceIndex) -> Cursor | None:
        return self.with_end(doc, doc.valid_end(self.selection[1] + 1, forward=True))

    def char_backward(self, doc: SentenceIndex) -> Cursor | None:
        return self.with_end(doc, doc.valid_end(self.selection[1] - 1, forward=False))

    def drag(self, doc: SentenceIndex, origin: int, offset: int) -> Cursor | None:
        """Select the characters from ``origin`` to ``offset`` (never across a hidden turn)."""
        head = doc.nearest(offset)
        if head < 0 or not doc.contiguous(self.anchor, head):
            return None
        low, high = sorted((origin, offset))
        return Cursor(head, self.anchor, (low, high + 1))
