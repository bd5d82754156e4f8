"""Opening a project database: a SQLite file by default, PostgreSQL when given a URL.

SQLite is set up for a tool that must never lose a researcher's work: WAL journal, full sync,
foreign keys on, a busy timeout for several coders on one file, and a file readable by its owner
only. Transactions are begun explicitly so that one user action is one real transaction.

Write transactions begin IMMEDIATE: they take SQLite's write lock at the start, waiting up to
the busy timeout for another coder's commit, instead of reading first and failing with
"database is locked" when a deferred transaction cannot upgrade to a writer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from codebench.errors import ProjectError

PROJECT_SUFFIX = ".codebench"
BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "codebench_write"


def is_url(location: str) -> bool:
    return "://" in location


def sqlite_path(location: str | Path) -> Path | None:
    """The file behind a location, or None for a server database."""
    if isinstance(location, Path):
        return location
    if not is_url(location):
        return Path(location)
    url = make_url(location)
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database)
    return None


def database_url(location: str | Path) -> URL:
    """Turn a path or a URL given by the user into a SQLAlchemy URL."""
    path = sqlite_path(location)
    if path is not None:
        return URL.create("sqlite+pysqlite", database=str(path.expanduser().resolve()))
    assert isinstance(location, str)
    try:
        url = make_url(location)
    except ArgumentError as exc:
        raise ProjectError(f"{location}: not a database URL ({exc})") from exc
    if url.get_backend_name() != "postgresql":
        raise ProjectError(
            f"{location}: unsupported database (use a .codebench file or postgresql+psycopg://)"
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def create_project_file(path: Path) -> None:
    """Create an empty SQLite file with owner-only permissions before SQLite touches it.

    SQLite gives its WAL and shared-memory files the mode of the database file, so this one
    call keeps the whole project private (its folder exists: the caller makes it private).
    """
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise ProjectError(
            "PostgreSQL support is not installed: pip install 'codebench[postgres]'"
        ) from exc


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, decide where transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def writing_engine(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions are writes (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})
