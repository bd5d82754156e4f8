"""Four coders working on one project at the same moment (brief, section 10).

Four processes each run 1,000 actions (apply, remove, memos, codebook edits) on one SQLite
file and on one PostgreSQL database. Every process must finish without an error reaching the
user ("database is locked" above all), every acknowledged action must be in the project, and
the event log must hold all 4,000 actions.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from codebench.services.project import open_project
from codebench.storage import models
from codebench.storage.engine import sqlite_path
from helpers.coding_log import State, differences, integrity, observe, parse, replay, start_worker
from helpers.small_study import build_study

CODERS = ("anna", "bram", "chen", "dewi")
ACTIONS = 1_000


def _last_memo_events(location: str) -> dict[int, str]:
    """The memo each document must show: what the last logged memo action wrote on it."""
    with open_project(location) as project, project.reading() as session:
        events = session.scalars(
            select(models.Event)
            .where(models.Event.action == "memo", models.Event.entity == "document")
            .order_by(models.Event.id)
        )
        return {event.entity_id: event.data["after"] for event in events if event.entity_id}


def _document_memos(location: str) -> list[tuple[int | None, str]]:
    with open_project(location) as project, project.reading() as session:
        rows = session.execute(
            select(models.Memo.target_id, models.Memo.text).where(
                models.Memo.target_type == "document"
            )
        )
        return [(row.target_id, row.text) for row in rows]


def test_four_coders_at_once_lose_nothing(backend_location: str) -> None:
    location = build_study(backend_location)

    workers = [start_worker(location, coder, seed, ACTIONS) for seed, coder in enumerate(CODERS)]
    outputs = [worker.communicate(timeout=600) for worker in workers]

    for coder, worker, (output, errors) in zip(CODERS, workers, outputs, strict=True):
        assert worker.returncode == 0, f"{coder}: {errors.decode()}"
        assert b"locked" not in errors and errors == b"", errors.decode()
        report = parse(output)
        assert len(report.acks) == ACTIONS and report.intent is None
        expected = replay(State(), report.acks)
        expected.document_memos.clear()  # shared by all four coders: checked below
        actual = observe(location, coder)
        actual.document_memos.clear()
        assert differences(expected, actual, None) == [], coder

    memos = _document_memos(location)
    assert Counter(document for document, _ in memos).most_common(1)[0][1] == 1
    assert dict(memos) == _last_memo_events(location)
    path = sqlite_path(location)
    if path is not None:
        assert integrity(path) == "ok"
    with open_project(location) as project, project.reading() as session:
        logged = session.scalars(select(models.Event.actor).where(models.Event.actor.in_(CODERS)))
        assert Counter(logged) == dict.fromkeys(CODERS, ACTIONS)
