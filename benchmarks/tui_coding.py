"""TUI benchmark: a 30,000-word transcript with 2,000 codings in the coding workbench.

Budgets (BRIEF section 9): first screen under 0.5 s; applying or removing a code repaints in
under 50 ms. Measures, headless at 120x40:
- first screen: from creating the app until the coding screen has drawn the transcript;
- apply / remove: from the action (the key's handler: commit, reload codings, refresh the
  touched lines) until every visible line of the transcript has been rendered again;
- peak memory of the process.
Run by hand, never as a timed test:

    python3 benchmarks/tui_coding.py --words 30000 --codings 2000
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from codebench.services.codebook import add_code
from codebench.services.codes import get_or_create_coder
from codebench.services.coding_ops import create_coding
from codebench.services.importing import ImportOptions, import_file
from codebench.services.project import Project, init_project
from codebench.storage import models
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.transcript_view import TranscriptView
from corpus import generate_corpus

CODER = "bench"
COLOURS = ("#e07a5f", "#3d85c6", "#81b29a", "#f2cc8f", "#b565a7", "#5fa8d3")


def build(folder: Path, words: int, codings: int) -> Project:
    [path] = generate_corpus(folder, 1, words)
    project = init_project(folder / "tui.codebench")
    import_file(project, path, ImportOptions(actor=CODER))
    group = add_code(project, "Thema's", colour="#4c72b0")
    codes = [
        add_code(project, f"Code {i:02d}", parent="Thema's", colour=COLOURS[i % len(COLOURS)])
        for i in range(29)
    ]
    rng = random.Random(7)
    with project.transaction() as session:
        document = session.scalar(select(models.Document.id))
        sentences = session.execute(select(models.Sentence.start, models.Sentence.end)).all()
        coder = get_or_create_coder(session, CODER).id
        made: set[tuple[int, int, int]] = set()
        while len(made) < codings:
            first = rng.randrange(len(sentences) - 3)
            start, end = sentences[first][0], sentences[first + rng.randint(0, 2)][1]
            code = rng.choice(codes)
            if (code, start, end) in made:
                continue
            made.add((code, start, end))
            values = {
                "document_id": document,
                "code_id": code,
                "coder_id": coder,
                "start": start,
                "end": end,
            }
            create_coding(session, CODER, values)
    assert group
    return project


def render_visible(view: TranscriptView) -> None:
    for y in range(view.size.height):
        view.render_line(y)


async def measure(project: Project, rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"first screen": [], "apply code": [], "remove code": []}
    started = time.perf_counter()
    app = CodebenchApp(project, CODER)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, CodingScreen) or not app.screen.query(TranscriptView):
            await asyncio.sleep(0.001)
        screen = app.screen
        view = screen.query_one(TranscriptView)
        while view.document is None or not view.size.height:
            await asyncio.sleep(0.001)
        render_visible(view)
        times["first screen"].append(time.perf_counter() - started)
        await pilot.pause()
        code = app.workspace.codes[1].id
        for _ in range(rounds):
            await pilot.press("j")
            t0 = time.perf_counter()
            screen._apply(code)
            render_visible(view)
            times["apply code"].append(time.perf_counter() - t0)
            mine = [c for c in view.codings_in_selection() if c.code_id == code]
            t0 = time.perf_counter()
            screen._remove(mine[-1].coding_id)
            render_visible(view)
            times["remove code"].append(time.perf_counter() - t0)
            await pilot.pause()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--codings", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = build(Path(tmp), args.words, args.codings)
        times = asyncio.run(measure(project, args.rounds))
        project.close()
    budgets = {"first screen": 0.5, "apply code": 0.05, "remove code": 0.05}
    print(f"transcript: {args.words:,} words, {args.codings:,} codings, 120x40 terminal")
    print(f"{'operation':<14} {'median':>9} {'max':>9} {'budget':>8}  holds")
    for name, values in times.items():
        median, worst = statistics.median(values), max(values)
        holds = "yes" if median < budgets[name] else "NO"
        print(
            f"{name:<14} {median * 1000:>7.1f}ms {worst * 1000:>7.1f}ms "
            f"{budgets[name] * 1000:>6.0f}ms  {holds}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
