"""The figures of an evaluation: precision, recall and F1 counts (`PRF`), and a data set's
`Report` of them, with every miss listed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.evaluate.sources import SourceScores

THRESHOLDS = (0.3, 0.8)


@dataclass
class PRF:
    """Precision over predictions, recall over gold items; counted separately (coverage scores)."""

    correct_predictions: int = 0
    predictions: int = 0
    found_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.correct_predictions += other.correct_predictions
        self.predictions += other.predictions
        self.found_gold += other.found_gold
        self.gold += other.gold

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predictions": self.predictions,
            "gold": self.gold,
        }


def set_prf(predicted: Iterable[object], gold: Iterable[object]) -> PRF:
    pred, ref = set(predicted), set(gold)
    hit = len(pred & ref)
    return PRF(hit, len(pred), hit, len(ref))


@dataclass
class Report:
    name: str
    articles: int = 0
    statements: dict[float, PRF] = field(default_factory=lambda: {t: PRF() for t in THRESHOLDS})
    by_kind: dict[str, PRF] = field(default_factory=dict)  # at the lower threshold
    speakers_right: int = 0
    speakers_judged: int = 0
    titles_right: int = 0  # gold actors with a title_contains whose extracted title holds it
    titles_judged: int = 0
    countries: PRF = field(default_factory=PRF)
    actors: PRF = field(default_factory=PRF)
    exercise_names: PRF = field(default_factory=PRF)
    participants: PRF = field(default_factory=PRF)
    sources: SourceScores = field(default_factory=SourceScores.empty)  # PolNeAR speakers
    unlocated_gold: int = 0
    misses: list[str] = field(default_factory=list)
    miss_kinds: Counter[str] = field(default_factory=Counter)

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_judged if self.speakers_judged else 1.0

    @property
    def title_accuracy(self) -> float:
        return self.titles_right / self.titles_judged if self.titles_judged else 1.0

    def miss(self, kind: str, article: str, detail: str) -> None:
        self.miss_kinds[kind] += 1
        self.misses.append(f"[{kind}] {article}: {detail}")

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "articles": self.articles}
        for t, prf in self.statements.items():
            out[f"statements@{t}"] = prf.as_dict()
        out["statements_by_kind@0.3"] = {k: v.as_dict() for k, v in sorted(self.by_kind.items())}
        out["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        if self.sources.judged:
            out["speaker_accuracy_by_source"] = self.sources.as_dict()
        out["speakers_judged"] = self.speakers_judged
        for name in ("countries", "actors", "exercise_names", "participants"):
            scores: PRF = getattr(self, name)
            if scores.gold or scores.predictions:
                out[name] = scores.as_dict()
        if self.titles_judged:
            out["title_accuracy"] = round(self.title_accuracy, 4)
            out["titles_judged"] = self.titles_judged
        out["unlocated_gold_statements"] = self.unlocated_gold
        out["top_misses"] = self.miss_kinds.most_common(10)
        return out
