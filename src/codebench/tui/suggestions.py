"""Code suggestions in the coding screen: ghost marks, accept, reject, next, and the counts.

``g`` shows (or hides) the suggestions for the open document: the coder's own model
(:mod:`codebench.services.suggestions`) is brought up to date and asked in a thread worker, so
the screen never waits on training. ``y`` accepts the suggestion on the cursor sentence (an
ordinary coding, which ``u`` undoes), ``X`` rejects it (never suggested there again), ``G``
goes to the next one. A line under the transcript names the suggestion here and counts what
is left, accepted and rejected. The suggestions asked for stay as they are while the coder
works through them (the model learns the new codings the next time they are shown), each shown
while its sentence is uncoded: after any change to the codings the service says which are
still open, so an undone acceptance shows its suggestion again and a redone one hides it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from codebench.errors import CodebenchError
from codebench.services.coding.views import CodingView
from codebench.services.suggestions.suggesting import (
    Decisions,
    Suggestion,
    Suggestions,
    accept,
    decisions,
    reject,
    still_open,
    suggest,
)
from codebench.tui.suggestion_marks import (
    GhostLook,
    best_per_sentence,
    ghost_codings,
    is_ghost,
    uncoded,
)
from codebench.tui.transcript.painter import CodingLook

if TYPE_CHECKING:
    from codebench.tui.coding_screen import CodingScreen

TOP = 3
"""Codes asked for per sentence: a rejected one gives way to the next."""
KEYS = "y accept · X reject · G next · g hide"


class SuggestionBar(Static):
    """One line under the transcript while suggestions show."""

    DEFAULT_CSS = """
    SuggestionBar {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        display: none;
    }
    """


class SuggestionMarks:
    """The open document's suggestions, as the coding screen shows and answers them."""

    def __init__(self, host: CodingScreen) -> None:
        self.host = host
        self.shown = False
        self.asked: list[Suggestion] = []
        """What the model suggested for the open document, less what the coder rejected."""
        self.items: list[Suggestion] = []
        """Those of :attr:`asked` on sentences the coder has not coded: the ones shown."""
        self.counts = Decisions(0, 0)
        self._asking = False
        self._generation = 0
        """Bumped whenever what is asked or coded changes: a recount started before is stale."""

    @property
    def bar(self) -> SuggestionBar:
        return self.host.query_one(SuggestionBar)

    # -- what the screen asks of it ----------------------------------------------------------

    def with_ghosts(self, codings: list[CodingView]) -> list[CodingView]:
        """The codings to draw: the document's, and the suggestions while they show (none
        under a coding of the coder's: after a redo, before the recount has closed it, a
        stale suggestion would push the redone coding's stripe out of its lane)."""
        if not self.shown:
            return codings
        return [*codings, *ghost_codings(uncoded(self.items, codings, self.host.ws.coder))]

    @staticmethod
    def without_ghosts(codings: list[CodingView]) -> list[CodingView]:
        return [c for c in codings if not is_ghost(c)]

    def sync_look(self, look: CodingLook) -> None:
        """Draw the transcript with the screen's ``look``, suggestions grey while they show
        (set only when it changes: setting a look lays the document out again)."""
        transcript = self.host.transcript
        current = transcript.look
        if self.shown and not (isinstance(current, GhostLook) and current.inner is look):
            transcript.set_look(GhostLook(look))
        elif not self.shown and current is not look:
            transcript.set_look(look)

    def document_opened(self) -> None:
        self._generation += 1
        self.asked = self.items = []
        if self.shown:
            self._ask()
        self._update_bar()

    def cursor_moved(self) -> None:
        if self.shown:
            self._update_bar()

    # -- the keys ----------------------------------------------------------------------------

    def toggle(self) -> None:
        self.shown = not self.shown
        self._generation += 1
        self.asked = self.items = []
        self.bar.display = self.shown
        if self.shown:
            self._ask()
        self._redraw()

    def accept_here(self) -> None:
        found = self._here()
        if found is None:
            return
        ws = self.host.ws
        try:
            coding = accept(ws.project, found, ws.coder)
        except CodebenchError as exc:
            self.host.notify(str(exc), severity="error", title="Not coded")
            return
        self.items = [item for item in self.items if item.start != found.start]
        self.counts = Decisions(self.counts.accepted + 1, self.counts.rejected)
        self.host.reload_codings(added=coding)
        self._update_bar()
        self.host.notify(f"Coded {found.code} (accepted; u undoes)", timeout=2)

    def reject_here(self) -> None:
        found = self._here()
        if found is None:
            return
        ws = self.host.ws
        try:
            reject(ws.project, found, ws.coder)
        except CodebenchError as exc:
            self.host.notify(str(exc), severity="error", title="Not rejected")
            return
        self.asked = [item for item in self.asked if item != found]
        self.items = [item for item in self.items if item != found]
        self.counts = Decisions(self.counts.accepted, self.counts.rejected + 1)
        self._redraw()
        self.host.notify(f"Rejected {found.code} here: it will not be suggested again", timeout=2)

    def codings_changed(self) -> None:
        """After any change to the codings (an undo or redo above all): count the accepted
        and rejected suggestions again (an undone acceptance is one no more) and show those
        still open. The model is not asked again until ``g``, so the screen never waits for
        retraining."""
        document_id = self.host.document_id
        if not self.shown or document_id is None:
            return
        project, coder, asked = self.host.ws.project, self.host.ws.coder, list(self.asked)
        self._generation += 1
        generation = self._generation

        def work() -> None:
            try:
                counts = decisions(project, coder, document_id)
                still = still_open(project, coder, asked)
            except CodebenchError:
                return
            self.host.app.call_from_thread(self._recounted, generation, counts, still)

        self.host.run_worker(work, thread=True, exclusive=True, group="suggestion-counts")

    def _recounted(self, generation: int, counts: Decisions, still: list[Suggestion]) -> None:
        if generation != self._generation:
            return
        self.counts = counts
        open_now = set(still)  # less any the coder rejected while the worker ran
        items = [item for item in self.asked if item in open_now]
        if items != self.items:
            self.items = items
            self._redraw()
        else:
            self._update_bar()

    def go_next(self) -> None:
        if not self._showing():
            return
        sentence = self.host.transcript.cursor_sentence
        at = sentence.start if sentence is not None else -1
        starts = sorted({item.start for item in self.items})
        if not starts:
            self.host.notify("No suggestions left in this document", timeout=2)
            return
        following = [start for start in starts if start > at] or starts  # wraps round
        self.host.transcript.go_to(following[0])

    # -- asking the model --------------------------------------------------------------------

    def _ask(self) -> None:
        document_id = self.host.document_id
        if document_id is None:
            return
        ws = self.host.ws
        project, coder, viewer = ws.project, ws.coder, ws.viewer
        self._asking = True
        self._update_bar()

        def work() -> None:
            try:
                found = suggest(project, document_id, coder, viewer=viewer, top=TOP)
                counts = decisions(project, coder, document_id)
            except CodebenchError as exc:
                self.host.app.call_from_thread(self._failed, str(exc))
                return
            self.host.app.call_from_thread(self._show, document_id, found, counts)

        self.host.run_worker(work, thread=True, exclusive=True, group="suggestions")

    def _show(self, document_id: int, found: Suggestions, counts: Decisions) -> None:
        self._asking = False
        if not self.shown or document_id != self.host.document_id:
            return
        self._generation += 1
        self.asked = self.items = list(found.items)
        self.counts = counts
        self._redraw()
        trained = found.trained
        state = "trained now on" if trained.retrained else "learned from"
        self.host.notify(
            f"{len(best_per_sentence(self.items))} sentences with a suggestion; the model "
            f"{state} {trained.codings} codings of yours",
            timeout=3,
        )

    def _failed(self, message: str) -> None:
        self._asking = False
        self.shown = False
        self.bar.display = False
        self._redraw()
        self.host.notify(message, severity="warning", title="No suggestions")

    # -- drawing -----------------------------------------------------------------------------

    def _redraw(self) -> None:
        host = self.host
        if host.document_id is not None:
            self.sync_look(host.looks.sync())
            host.transcript.set_highlights(self.with_ghosts(host.document.codings))
        self._update_bar()

    def _here(self) -> Suggestion | None:
        """The best suggestion on the cursor sentence, if any (else the coder is told)."""
        if not self._showing():
            return None
        found = self._here_quietly()
        if found is None:
            self.host.notify("No suggestion on this sentence (G: the next one)", timeout=2)
        return found

    def _showing(self) -> bool:
        if not self.shown:
            self.host.notify("Suggestions are hidden: g shows them", timeout=2)
        return self.shown

    def _update_bar(self) -> None:
        if not self.shown:
            return
        line = Text()
        if self._asking:
            line.append("Suggestions: asking the model (it learns your codings first)…")
        else:
            left = len(best_per_sentence(self.items))
            line.append(f"Suggestions: {left} left", style="bold")
            here = self._here_quietly()
            if here is not None:
                line.append(f" · here: {here.code.rsplit(' > ', 1)[-1]} {here.confidence:.0%}")
            line.append(f" · accepted {self.counts.accepted} · rejected {self.counts.rejected}")
        line.append(f"   {KEYS}", style="dim")
        self.bar.update(line)

    def _here_quietly(self) -> Suggestion | None:
        sentence = self.host.transcript.cursor_sentence
        if sentence is None:
            return None
        for item in best_per_sentence(self.items):
            if item.start < sentence.end and sentence.start < item.end:
                return item
        return None
