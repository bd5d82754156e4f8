"""The user's settings (who they are as a coder, their theme), kept in one small YAML file.

It lives in the platform's config folder, created owner-only; a broken or unreadable file is
treated as empty rather than stopping the tool, since nothing in it is precious.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from platformdirs import user_config_path

SETTINGS_ENV = "CODEBENCH_SETTINGS"


@dataclass
class Settings:
    coder: str | None = None
    theme: str | None = None


def settings_path() -> Path:
    explicit = os.environ.get(SETTINGS_ENV)
    return Path(explicit) if explicit else user_config_path("codebench") / "settings.yaml"


def load_settings() -> Settings:
    try:
        data = yaml.safe_load(settings_path().read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return Settings(**{k: str(v) for k, v in data.items() if k in Settings.__annotations__ and v})


def save_settings(settings: Settings) -> None:
    """Write the settings owner-only: the folder codebench makes for them is 0700, and the file
    is 0600 also when an older file had wider permissions (the mode given to ``os.open`` only
    applies to a file it creates)."""
    path = settings_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = yaml.safe_dump({k: v for k, v in asdict(settings).items() if v}, allow_unicode=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
