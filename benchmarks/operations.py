"""The operations the suite times, each in a child process of its own.

A child process per operation gives each its own peak memory (ru_maxrss of that process) and
keeps one operation's caches from flattering the next. Times are taken inside the child, after
its imports, so interpreter start-up is not counted; the TUI is the exception that counts a
fresh start, so it runs one child per repetition. The parent starts a child as

    python -m benchmarks.operations JOB SIZE --work DIR --repeat N --result FILE

and reads the JSON it leaves in FILE: the (wall, CPU) seconds of each run per row and the peak
memory in MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.clock import Clock, Sample, repeated, timed
from benchmarks.corpus import SIZES, Size, corpus_files
from benchmarks.projects import ACTOR, CODERS, copy_project, project_file, qdpx_file
from codebench.agreement.model import AgreementOptions
from codebench.services.project import init_project, open_project
from codebench.services.viewer import Viewer

Timings = dict[str, list[Sample]]
KRIPPENDORFF = "peer: krippendorff.alpha"
VIEWER = Viewer.everyone("benchmark")
TUI_ROUNDS = 20
REPORTS = {
    "report themes": ("themes", "unit"),
    "report respondents": ("respondents", "unit"),
    "report by-attribute": ("by-attribute", "unit"),
    "report attributes": ("attributes", "unit"),
    "report quotes": ("quotes", "unit"),
    "report cooccurrence (unit)": ("cooccurrence", "unit"),
    "report cooccurrence (overlap)": ("cooccurrence", "overlap"),
}


@dataclass(frozen=True)
class Context:
    size: Size
    work: Path
    repeat: int
    scratch: Path

    @property
    def project(self) -> Path:
        """The size's coded project, which the parent has built before starting children."""
        return project_file(self.size, self.work)

    @property
    def qdpx(self) -> Path:
        return qdpx_file(self.size, self.work)


def _import(ctx: Context) -> Timings:
    """The whole corpus into a new project each time (the cached one is not reused)."""
    from codebench.services.documents.importing import ImportOptions, import_files

    files = corpus_files(ctx.size, ctx.work)

    def run(i: int) -> Sample:
        with init_project(ctx.scratch / f"import{i}.codebench") as project:
            clock = Clock()
            outcomes = import_files(project, files, ImportOptions(actor=ACTOR))
            sample = clock.elapsed()
        if any(o.error for o in outcomes):
            raise RuntimeError("the corpus did not import")
        return sample

    return {"import": repeated(ctx.repeat, run)}


def _tui(ctx: Context) -> Timings:
    from benchmarks.tui import measure_tui

    with open_project(copy_project(ctx.project, ctx.scratch)) as project:
        return measure_tui(project, TUI_ROUNDS)


def _report(row: str) -> Callable[[Context], Timings]:
    name, level = REPORTS[row]

    def run(ctx: Context) -> Timings:
        from codebench.services.reports.build import build_report

        with open_project(ctx.project) as project:
            return {
                row: timed(
                    ctx.repeat, lambda: build_report(project, name, level=level, viewer=VIEWER)
                )
            }

    return run


def _export(suffix: str) -> Callable[[Context], Timings]:
    def run(ctx: Context) -> Timings:
        from codebench.services.reports.build import export_tables

        path = ctx.scratch / f"report{suffix}"
        with open_project(ctx.project) as project:
            return {
                f"export {suffix}": timed(
                    ctx.repeat, lambda: export_tables(project, path, viewer=VIEWER)
                )
            }

    return run


def _agree(coders: int) -> Callable[[Context], Timings]:
    def run(ctx: Context) -> Timings:
        from codebench.services.agreement import agree

        options = AgreementOptions(CODERS[:coders])
        with open_project(ctx.project) as project:
            return {
                f"agree {coders} coders": timed(
                    ctx.repeat, lambda: agree(project, options, viewer=VIEWER)
                )
            }

    return run


def _krippendorff(ctx: Context) -> Timings:
    """The ``krippendorff`` package alone, per code, on the matrices ``agree`` builds for two
    coders (built once, untimed)."""
    import krippendorff

    from codebench.agreement.analysis import value_counts
    from codebench.services.agreement import compare

    with open_project(ctx.project) as project:
        matrices = list(
            compare(project, AgreementOptions(CODERS[:2]), viewer=VIEWER).matrices.values()
        )

    def alphas() -> None:
        for matrix in matrices:
            krippendorff.alpha(value_counts=value_counts(matrix), level_of_measurement="nominal")

    return {KRIPPENDORFF: timed(ctx.repeat, alphas)}


def _qdpx_export(ctx: Context) -> Timings:
    from codebench.services.exchange.qdpx_export import write_qdpx

    with open_project(ctx.project) as project:
        return {
            "qdpx export": timed(ctx.repeat, lambda: write_qdpx(project, ctx.qdpx, viewer=VIEWER))
        }


def _qdpx_import(ctx: Context) -> Timings:
    from codebench.services.exchange.qdpx_import import import_qdpx

    if not ctx.qdpx.exists():
        _qdpx_export(replace(ctx, repeat=1))

    def run(i: int) -> Sample:
        with init_project(ctx.scratch / f"qdpx{i}.codebench") as project:
            clock = Clock()
            import_qdpx(project, ctx.qdpx, actor=ACTOR)
            return clock.elapsed()

    return {"qdpx import": repeated(ctx.repeat, run)}


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Context], Timings]
    cold: bool = False
    """One child per repetition: what a person waits for includes a fresh start."""


JOBS = [
    Job("import", _import),
    Job("tui", _tui, cold=True),
    *(Job(row, _report(row)) for row in REPORTS),
    Job("export .xlsx", _export(".xlsx")),
    Job("export .docx", _export(".docx")),
    Job("agree 2 coders", _agree(2)),
    Job("agree 3 coders", _agree(3)),
    Job(KRIPPENDORFF, _krippendorff),
    Job("qdpx export", _qdpx_export),
    Job("qdpx import", _qdpx_import),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one benchmark job (a child of the suite).")
    parser.add_argument("job", choices=[job.name for job in JOBS])
    parser.add_argument("size", choices=list(SIZES))
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    job = next(job for job in JOBS if job.name == args.job)
    with tempfile.TemporaryDirectory(dir=args.work) as scratch:
        context = Context(SIZES[args.size], args.work, args.repeat, Path(scratch))
        timings = job.run(context)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.result.write_text(json.dumps({"timings": timings, "peak_mb": peak_mb}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
