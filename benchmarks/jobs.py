"""The rows measured at each size, with their budgets and peers (the start-up rows, run
once: :mod:`benchmarks.startup`).

Whole commands (the user's wait, from process start to exit; see :mod:`benchmarks.child`):
``import`` of the corpus folder into a new project (at most 2x the CPU of bare spaCy on the
same text, :mod:`benchmarks.spacy_peer`), the TUI's first screen on the size's project (1.0 s
wall: it opens one transcript), REFI-QDA export and import (beside ``qc init -i`` when
qualitative-coding is there), every ``report`` (1.5 s CPU at the medium size; ``report
themes`` beside ``qc codes stats``), the XLSX and DOCX exports, and ``agree`` for two and
three coders (1.5 s CPU at the medium size). Every command is held to 500 MB peak memory at
the medium size.

In process, after the imports (:mod:`benchmarks.operations`): the agreement service against
``krippendorff.alpha`` on the same matrices (at most 1.5x its CPU), and a code applied and
removed in the TUI (50 ms wall from the key to the repaint).

Local suggestions (:mod:`benchmarks.suggestions`): a coder's model trained on all 100,000
codings of the medium project (30 s CPU, in process and as ``codebench suggest``, the command
held to 500 MB), suggestions for a 10,000-word interview (0.5 s wall, in process), and the two
commands that train a model per fold by document, ``suggest --evaluate`` and ``agree`` with
``model:coder1`` (60 s CPU, 500 MB).
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

from benchmarks.budgets import (
    AGREE_RATIO,
    AT_MEDIUM,
    FIRST_SCREEN_WALL,
    IMPORT_RATIO,
    KEY_WALL,
    SUGGEST_FOLDS_CPU,
    SUGGEST_TRAIN_CPU,
    SUGGEST_WALL,
    Job,
    Run,
    budget,
    codings,
    documents,
    size_row,
    words,
)
from benchmarks.child import codebench, run_command
from benchmarks.clock import Sample
from benchmarks.context import Context
from benchmarks.peers import QC_ENV, qc_env
from benchmarks.results import Peer, Result
from benchmarks.startup import STARTUP_JOBS

REPORTS = {
    "themes": [],
    "respondents": [],
    "by-attribute": [],
    "attributes": [],
    "quotes": [],
    "cooccurrence": ["--level", "unit"],
    "cooccurrence overlap": ["--level", "overlap"],
}
ALL_CODERS = ["--coder", "all"]
"""Reports and exports count every coder's codings, as a union (the project has no consensus,
and the union of all three coders is the most a report reads)."""
TUI_CODER = "coder1"


def _import(ctx: Context) -> list[Result]:
    def argv(folder: Path) -> list[str]:
        return [*codebench(), "import", str(ctx.corpus), "-p", str(folder / "new.codebench")]

    samples = ctx.command(argv, ctx.init_project)
    spacy = [sys.executable, "-m", "benchmarks.spacy_peer"]
    peer = ctx.peer("bare spaCy", lambda _: [*spacy, str(ctx.lines)])
    limit = budget(ctx.sized, words, ratio=IMPORT_RATIO)
    return [size_row(ctx, "commands", "codebench import FOLDER", words, samples, limit, peer)]


def _first_screen(ctx: Context) -> list[Result]:
    """``codebench open`` on a copy of the size's project, until the long transcript (first
    by name) is drawn."""

    def argv(folder: Path) -> list[str]:
        return [*codebench(), "open", str(folder / "copy.codebench"), "--coder", TUI_CODER]

    def prepare(folder: Path) -> None:
        ctx.copy_into(ctx.project, folder / "copy.codebench")

    samples = ctx.paint(argv, ctx.project, prepare)
    limit = budget(ctx.sized, documents, FIRST_SCREEN_WALL, "wall", fixed_time=True)
    return [
        size_row(ctx, "commands", "TUI first screen (codebench open)", documents, samples, limit)
    ]


def _qdpx_export(ctx: Context) -> list[Result]:
    """Written where the import and the peers read it (the last run's file stays)."""
    samples = ctx.command(
        lambda _: [*codebench(), "export", str(ctx.qdpx), "-p", str(ctx.project)],
        lambda _: ctx.qdpx.unlink(missing_ok=True),
    )
    limit = budget(ctx.sized, codings)
    return [size_row(ctx, "commands", "codebench export X.qdpx", codings, samples, limit)]


def _qc_folder(ctx: Context) -> Path:
    return ctx.scratch / f"qc-{ctx.sized.name}"


def _qc_init(ctx: Context, qc: str) -> Peer:
    """``qc init -i`` in a folder of the size's own, left for ``qc codes stats``."""
    folder = _qc_folder(ctx)

    def fresh(_: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()

    argv = [qc, "init", "-i", str(ctx.qdpx)]
    return ctx.peer("qc init -i", lambda _: argv, fresh, qc_env(ctx.env), folder)


def _qdpx_import(ctx: Context) -> list[Result]:
    qdpx = ctx.ensure_qdpx()

    def argv(folder: Path) -> list[str]:
        return [*codebench(), "import", str(qdpx), "-p", str(folder / "new.codebench")]

    samples = ctx.command(argv, ctx.init_project)
    qc = ctx.qc
    peer = _qc_init(ctx, qc) if qc else Peer("qc init -i", [], f"not used (set {QC_ENV})")
    limit = budget(ctx.sized, codings)
    return [size_row(ctx, "commands", "codebench import X.qdpx", codings, samples, limit, peer)]


def _qc_stats(ctx: Context) -> Peer:
    qc = ctx.qc
    if qc is None:
        return Peer("qc codes stats", [], f"not used (set {QC_ENV})")
    folder = _qc_folder(ctx)
    if not ctx.dry_run and not (folder.exists() and any(folder.iterdir())):
        ctx.ensure_qdpx()
        made = _qc_init(ctx, qc)
        if not made.samples:
            return Peer("qc codes stats", [], made.note)
    return ctx.peer(
        "qc codes stats", lambda _: [qc, "codes", "stats"], env=qc_env(ctx.env), cwd=folder
    )


def _report(name: str) -> Run:
    table, args = name.split()[0], REPORTS[name]

    def run(ctx: Context) -> list[Result]:
        samples = ctx.command(
            lambda _: [*codebench(), "report", table, *args, *ALL_CODERS, "-p", str(ctx.project)]
        )
        peer = _qc_stats(ctx) if name == "themes" else None
        limit = budget(ctx.sized, codings, AT_MEDIUM)
        operation = " ".join(["codebench report", table, *args])
        return [size_row(ctx, "commands", operation, codings, samples, limit, peer)]

    return run


def _export(suffix: str) -> Run:
    def run(ctx: Context) -> list[Result]:
        def argv(folder: Path) -> list[str]:
            target = str(folder / f"report{suffix}")
            return [*codebench(), "export", target, *ALL_CODERS, "-p", str(ctx.project)]

        limit = budget(ctx.sized, codings)
        operation = f"codebench export X{suffix}"
        return [size_row(ctx, "commands", operation, codings, ctx.command(argv), limit)]

    return run


def _agree(coders: int) -> Run:
    names = ",".join(f"coder{i + 1}" for i in range(coders))

    def run(ctx: Context) -> list[Result]:
        samples = ctx.command(
            lambda _: [*codebench(), "agree", "--coders", names, "-p", str(ctx.project)]
        )
        limit = budget(ctx.sized, codings, AT_MEDIUM)
        operation = f"codebench agree --coders {names}"
        return [size_row(ctx, "commands", operation, codings, samples, limit)]

    return run


# -- in process, after the imports ---------------------------------------------------------


def _in_process(ctx: Context, job: str) -> dict[str, list[Sample]]:
    """Run one job of :mod:`benchmarks.operations` in a child; every sample carries the
    child's peak memory."""
    result = ctx.scratch / "operation.json"
    command = [sys.executable, "-m", "benchmarks.operations", job, ctx.sized.name]
    command += ["--work", str(ctx.work), "--repeat", str(ctx.repeat), "--result", str(result)]
    if ctx.dry_run:
        print("    " + shlex.join(command), flush=True)
        return {}
    child = run_command(command, ctx.env)
    found = json.loads(result.read_text())
    return {row: [Sample(w, c, child.peak_mb) for w, c, *_ in runs] for row, runs in found.items()}


def _agree_in_process(coders: int) -> Run:
    from benchmarks.operations import AGREE, KRIPPENDORFF

    def run(ctx: Context) -> list[Result]:
        found = _in_process(ctx, f"agree {coders}")
        alone = [s._replace(peak_mb=0.0) for s in found.get(KRIPPENDORFF, [])]  # same child
        peer = Peer("krippendorff.alpha", alone)
        limit = budget(ctx.sized, codings, clock="CPU", ratio=AGREE_RATIO, memory=False)
        operation = f"agree service, {coders} coders, no bootstrap"
        return [size_row(ctx, "in-process", operation, codings, found.get(AGREE, []), limit, peer)]

    return run


def _tui_keys(ctx: Context) -> list[Result]:
    from benchmarks.tui import APPLY, REMOVE

    found = _in_process(ctx, "tui")
    limit = budget(ctx.sized, documents, KEY_WALL, "wall", fixed_time=True, memory=False)
    return [
        size_row(
            ctx,
            "in-process",
            f"TUI {key} code (key to repaint)",
            documents,
            found.get(key, []),
            limit,
        )
        for key in (APPLY, REMOVE)
    ]


def _suggest_command(ctx: Context) -> list[Result]:
    """``codebench suggest`` for the uncoded interview on a fresh copy: the model trained
    from every coding of the size's project, then the suggestions printed."""
    from benchmarks.suggestions import CODER, HELD_OUT, suggestion_project

    def argv(folder: Path) -> list[str]:
        project = str(folder / "suggest.codebench")
        return [*codebench(), "suggest", HELD_OUT, "--coder", CODER, "-p", project]

    def prepare(folder: Path) -> None:
        suggestion_project(ctx.project, folder / "suggest.codebench")

    samples = ctx.command(argv, prepare)
    limit = budget(ctx.sized, codings, SUGGEST_TRAIN_CPU)
    operation = "codebench suggest DOC (model trained on all codings)"
    return [size_row(ctx, "commands", operation, codings, samples, limit)]


def _by_folds(args: list[str], operation: str) -> Run:
    """A command that trains a model per fold by document, on a fresh copy of the suggestion
    project (every coding the coder's, one interview uncoded; no model file beside it)."""

    def run(ctx: Context) -> list[Result]:
        from benchmarks.suggestions import suggestion_project

        def argv(folder: Path) -> list[str]:
            return [*codebench(), *args, "-p", str(folder / "suggest.codebench")]

        def prepare(folder: Path) -> None:
            suggestion_project(ctx.project, folder / "suggest.codebench")

        samples = ctx.command(argv, prepare)
        limit = budget(ctx.sized, codings, SUGGEST_FOLDS_CPU)
        return [size_row(ctx, "commands", operation, codings, samples, limit)]

    return run


def _suggest_in_process(ctx: Context) -> list[Result]:
    from benchmarks.operations import SUGGEST_DOCUMENT, SUGGEST_TRAIN

    found = _in_process(ctx, "suggest")
    train = budget(ctx.sized, codings, SUGGEST_TRAIN_CPU, memory=False)
    ask = budget(ctx.sized, codings, SUGGEST_WALL, "wall", fixed_time=True, memory=False)
    trained = found.get(SUGGEST_TRAIN, [])
    asked = found.get(SUGGEST_DOCUMENT, [])
    operation = "suggestions for an uncoded interview (10,000 words at medium)"
    return [
        size_row(
            ctx, "in-process", "suggestion model trained (all codings)", codings, trained, train
        ),
        size_row(ctx, "in-process", operation, codings, asked, ask),
    ]


JOBS = [
    *STARTUP_JOBS,
    Job("import", "commands", _import),
    Job("tui", "commands", _first_screen),
    Job("qdpx export", "commands", _qdpx_export),
    Job("qdpx import", "commands", _qdpx_import),
    *(Job(f"report {name}", "commands", _report(name)) for name in REPORTS),
    Job("export .xlsx", "commands", _export(".xlsx")),
    Job("export .docx", "commands", _export(".docx")),
    Job("agree 2", "commands", _agree(2)),
    Job("agree 3", "commands", _agree(3)),
    Job("agree 2 in-process", "in-process", _agree_in_process(2)),
    Job("agree 3 in-process", "in-process", _agree_in_process(3)),
    Job("tui keys", "in-process", _tui_keys),
    Job("suggest", "commands", _suggest_command),
    Job(
        "suggest evaluate",
        "commands",
        _by_folds(
            ["suggest", "--evaluate", "--coder", "coder1"],
            "codebench suggest --evaluate (all codings)",
        ),
    ),
    Job(
        "agree model",
        "commands",
        _by_folds(
            ["agree", "--coders", "coder1,model:coder1"],
            "codebench agree --coders coder1,model:coder1",
        ),
    ),
    Job("suggest in-process", "in-process", _suggest_in_process),
]
