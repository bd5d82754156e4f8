"""The suggestion study, built once per session and copied for each test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.suggestion_study import build_suggestion_study


@pytest.fixture(scope="session")
def built_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_suggestion_study(tmp_path_factory.mktemp("suggestions"))


@pytest.fixture
def study(built_study: Path, tmp_path: Path) -> Path:
    """A fresh copy of the study's project file (no model beside it yet)."""
    target = tmp_path / built_study.name
    shutil.copyfile(built_study, target)
    return target
