"""A small study for the suggestion tests: six interviews, three codes, two coders.

anna codes what is said about the budget and about privacy in interviews 1-5; ben codes the
small talk ("Overig") in the same interviews, which anna never codes. Interview 6 is coded by
nobody and repeats, word for word, a budget passage anna coded in interview 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import init_project
from codebench.tui.app import CodebenchApp
from helpers.pilots import screen, settle, view

BUDGET = (
    "Het budget voor de pilot was veel te klein.",
    "We kregen geen geld voor extra ontwikkelaars.",
    "De financiering van het project stopte na een jaar.",
    "Zonder structureel budget kun je niet opschalen.",
    "De kosten van de licenties vielen hoger uit dan begroot.",
    "Het geld moest uit het innovatiebudget komen.",
    "De begroting liet geen ruimte voor een tweede pilot.",
    "We hebben subsidie aangevraagd voor de kosten.",
    "Het budget werd halverwege het jaar gekort.",
    "De financiering was steeds maar voor een jaar geregeld.",
)
PRIVACY = (
    "De privacy van burgers staat voorop.",
    "Persoonsgegevens mogen het taalmodel nooit in.",
    "De functionaris gegevensbescherming keek mee.",
    "We deden een privacytoets voordat we begonnen.",
    "Gevoelige gegevens worden eerst geanonimiseerd.",
    "De AVG bepaalt wat we met de gegevens mogen doen.",
    "Over privacy hadden we lange discussies met juristen.",
    "Burgers moeten erop kunnen vertrouwen dat hun gegevens veilig zijn.",
    "De gegevensbescherming werd streng gecontroleerd.",
    "We slaan geen persoonsgegevens op in de cloud.",
)
SMALL_TALK = (
    "Het was een mooie dag.",
    "Ik drink graag koffie in de ochtend.",
    "De trein had weer vertraging.",
    "Mijn collega woont in Utrecht.",
    "We lunchen meestal samen in de kantine.",
    "Het regende de hele week.",
)
REPEATED = BUDGET[2]
"""The budget sentence of interview 1 that interview 6 repeats."""
CODES = ("Budget", "Privacy", "Overig")


def _interview(number: int) -> str:
    """Respondent turns mixing two budget, two privacy and two small-talk sentences."""
    budget = [BUDGET[(2 * number + i) % len(BUDGET)] for i in range(2)]
    privacy = [PRIVACY[(2 * number + i) % len(PRIVACY)] for i in range(2)]
    talk = [SMALL_TALK[(number + i) % len(SMALL_TALK)] for i in range(2)]
    turns = [
        ("Interviewer", "Hoe ging het project?"),
        ("Respondent", " ".join([talk[0], *budget])),
        ("Interviewer", "En de gegevens?"),
        ("Respondent", " ".join([*privacy, talk[1]])),
    ]
    return "\n\n".join(f"{who}: {said}" for who, said in turns) + "\n"


def held_out_interview() -> str:
    turns = [
        ("Interviewer", "Vertel eens."),
        ("Respondent", f"{SMALL_TALK[0]} {REPEATED} {SMALL_TALK[3]}"),
    ]
    return "\n\n".join(f"{who}: {said}" for who, said in turns) + "\n"


def build_suggestion_study(folder: Path) -> Path:
    """The study as a project file in ``folder``."""
    files = []
    for number in range(1, 6):
        path = folder / f"interview_{number}.txt"
        path.write_text(_interview(number), encoding="utf-8")
        files.append(path)
    held_out = folder / "interview_6.txt"
    held_out.write_text(held_out_interview(), encoding="utf-8")
    files.append(held_out)
    location = folder / "study.codebench"
    with init_project(location, "Suggestions") as project:
        import_files(project, files, ImportOptions(language="nl", actor="setup"))
        for name in CODES:
            add_code(project, name, actor="setup")
        for number in range(1, 6):
            text = _interview(number)
            document = f"interview_{number}"
            for code, sentences, coder in (
                ("Budget", BUDGET, "anna"),
                ("Privacy", PRIVACY, "anna"),
                ("Overig", SMALL_TALK, "ben"),
            ):
                for sentence in sentences:
                    if sentence in text:
                        apply_code(project, document, code, coder, Location(quote=sentence))
    return location


async def at_repeated_suggestion(app: CodebenchApp, pilot: Pilot[Any]) -> None:
    """Open interview 6, show the suggestions (g) and go to the next one (G) until the cursor
    is on the repeated budget passage."""
    coding = screen(app)
    coding.open_document(coding.ws.document_id("interview_6"))
    await pilot.press("g")
    await settle(pilot)
    while (sentence := view(app).cursor_sentence) is None or sentence.text != REPEATED:
        await pilot.press("G")
