"""Reports benchmark: every report on a generated project with 100,000 codings.

Budget (BRIEF section 9): under 2 s per report, reading the project included. Run by hand,
never as a timed test:

    python3 benchmarks/reports.py --documents 100 --words 10000 --codings 100000
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, select

from codebench.reports import tables
from codebench.reports.model import Filters, ReportData, ReportTable
from codebench.services.codebook import add_code
from codebench.services.codes import get_or_create_coder
from codebench.services.importing import ImportOptions, import_files
from codebench.services.project import Project, init_project
from codebench.services.report_data import load_report_data
from codebench.storage import models
from corpus import generate_corpus

ORGANISATIONS = ("gemeente", "provincie", "netwerkorganisatie", "agentschap", "ministerie")
REPORTS: dict[str, Callable[[ReportData], ReportTable]] = {
    "themes": tables.theme_frequencies,
    "respondents": tables.code_by_respondent,
    "by-attribute": lambda d: tables.code_by_attribute(d, "organisation_type"),
    "attributes": lambda d: tables.attribute_table(d, "organisation_type"),
    "quotes": tables.exemplar_quotes,
    "cooccurrence (unit)": lambda d: tables.co_occurrence(d, "unit"),
    "cooccurrence (overlap)": lambda d: tables.co_occurrence(d, "overlap"),
}


def build(folder: Path, documents: int, words: int, codings: int) -> Project:
    files = generate_corpus(folder, documents, words)
    project = init_project(folder / "reports.codebench")
    import_files(project, files, ImportOptions(actor="bench", language="nl"))
    codes = []
    for group in ("Aanleiding", "Succesfactoren", "Knelpunten"):
        add_code(project, group)
        codes += [add_code(project, f"{group} {i}", parent=group) for i in range(10)]
    rng = random.Random(3)
    with project.transaction() as session:
        respondents = session.execute(select(models.Respondent.id)).scalars().all()
        session.execute(
            insert(models.RespondentAttribute),
            [
                {
                    "respondent_id": r,
                    "name": "organisation_type",
                    "value": ORGANISATIONS[i % len(ORGANISATIONS)],
                }
                for i, r in enumerate(respondents)
            ],
        )
        coders = [get_or_create_coder(session, name).id for name in ("coder1", "coder2")]
        sentences = session.execute(
            select(models.Sentence.document_id, models.Sentence.start, models.Sentence.end)
        ).all()
        rows = []
        for _ in range(codings):
            doc, start, end = sentences[rng.randrange(len(sentences))]
            rows.append(
                {
                    "document_id": doc,
                    "code_id": rng.choice(codes),
                    "coder_id": rng.choice(coders),
                    "start": start,
                    "end": end,
                    "exemplar": rng.random() < 0.02,
                }
            )
        session.execute(insert(models.Coding), rows)
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--codings", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        project = build(Path(tmp), args.documents, args.words, args.codings)
        print(
            f"project: {args.documents} transcripts x {args.words:,} words, "
            f"{args.codings:,} codings by 2 coders (built in {time.perf_counter() - started:.0f} s)"
        )
        print(f"{'report':<24} {'median':>8} {'max':>8}  budget 2 s")
        for name, report in REPORTS.items():
            times = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                report(load_report_data(project, Filters()))
                times.append(time.perf_counter() - t0)
            holds = "holds" if statistics.median(times) < 2 else "MISSES"
            print(f"{name:<24} {statistics.median(times):>7.2f}s {max(times):>7.2f}s  {holds}")
        project.close()
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
