"""What the environment names: who is acting and which project is meant.

Kept apart from the services (and free of any library) because every command reads these
before it knows whether it will touch a database: the options' help texts and defaults are
built when the command line loads, which must stay fast.
"""

from __future__ import annotations

import getpass
import os

ACTOR_ENV = "CODEBENCH_CODER"
PROJECT_ENV = "CODEBENCH_PROJECT"


def default_actor() -> str:
    """Who is acting when no coder is named: the coder setting, else the login name."""
    name = os.environ.get(ACTOR_ENV)
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
