"""Schema migrations: a project made at the first revision upgrades, after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from codebench.services.documents.overview import project_summary
from codebench.services.project import init_project, open_project
from codebench.services.viewer import Viewer
from codebench.storage.engine import create_project_file, database_url, make_engine
from codebench.storage.migrate import HEAD, current_revision, head_revision, upgrade
from codebench.storage.models import Base

FIRST_REVISION = "0001"


def _project_at_first_revision(path: Path) -> None:
    create_project_file(path)
    engine = make_engine(database_url(str(path)))
    upgrade(engine, FIRST_REVISION)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO project (id, name, created_at) VALUES (1, 'old', '2024-01-01')")
        )
        conn.execute(
            text("INSERT INTO coder (id, name, created_at) VALUES (1, 'anna', '2024-01-01')")
        )
    engine.dispose()


def test_opening_an_old_project_backs_it_up_and_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "old.codebench"
    _project_at_first_revision(path)

    with open_project(path) as project:
        assert current_revision(project.engine) == head_revision() != FIRST_REVISION
        assert project.backup is not None and project.backup.exists()
        assert project_summary(project, viewer=Viewer.everyone()).name == "old"
        with project.engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM coder")).scalar() == "anna"
            assert conn.execute(text("SELECT count(*) FROM assignment")).scalar() == 0

    with sqlite3.connect(project.backup) as backup:
        version = backup.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == (FIRST_REVISION,)
    # A second open has nothing to upgrade and writes no new backup.
    with open_project(path) as again:
        assert again.backup is None


def _assert_models_match(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_models_match_the_migrations_on_sqlite(tmp_path: Path) -> None:
    init_project(tmp_path / "p.codebench").close()
    _assert_models_match(f"sqlite:///{tmp_path / 'p.codebench'}")


def test_models_match_the_migrations_on_postgres(pg_location: str) -> None:
    init_project(pg_location).close()
    _assert_models_match(pg_location)


def test_the_head_a_project_is_checked_against_is_alembics_head() -> None:
    assert head_revision() == HEAD
