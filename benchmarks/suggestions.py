"""The project the suggestion rows measure: the size's coded project with every coding made
one coder's (at the medium size 100,000 codings to learn from, the issue's figure), and one
10,000-word interview left uncoded, for which suggestions are then asked.

Prepared with the standard library's sqlite3 on a scratch copy (the cached project stays as
built); the in-process rows time the services (:mod:`benchmarks.operations`), the command row
``codebench suggest`` from process start, training included.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

CODER = "coder1"
HELD_OUT = "interview_0000"
"""A 10,000-word interview (at every size but tiny) that the coder's codings leave out."""


def suggestion_project(source: Path, target: Path) -> Path:
    """A copy of ``source`` whose codings are all :data:`CODER`'s, none in :data:`HELD_OUT`."""
    shutil.copyfile(source, target)
    with sqlite3.connect(target) as connection:
        coder = connection.execute("SELECT id FROM coder WHERE name = ?", (CODER,)).fetchone()[0]
        connection.execute(
            "DELETE FROM coding WHERE document_id = (SELECT id FROM document WHERE name = ?)",
            (HELD_OUT,),
        )
        connection.execute("UPDATE coding SET coder_id = ?", (coder,))
    connection.close()
    return target
