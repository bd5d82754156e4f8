"""The agreement modules load a numerical library only where they compute with it: the options,
result types, screen table and table module import nothing heavy, and an agreement run loads
numpy but neither pandas nor the ``krippendorff`` package (the tests' reference for alpha)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = {"numpy", "pandas", "krippendorff", "sqlalchemy"}

LOADED = """
import json, sys
{code}
print(json.dumps(sorted({{name.partition(".")[0] for name in sys.modules}})))
"""


def loaded_by(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after running ``code``."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_options_results_and_tables_import_no_numerical_library() -> None:
    loaded = loaded_by(
        "import codebench.agreement.model, codebench.agreement.screen, "
        "codebench.agreement.tables, codebench.agreement.figure"
    )
    assert loaded & HEAVY == set()


def test_computing_agreement_loads_numpy_but_not_pandas_or_krippendorff() -> None:
    loaded = loaded_by(
        "import numpy as np\n"
        "from codebench.agreement.analysis import agreement_figures\n"
        "rng = np.random.default_rng(0)\n"
        "m = {'k': rng.choice([-1, 0, 1], size=(2, 500)).astype(np.int8)}\n"
        "agreement_figures(m, ['a', 'b'], bootstrap=100)\n"
        "import codebench.services.agreement"
    )
    assert "numpy" in loaded
    assert loaded & {"pandas", "krippendorff"} == set()
