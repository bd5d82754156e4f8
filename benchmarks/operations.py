"""What is timed inside a process, after its imports: the figures a whole command hides.

- ``agree N``: the agreement service for the first N coders (alpha without a bootstrap, as
  the in-process peer computes it), and its peer, the ``krippendorff`` package's ``alpha`` per
  code on the very reliability matrices the service builds (built once, untimed);
- ``tui``: a code applied and removed in the coding workbench, from the key's handler to the
  repaint of the visible lines (see :mod:`benchmarks.tui`);
- ``suggest``: a coder's suggestion model trained on every coding of the size's project, and
  suggestions for a 10,000-word interview it has not coded (see :mod:`benchmarks.suggestions`).

Each runs in a child of its own, started by the suite as

    python -m benchmarks.operations JOB SIZE --work DIR --repeat N --result FILE

which leaves in FILE the (wall, CPU) seconds of each run, per row, as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.clock import Sample, timed
from benchmarks.corpus import SIZES, Size
from benchmarks.projects import CODERS, copy_project, project_file
from codebench.agreement.model import AgreementOptions
from codebench.services.project import open_project
from codebench.services.viewer import Viewer

Timings = dict[str, list[Sample]]
VIEWER = Viewer.everyone("benchmark")
TUI_ROUNDS = 20
AGREE = "agree"
KRIPPENDORFF = "krippendorff"
SUGGEST_TRAIN, SUGGEST_DOCUMENT = "suggest train", "suggest document"


def _agree(coders: int) -> Callable[[Size, Path, int, Path], Timings]:
    def run(size: Size, work: Path, repeat: int, scratch: Path) -> Timings:
        import krippendorff

        from codebench.agreement.analysis import value_counts
        from codebench.services.agreement import agree, compare

        options = AgreementOptions(CODERS[:coders])
        with open_project(project_file(size, work)) as project:
            ours = timed(repeat, lambda: agree(project, options, viewer=VIEWER))
            matrices = list(compare(project, options, viewer=VIEWER).matrices.values())

        def alphas() -> None:
            for matrix in matrices:
                counts = value_counts(matrix)
                krippendorff.alpha(value_counts=counts, level_of_measurement="nominal")

        return {AGREE: ours, KRIPPENDORFF: timed(repeat, alphas)}

    return run


def _tui(size: Size, work: Path, repeat: int, scratch: Path) -> Timings:
    from benchmarks.tui import measure_tui

    with open_project(copy_project(project_file(size, work), scratch)) as project:
        return measure_tui(project, TUI_ROUNDS * repeat)


def _suggest(size: Size, work: Path, repeat: int, scratch: Path) -> Timings:
    """The coder's model trained from scratch (its file removed before each run), then
    suggestions for the uncoded interview with the model current (read from its file each
    time, as each request reads it); one untimed request first loads spaCy's tables."""
    from benchmarks.suggestions import CODER, HELD_OUT, suggestion_project
    from codebench.services.suggestions.store import current_model, model_file
    from codebench.services.suggestions.suggesting import suggest

    copy = suggestion_project(project_file(size, work), scratch / "suggest.codebench")
    viewer = Viewer(CODER)
    with open_project(copy) as project:

        def train() -> None:
            model_file(project, CODER).unlink(missing_ok=True)
            current_model(project, CODER)

        trained = timed(repeat, train)
        suggest(project, HELD_OUT, CODER, viewer=viewer)
        asked = timed(repeat * 5, lambda: suggest(project, HELD_OUT, CODER, viewer=viewer))
    return {SUGGEST_TRAIN: trained, SUGGEST_DOCUMENT: asked}


JOBS: dict[str, Callable[[Size, Path, int, Path], Timings]] = {
    "agree 2": _agree(2),
    "agree 3": _agree(3),
    "tui": _tui,
    "suggest": _suggest,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time one job in process (a child of the suite).")
    parser.add_argument("job", choices=list(JOBS))
    parser.add_argument("size", choices=list(SIZES))
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.work) as scratch:
        timings = JOBS[args.job](SIZES[args.size], args.work, args.repeat, Path(scratch))
    args.result.write_text(json.dumps(timings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
