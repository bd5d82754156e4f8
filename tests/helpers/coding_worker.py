"""A coder working without pause, run as a child process by the crash and concurrency tests.

Usage: ``python coding_worker.py LOCATION CODER SEED COUNT`` (COUNT 0 means until killed).

Before each action it prints ``{"intent": ...}``; after the service call has returned (so its
transaction has committed) it prints ``{"ack": ...}``. A test that kills the process therefore
knows every action that was reported done, and the one action that may or may not have
committed. Every action goes through the same service functions as the TUI and records exactly
one event. The worker's state (its own codings and codes) is read back from the project at
start, so a killed worker can be started again on the same project.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from sqlalchemy import select

from codebench.errors import CodebenchError
from codebench.services.codebook.edits import add_code, rename_code
from codebench.services.coding.actions import apply_code_to_span, remove_coding, set_coding_memo
from codebench.services.memos import set_memo
from codebench.services.project import Project, open_project
from codebench.storage import models


def say(kind: str, payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps({kind: payload}) + "\n")
    sys.stdout.flush()


class Worker:
    def __init__(self, project: Project, coder: str, seed: int) -> None:
        self.project, self.coder = project, coder
        self.rng = random.Random(seed)
        self.step = 0
        with project.reading() as session:
            self.documents = list(session.execute(select(models.Document.id, models.Document.text)))
            roots = select(models.Code.id).where(models.Code.parent_id.is_(None))
            self.codes = list(session.scalars(roots))
            self.live = list(
                session.scalars(
                    select(models.Coding.id)
                    .join(models.Coder)
                    .where(models.Coder.name == coder)
                    .order_by(models.Coding.id)
                )
            )
            self.own_codes = list(
                session.scalars(
                    select(models.Code.name).where(models.Code.name.startswith(f"{coder} code "))
                )
            )
        self.tag = f"{coder}-{seed}"

    def act(self) -> None:
        self.step += 1
        roll = self.rng.random()
        if roll < 0.45 or len(self.live) < 3:
            self.apply()
        elif roll < 0.65:
            self.remove()
        elif roll < 0.8:
            self.coding_memo()
        elif roll < 0.9:
            self.document_memo()
        elif roll < 0.95 or not self.own_codes:
            self.new_code()
        else:
            self.rename()

    def apply(self) -> None:
        while True:
            document_id, text = self.rng.choice(self.documents)
            start = self.rng.randrange(len(text) - 1)
            end = min(len(text), start + self.rng.randint(1, 400))
            code_id = self.rng.choice(self.codes)
            intent = {"op": "apply", "document": document_id, "code": code_id}
            say("intent", {**intent, "start": start, "end": end})
            try:
                view = apply_code_to_span(
                    self.project, document_id, code_id, self.coder, start, end
                )
            except CodebenchError:  # the same passage drawn twice: draw again
                continue
            self.live.append(view.id)
            say("ack", {**intent, "id": view.id, "start": start, "end": end})
            return

    def remove(self) -> None:
        coding_id = self.live.pop(self.rng.randrange(len(self.live)))
        say("intent", {"op": "remove", "id": coding_id})
        remove_coding(self.project, coding_id, self.coder)
        say("ack", {"op": "remove", "id": coding_id})

    def coding_memo(self) -> None:
        coding_id = self.rng.choice(self.live)
        text = f"memo {self.tag} {self.step}"
        say("intent", {"op": "memo", "id": coding_id, "text": text})
        set_coding_memo(self.project, coding_id, self.coder, text)
        say("ack", {"op": "memo", "id": coding_id, "text": text})

    def document_memo(self) -> None:
        document_id = self.rng.choice(self.documents)[0]
        text = f"document memo {self.tag} {self.step}"
        say("intent", {"op": "document_memo", "document": document_id, "text": text})
        set_memo(self.project, "document", document_id, text, self.coder)
        say("ack", {"op": "document_memo", "document": document_id, "text": text})

    def new_code(self) -> None:
        name = f"{self.coder} code {self.tag} {self.step}"
        say("intent", {"op": "new_code", "name": name})
        add_code(self.project, name, actor=self.coder)
        self.own_codes.append(name)
        say("ack", {"op": "new_code", "name": name})

    def rename(self) -> None:
        old = self.own_codes.pop(self.rng.randrange(len(self.own_codes)))
        new = f"{self.coder} code {self.tag} {self.step} renamed"
        say("intent", {"op": "rename", "from": old, "to": new})
        rename_code(self.project, old, new, actor=self.coder)
        self.own_codes.append(new)
        say("ack", {"op": "rename", "from": old, "to": new})


def main() -> None:
    location, coder, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open_project(location) as project:
        worker = Worker(project, coder, seed)
        say("ready", {"coder": coder})
        while count == 0 or worker.step < count:
            worker.act()


if __name__ == "__main__":
    main()
