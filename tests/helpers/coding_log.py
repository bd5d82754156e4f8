"""What a coding worker reported, replayed into the state the project must hold.

The crash and concurrency tests read a worker's ``intent``/``ack`` lines (see coding_worker.py),
replay the acknowledged actions on top of what the project held before, and compare with what
the project holds now. The one action in flight when a worker was killed may or may not have
committed; both outcomes are accepted for it alone.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from codebench.services.project import open_project
from codebench.storage import models

WORKER = Path(__file__).with_name("coding_worker.py")
Coding = tuple[int, int, int, int, str | None]  # document, code, start, end, memo


@dataclass
class State:
    """One coder's part of a project: codings, document memos, code names and events."""

    codings: dict[int, Coding] = field(default_factory=dict)
    document_memos: dict[int, str] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    events: int = 0


@dataclass
class Report:
    acks: list[dict[str, Any]]
    intent: dict[str, Any] | None  # the last action begun and not acknowledged


def start_worker(location: str, coder: str, seed: int, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), location, coder, str(seed), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def parse(output: bytes) -> Report:
    """Complete lines only: a line cut short by a kill was never acknowledged."""
    acks: list[dict[str, Any]] = []
    intent: dict[str, Any] | None = None
    for line in output.split(b"\n")[:-1]:
        message = json.loads(line)
        if "intent" in message:
            intent = message["intent"]
        elif "ack" in message:
            acks.append(message["ack"])
            intent = None
    return Report(acks, intent)


def observe(location: str, coder: str) -> State:
    """What the project holds of ``coder``'s work, read through a fresh connection."""
    with open_project(location) as project, project.reading() as session:
        codings = {
            row.id: (row.document_id, row.code_id, row.start, row.end, row.memo)
            for row in session.scalars(
                select(models.Coding).join(models.Coder).where(models.Coder.name == coder)
            )
        }
        memos = {
            memo.target_id: memo.text
            for memo in session.scalars(
                select(models.Memo).where(models.Memo.target_type == "document")
            )
            if memo.target_id is not None
        }
        names = set(
            session.scalars(
                select(models.Code.name).where(models.Code.name.startswith(f"{coder} code "))
            )
        )
        events = session.scalar(
            select(func.count(models.Event.id)).where(models.Event.actor == coder)
        )
    return State(codings, memos, names, events or 0)


def replay(before: State, acks: list[dict[str, Any]]) -> State:
    state = replace(
        before,
        codings=dict(before.codings),
        document_memos=dict(before.document_memos),
        codes=set(before.codes),
        events=before.events + len(acks),
    )
    for ack in acks:
        op = ack["op"]
        if op == "apply":
            place = (ack["document"], ack["code"], ack["start"], ack["end"])
            state.codings[ack["id"]] = (*place, None)
        elif op == "remove":
            del state.codings[ack["id"]]
        elif op == "memo":
            state.codings[ack["id"]] = (*state.codings[ack["id"]][:4], ack["text"])
        elif op == "document_memo":
            state.document_memos[ack["document"]] = ack["text"]
        elif op == "new_code":
            state.codes.add(ack["name"])
        elif op == "rename":
            state.codes.remove(ack["from"])
            state.codes.add(ack["to"])
    return state


def differences(expected: State, actual: State, intent: dict[str, Any] | None) -> list[str]:
    """Everything acknowledged that the project lacks, allowing the in-flight action either way."""
    if intent is not None:
        committed = _committed(expected, intent, actual)
        if committed is not None:
            expected = committed
    problems = []
    for coding_id in expected.codings.keys() | actual.codings.keys():
        want, have = expected.codings.get(coding_id), actual.codings.get(coding_id)
        if want != have:
            problems.append(f"coding {coding_id}: expected {want}, found {have}")
    for document_id, text in expected.document_memos.items():
        if actual.document_memos.get(document_id) != text:
            problems.append(f"document {document_id} memo: expected {text!r}")
    if expected.codes != actual.codes:
        problems.append(f"codes: expected {sorted(expected.codes)}, found {sorted(actual.codes)}")
    if expected.events != actual.events:
        problems.append(f"events: expected {expected.events}, found {actual.events}")
    return problems


def _committed(before: State, intent: dict[str, Any], actual: State) -> State | None:
    """The expected state had the in-flight action committed, if the project shows that it did."""
    if actual.events != before.events + 1:
        return None
    if intent["op"] == "apply":
        extra = [cid for cid in actual.codings.keys() - before.codings.keys()]
        if len(extra) != 1:
            return None
        return replay(before, [{**intent, "id": extra[0]}])
    return replay(before, [intent])


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
