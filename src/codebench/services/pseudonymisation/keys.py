"""The key and the corrections: kept next to the project, never in it.

The key maps every surrogate to the words it replaced, so the project's owner can re-identify
a respondent; the corrections are the words a user excluded from or included in replacement,
remembered for the next run. Both hold names, so neither may live in the project (which is
shared, exported and backed up with the analysis): they are JSON files in a folder of their
own beside the project file, ``study.codebench-key/`` (0700, the files 0600), which the owner
keeps or moves to safer storage. A PostgreSQL project has no file to stand beside: its folder
is then named after the database and its address, in the user's data folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

from codebench.errors import CodebenchError
from codebench.files.private import private_folder, write_private_text
from codebench.pseudonymise.model import normalise
from codebench.pseudonymise.surrogates import SurrogateTable
from codebench.services.project import Project

KEY_FILE = "pseudonymisation-key.json"
CORRECTIONS_FILE = "corrections.json"
FOLDER_SUFFIX = "-key"


def key_folder(project: Project) -> Path:
    """Where a project's key lives: beside the project file, or per database in the data folder."""
    if project.file is not None:
        return project.file.with_name(project.file.name + FOLDER_SUFFIX)
    database = project.url.database or "project"
    host = project.url.host or "local"
    # Projects in one database differ by their schema (search_path in the URL's options), so
    # the whole address, password left out, names the folder.
    address = project.url.render_as_string(hide_password=True)
    digest = hashlib.sha256(address.encode("utf-8")).hexdigest()[:12]
    return user_data_path("codebench") / "keys" / f"{host}-{database}-{digest}{FOLDER_SUFFIX}"


def read_key(folder: Path) -> SurrogateTable | None:
    """The key in ``folder``, or None when there is none yet."""
    data = _read_json(folder / KEY_FILE)
    if data is None:
        return None
    try:
        return SurrogateTable.from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise CodebenchError(f"{folder / KEY_FILE}: not a usable key ({exc})") from exc


def write_key(folder: Path, table: SurrogateTable) -> Path:
    """Write the key owner-only, atomically (a failed write leaves the old key)."""
    return _write_json(folder, KEY_FILE, table.to_json())


@dataclass(frozen=True)
class Corrections:
    """Words never replaced (``exclude``) and words always replaced (``include``), with the
    category an included word is replaced as."""

    exclude: tuple[str, ...] = ()
    include: dict[str, str] = field(default_factory=dict)

    def excluded(self) -> frozenset[str]:
        return frozenset(normalise(word) for word in self.exclude)

    def merged(self, exclude: tuple[str, ...], include: dict[str, str]) -> Corrections:
        """These corrections with new ones; a new word moves from one list to the other."""
        new_excluded = {normalise(w) for w in exclude}
        new_included = {normalise(w) for w in include}
        kept_exclude = [w for w in self.exclude if normalise(w) not in new_included]
        kept_include = {w: c for w, c in self.include.items() if normalise(w) not in new_excluded}
        return Corrections(
            tuple(dict.fromkeys([*kept_exclude, *exclude])), {**kept_include, **include}
        )


def read_corrections(folder: Path) -> Corrections:
    data = _read_json(folder / CORRECTIONS_FILE)
    if data is None:
        return Corrections()
    try:
        exclude = tuple(str(word) for word in data.get("exclude", []))
        include = {str(word): str(category) for word, category in data.get("include", {}).items()}
    except (AttributeError, TypeError) as exc:
        raise CodebenchError(f"{folder / CORRECTIONS_FILE}: not usable ({exc})") from exc
    return Corrections(exclude, include)


def write_corrections(folder: Path, corrections: Corrections) -> Path:
    data = {"exclude": list(corrections.exclude), "include": corrections.include}
    return _write_json(folder, CORRECTIONS_FILE, data)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CodebenchError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodebenchError(f"{path}: not valid JSON (line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise CodebenchError(f"{path}: not valid JSON for codebench")
    return data


def _write_json(folder: Path, name: str, data: dict[str, Any]) -> Path:
    try:
        private_folder(folder)
        os.chmod(folder, 0o700)
        return write_private_text(folder / name, json.dumps(data, ensure_ascii=False, indent=1))
    except OSError as exc:
        raise CodebenchError(f"{folder / name}: cannot write ({exc.strerror})") from exc
