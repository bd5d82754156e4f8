"""Coders by name: the one place a coder row is found, or made the first time a name codes.

Coders are not codebook entries but the people behind codings, memos and decisions; every
domain that records who did something finds them here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.storage import models
from codebench.storage.locks import serialise


def get_or_create_coder(session: Session, name: str) -> models.Coder:
    name = name.strip()
    if not name:
        raise CodebenchError("a coder needs a name")
    coder = session.scalar(select(models.Coder).where(models.Coder.name == name))
    if coder is None:
        serialise(session, f"coder:{name}")
        coder = session.scalar(select(models.Coder).where(models.Coder.name == name))
    if coder is None:
        coder = models.Coder(name=name)
        session.add(coder)
        session.flush()
    return coder


def find_coder(session: Session, name: str) -> models.Coder:
    coder = session.scalar(select(models.Coder).where(models.Coder.name == name))
    if coder is None:
        raise CodebenchError(f"no coder '{name}' in this project")
    return coder
