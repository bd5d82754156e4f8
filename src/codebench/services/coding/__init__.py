"""Codings: the actions that apply and remove codes, their views, and the history of changes.

:mod:`.actions` holds each action once, by id, as the TUI's keys call it; :mod:`.by_name` is
the same actions reached by the names, quotes and sentence numbers a user types (the CLI and
scripts). Every change to a coding, from here, the codebook editor or an import, goes through
:mod:`.changes`, so the event log can undo it (:mod:`.history`).
"""
