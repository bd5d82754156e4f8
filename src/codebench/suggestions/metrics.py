"""Precision, recall and F1 per code, pooled over codes (micro) and averaged (macro).

Counted on sentences: a sentence the coder gave code X and the model too is a true positive
of X. Macro F1 averages the codes the coder applied in the evaluated sentences, so a code
nobody used there neither helps nor hurts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from codebench.suggestions.model import Bools


@dataclass(frozen=True)
class Score:
    """One code's (or all codes') figures."""

    support: int
    """Sentences the coder gave the code."""
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        total = self.support + self.predicted
        return 2 * self.correct / total if total else 0.0


def per_code(truth: Bools, predicted: Bools) -> list[Score]:
    """One score per column."""
    support = truth.sum(axis=0)
    made = predicted.sum(axis=0)
    correct = (truth & predicted).sum(axis=0)
    return [Score(int(s), int(m), int(c)) for s, m, c in zip(support, made, correct, strict=True)]


def micro(truth: Bools, predicted: Bools) -> Score:
    return Score(int(truth.sum()), int(predicted.sum()), int((truth & predicted).sum()))


def macro_f1(scores: list[Score]) -> float:
    used = [score.f1 for score in scores if score.support]
    return float(np.mean(used)) if used else 0.0
