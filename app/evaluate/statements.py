"""Statements scored the way the Gender Gap Tracker scores itself: a gold statement is found when
one extracted statement covers more than `t` of its characters (t = 0.3 and 0.8); symmetrically,
an extracted statement is correct when more than `t` of its characters lie inside one gold
statement (required or optional). Speakers are compared by resolved name (or alias).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.text import fold
from app.evaluate.locate import QUOTE_CHARS
from app.evaluate.scores import PRF, THRESHOLDS, Report
from app.extract.types import StatementMention


@dataclass
class GoldStatement:
    text: str
    speaker: str
    aliases: list[str]
    kind: str
    cue: str
    required: bool
    span: tuple[int, int] | None = None  # located in the cleaned body


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _name_key(name: str) -> str:
    """Names compared as the gold compares text: folded, quote marks stripped."""
    return " ".join("".join(c for c in fold(name) if c not in QUOTE_CHARS).split())


def _speaker_matches(predicted: str | None, gold: GoldStatement) -> bool:
    if not predicted:
        return False
    return _name_key(predicted) in {_name_key(n) for n in [gold.speaker, *gold.aliases]}


def _description(predicted: StatementMention) -> str | None:
    """The words describing a speaker no actor names ("the press office of the exercise"),
    without their article, compared with a gold speaker given by description."""
    mention = predicted.speaker_mention
    if mention is None:
        return None
    words = mention.text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or None


def found_by(
    predicted: Sequence[StatementMention], span: tuple[int, int]
) -> StatementMention | None:
    """The predicted statement that overlaps a gold span most, if it covers more than the
    lower threshold of it."""
    best = max(predicted, key=lambda p: _overlap(span, (p.start, p.end)), default=None)
    if best is None or _overlap(span, (best.start, best.end)) <= min(THRESHOLDS) * (
        span[1] - span[0]
    ):
        return None
    return best


def score_statements(
    report: Report,
    label: str,
    predicted: Sequence[StatementMention],
    gold: Sequence[GoldStatement],
    *,
    judge_speakers: bool = True,
) -> None:
    """Add one article's statement scores to `report` (gold spans must be located already)."""
    located = [g for g in gold if g.span is not None]
    for g in gold:
        if g.span is None and g.required:
            report.unlocated_gold += 1
            report.miss("gold text not found in body", label, g.text[:100])
    _score_coverage(report, predicted, located)
    for g in located:
        if g.required:
            _score_gold_statement(report, label, predicted, g, judge_speakers)
    _score_predictions(report, label, predicted, located)


def _score_coverage(
    report: Report, predicted: Sequence[StatementMention], located: list[GoldStatement]
) -> None:
    """The coverage counts at each threshold, of the gold found and the predictions correct."""
    spans = [(p.start, p.end) for p in predicted]
    for t in THRESHOLDS:
        prf = report.statements[t]
        for g in located:
            if not g.required:
                continue
            assert g.span is not None
            length = g.span[1] - g.span[0]
            prf.gold += 1
            if any(_overlap(g.span, s) > t * length for s in spans):
                prf.found_gold += 1
        for s in spans:
            prf.predictions += 1
            length = max(1, s[1] - s[0])
            if any(_overlap(g.span, s) > t * length for g in located if g.span):
                prf.correct_predictions += 1


def _score_gold_statement(
    report: Report,
    label: str,
    predicted: Sequence[StatementMention],
    g: GoldStatement,
    judge_speakers: bool,
) -> None:
    """One required gold statement, by its kind at the lower threshold: found or missed, its
    span partial or not, and (when judged) its speaker right or wrong."""
    span = g.span
    assert span is not None
    kind = report.by_kind.setdefault(g.kind, PRF())
    kind.gold += 1
    length = span[1] - span[0]
    best = found_by(predicted, span)
    if best is None:
        cue = " ".join(g.cue.lower().split()) or "?"
        report.miss(
            f"missed {g.kind} statement, cue {cue!r}", label, f"{g.speaker!r}: {g.text[:120]!r}"
        )
        return
    if _overlap(span, (best.start, best.end)) <= max(THRESHOLDS) * length:
        report.miss(f"partial span of a {g.kind} statement", label, g.text[:120])
    kind.found_gold += 1
    if not judge_speakers:
        return
    report.speakers_judged += 1
    if _speaker_matches(best.speaker or _description(best), g):
        report.speakers_right += 1
    else:
        report.miss(
            "wrong speaker",
            label,
            f"gold {g.speaker!r}, got {best.speaker!r}: {g.text[:80]!r}",
        )


def _score_predictions(
    report: Report, label: str, predicted: Sequence[StatementMention], located: list[GoldStatement]
) -> None:
    """Each extracted statement, by its kind at the lower threshold: correct, or an extra."""
    low = min(THRESHOLDS)
    for p in predicted:
        kind = report.by_kind.setdefault(p.kind, PRF())
        kind.predictions += 1
        length = max(1, p.end - p.start)
        if any(_overlap(g.span, (p.start, p.end)) > low * length for g in located if g.span):
            kind.correct_predictions += 1
        else:
            report.miss(f"extra {p.kind} statement", label, f"{p.speaker!r}: {p.text[:120]!r}")
