"""Deterministic synthetic interview transcripts for the benchmarks (Word and text files)."""

from __future__ import annotations

import random
from pathlib import Path

from docx import Document

WORDS = (
    "de het een en van in dat is we ook niet op met voor zijn er maar als bij om dan nog wel "
    "gemeente provincie chatbot taalmodel pilot burgers ambtenaren privacy data beleid team "
    "experiment innovatie budget leiderschap samenwerking toepassing organisatie risico "
    "kwaliteit infrastructuur proces verantwoordelijkheid ethiek wetgeving duurzaamheid "
    "eigenlijk gewoon natuurlijk zeg maar heel belangrijk lastig mooi snel veilig samen"
).split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 22))
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _turns(rng: random.Random, words: int) -> list[tuple[str, str]]:
    turns, total = [], 0
    while total < words:
        interviewer = len(turns) % 2 == 0
        n = rng.randint(1, 2) if interviewer else rng.randint(3, 12)
        text = " ".join(_sentence(rng) for _ in range(n))
        turns.append(("Interviewer" if interviewer else "Respondent", text))
        total += len(text.split())
    return turns


def generate_corpus(folder: Path, documents: int, words: int, seed: int = 1) -> list[Path]:
    """Half Word files with bold labels, half UTF-8 text files, all deterministic."""
    rng = random.Random(seed)
    paths = []
    for i in range(documents):
        turns = _turns(rng, words)
        respondent = f"Respondent {i + 1}"
        if i % 2 == 0:
            path = folder / f"interview_{i:04d}.docx"
            doc = Document()
            for speaker, text in turns:
                label = respondent if speaker == "Respondent" else speaker
                paragraph = doc.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(text)
            doc.save(str(path))
        else:
            path = folder / f"interview_{i:04d}.txt"
            lines = [f"{respondent if s == 'Respondent' else s}: {t}" for s, t in turns]
            path.write_text("\n\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths
