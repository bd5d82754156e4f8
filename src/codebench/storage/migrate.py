"""Schema creation and upgrade through the Alembic migrations shipped inside the package.

Opening a project written by an older codebench upgrades it in place, after a backup copy of
the SQLite file is written next to it, so an upgrade can never cost a researcher their work.
Opening one that is current (nearly always) reads its revision with one query and never loads
Alembic, whose import costs every command a third of a second.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from codebench.errors import ProjectError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0004"
"""The newest revision in ``migrations/versions``; tests/test_migrations.py holds it equal to
Alembic's head, so a new migration cannot be forgotten here."""


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The project's schema revision as Alembic stamps it; None for a database without one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision: str | None = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return revision


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy a live SQLite database consistently (the backup API also copies the WAL's pages).

    The copy holds every transcript, so it is created owner-only before SQLite opens it (SQLite
    keeps an existing file's mode and gives its journal files that mode too); a chmod afterwards
    would leave it readable by others while the copy is written.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{revision}.{stamp}.bak")
    descriptor = os.open(target, os.O_CREAT | os.O_WRONLY, 0o600)
    os.fchmod(descriptor, 0o600)
    os.close(descriptor)
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def ensure_current(engine: Engine, sqlite_file: Path | None) -> Path | None:
    """Bring the schema to head; returns the backup written before an upgrade, if any."""
    current = current_revision(engine)
    if current == HEAD:
        return None
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current is not None and current not in known:
        raise ProjectError(
            f"the project has schema revision {current}, unknown to this codebench "
            "(written by a newer version?); upgrade codebench to open it"
        )
    backup = None
    if current is not None and sqlite_file is not None:
        backup = backup_sqlite(sqlite_file, current)
    upgrade(engine)
    return backup
