"""Coders by name: the one place a coder row is found, or made the first time a name codes.

Coders are not codebook entries but the people behind codings, memos and decisions; every
domain that records who did something finds them here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.names import check_name, quoted
from codebench.storage import models
from codebench.storage.locks import serialise

#: The coder whose codings are the consensus, built from the other coders'
#: (:mod:`codebench.services.consensus`): never a coder who codes blind.
CONSENSUS = "consensus"


def get_or_create_coder(session: Session, name: str) -> models.Coder:
    """The coder named ``name``, made the first time the name codes; a name that is empty or
    longer than a coder's name may be is refused."""
    name = name.strip()
    if not name:
        raise CodebenchError("a coder needs a name")
    check_name("coder", name, models.Coder.name)
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
        raise CodebenchError(f"no coder {quoted(name)} in this project")
    return coder
