"""Fixtures of the privacy tests: the two-coder study of :mod:`blind_study`, and one offline
command-line session (:mod:`offline_session`) shared by the network and permission tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from blind_study import Study, build_study
from offline_session import Offline, run_offline

from codebench.services.project import Project


@pytest.fixture
def study(project: Project, tmp_path: Path) -> Study:
    """The two-coder study on each backend (blind filtering is SQL: both must honour it)."""
    return build_study(project, tmp_path)


@pytest.fixture
def sqlite_study(sqlite_project: Project, tmp_path: Path) -> Study:
    return build_study(sqlite_project, tmp_path)


@pytest.fixture(scope="session")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Offline:
    return run_offline(tmp_path_factory.mktemp("offline"))
