"""Shared fixtures: projects on a real SQLite file and on the real PostgreSQL server.

PostgreSQL tests never skip: CI starts the server, and a test run that cannot reach it fails.
Each PostgreSQL project lives in a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os

# pytest-xdist's workers inherit COLUMNS=80 and LINES=24 from their pseudo-terminal; a Rich
# console built while they are set keeps that width for good, so a test that asks a command
# for wide output (COLUMNS in the CliRunner's env) would get 80 columns on a worker and its
# full width in a plain run. A command a user runs reads its terminal's size, as here.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from codebench.services.project import Project, init_project

PG_URL = os.environ.get(
    "CODEBENCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def pg_location() -> Iterator[str]:
    schema = f"cb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_location(tmp_path: Path) -> str:
    return str(tmp_path / "study.codebench")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "study.codebench")
    return request.getfixturevalue("pg_location")  # type: ignore[no-any-return]


@pytest.fixture
def project(backend_location: str) -> Iterator[Project]:
    """A new, empty project on each backend."""
    with init_project(backend_location, "Test study") as project:
        yield project


@pytest.fixture
def sqlite_project(sqlite_location: str) -> Iterator[Project]:
    with init_project(sqlite_location, "Test study") as project:
        yield project
