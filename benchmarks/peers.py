"""The peers that are not part of codebench's own dependencies.

``qc``, of the ``qualitative-coding`` package, imports the same REFI-QDA export (``qc init
-i``) and counts codes (``qc codes stats``, beside ``codebench report themes``). It is never a
dependency: it is found through ``CODEBENCH_QC`` (the path of its ``qc`` command, e.g. in a
throwaway venv: ``python3 -m venv /tmp/qcv && /tmp/qcv/bin/pip install qualitative-coding``)
or on PATH. Bare spaCy (:mod:`benchmarks.spacy_peer`) and ``krippendorff`` are codebench's own
dependencies, so they are always there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping

QC_ENV = "CODEBENCH_QC"


def qc_command() -> str | None:
    return os.environ.get(QC_ENV) or shutil.which("qc")


def qc_env(env: Mapping[str, str]) -> dict[str, str]:
    """qc's REFI-QDA reader stops in a leftover ``breakpoint()``; PYTHONBREAKPOINT=0 skips it."""
    return {**env, "PYTHONBREAKPOINT": "0"}
