"""Opening, creating and finding projects, and the unit of work every action runs in.

A :class:`Project` is what every service function takes: it owns the engine, and
:meth:`Project.transaction` is the one unit of work per user action (commit on success,
rollback on any error, so a failed action leaves the project as it was).

A database error never leaves this module as itself: :meth:`Project.transaction` and
:meth:`Project.reading` turn it into a one-line :class:`~codebench.errors.ProjectError` naming
the project, so the CLI and the TUI handle one kind of error, the project's own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from codebench.environment import PROJECT_ENV
from codebench.errors import ProjectError
from codebench.files.private import private_folder
from codebench.storage import models
from codebench.storage.engine import (
    PROJECT_SUFFIX,
    create_project_file,
    database_url,
    make_engine,
    sqlite_path,
    writing_engine,
)
from codebench.storage.migrate import ensure_current


class Project:
    """An open project database (a SQLite file or a PostgreSQL database)."""

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self.url = database_url(location)
        self.file = sqlite_path(location)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(writing_engine(self.engine), expire_on_commit=False)
        self.backup: Path | None = None

    def __repr__(self) -> str:
        return f"Project({self.display_location!r})"

    @property
    def display_location(self) -> str:
        return str(self.file) if self.file else self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together or not at all."""
        session = self._writes()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise ProjectError(f"{self.display_location}: {_refused_write(exc)}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing it does is committed.

        Closing (not rolling back) ends its transaction while leaving loaded objects readable.
        """
        session = self._sessions()
        try:
            yield session
        except SQLAlchemyError as exc:
            raise ProjectError(
                f"{self.display_location}: the project could not be read ({_first_line(exc)})"
            ) from exc
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: SQLAlchemyError) -> str:
    """The driver's own message, first line only (SQLAlchemy appends the statement)."""
    orig = getattr(exc, "orig", None)
    message = str(orig) if orig else str(exc)
    lines = message.strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


def _refused_write(exc: SQLAlchemyError) -> str:
    """One line for a write the database refused; nothing was saved.

    Busy, deadlocked or gone (an operational error) may pass on a second try; anything else
    (a constraint, a bad statement) is the project refusing the change as it stands.
    """
    first_line = _first_line(exc)
    if not isinstance(exc, OperationalError):
        return f"the project refused the change: {exc.__class__.__name__} ({first_line})"
    if "readonly database" in first_line:
        return "the project is read-only here (no write permission); nothing changed"
    if "database is locked" in first_line:
        return "the project is busy (another change held it too long); nothing changed, try again"
    return f"the change was not saved ({first_line}); nothing changed, try again"


def _check_reachable(project: Project) -> None:
    try:
        with project.engine.connect():
            pass
    except OperationalError as exc:
        raise ProjectError(f"{project.display_location}: cannot open ({_first_line(exc)})") from exc


def init_project(location: str | Path, name: str | None = None) -> Project:
    """Create a new project (schema at head) at a file path or an empty PostgreSQL database."""
    path = sqlite_path(location)
    if path is not None:
        path = path.expanduser()
        if path.exists():
            raise ProjectError(f"{path}: a file already exists here")
        private_folder(path.parent)
        create_project_file(path)
        location = path
    project = Project(location)
    try:
        _check_reachable(project)
        if path is None and inspect(project.engine).get_table_names():
            raise ProjectError(f"{project.display_location}: the database is not empty")
        ensure_current(project.engine, None)
        with project.transaction() as session:
            project_name = name or (path.stem if path else (project.url.database or "project"))
            session.add(models.Project(name=project_name))
    except BaseException:
        project.close()
        if path is not None:
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise
    return project


def open_project(location: str | Path) -> Project:
    """Open an existing project, upgrading an older schema after writing a backup copy."""
    path = sqlite_path(location)
    if path is not None:
        path = path.expanduser()
        if not path.is_file():
            raise ProjectError(f"{path}: no such project file (create one with 'codebench init')")
        # Read access is enough to read: a project shared read-only (or on a read-only disk)
        # still answers info, reports and agreement; a change is refused by the database.
        if not os.access(path, os.R_OK):
            raise ProjectError(f"{path}: permission denied")
        location = path
    project = Project(location)
    try:
        _check_reachable(project)
        if not inspect(project.engine).get_table_names():
            raise ProjectError(
                f"{project.display_location}: not a codebench project (empty; an interrupted "
                "'codebench init'? remove the file and create it again)"
            )
        project.backup = ensure_current(project.engine, path)
        # A plain connection, not reading(): a database error here means "not a project".
        with project.engine.connect() as connection:
            if connection.scalar(select(models.Project.id)) is None:
                raise ProjectError(f"{project.display_location}: not a codebench project")
    except SQLAlchemyError as exc:
        project.close()
        raise ProjectError(f"{project.display_location}: not a codebench project ({exc})") from exc
    except BaseException:
        project.close()
        raise
    return project


def locate_project(explicit: str | None, folder: Path | None = None) -> str:
    """The project a command works on: --project, then $CODEBENCH_PROJECT, then the folder."""
    if explicit:
        return explicit
    from_env = os.environ.get(PROJECT_ENV)
    if from_env:
        return from_env
    folder = folder or Path.cwd()
    found = sorted(folder.glob(f"*{PROJECT_SUFFIX}"))
    if len(found) == 1:
        return str(found[0])
    if not found:
        raise ProjectError(
            f"{folder}: no {PROJECT_SUFFIX} project here; create one with 'codebench init' "
            f"or name one with --project or ${PROJECT_ENV}"
        )
    names = ", ".join(p.name for p in found)
    raise ProjectError(f"{folder}: several projects here ({names}); choose one with --project")


def default_project_file(folder: Path) -> Path:
    return folder / f"{folder.resolve().name or 'project'}{PROJECT_SUFFIX}"
