"""A report written out: its figures as a plain-text table, its misses one a line."""

from pathlib import Path

from app.evaluate.scores import PRF, Report
from app.evaluate.sources import SOURCE_KINDS


def render(report: Report) -> str:
    """A plain-text table of the report's figures."""
    lines = [f"== {report.name}: {report.articles} articles"]
    lines.append(f"{'':28}{'precision':>10}{'recall':>10}{'f1':>10}{'predicted':>11}{'gold':>8}")

    def row(label: str, prf: PRF) -> None:
        lines.append(
            f"{label:28}{prf.precision:10.3f}{prf.recall:10.3f}{prf.f1:10.3f}"
            f"{prf.predictions:11d}{prf.gold:8d}"
        )

    for t, prf in report.statements.items():
        row(f"statements (coverage > {t})", prf)
    for kind, prf in sorted(report.by_kind.items()):
        row(f"  {kind} (> 0.3)", prf)
    for label in ("countries", "actors", "exercise_names", "participants"):
        prf = getattr(report, label)
        if prf.gold or prf.predictions:
            row(label.replace("_", " "), prf)
    if report.speakers_judged:
        lines.append(
            f"speaker accuracy: {report.speaker_accuracy:.3f} "
            f"({report.speakers_right}/{report.speakers_judged} found statements)"
        )
    if report.titles_judged:
        lines.append(
            f"title accuracy: {report.title_accuracy:.3f} "
            f"({report.titles_right}/{report.titles_judged} gold actors with a title)"
        )
    for kind in SOURCE_KINDS:
        if report.sources.judged[kind]:
            lines.append(
                f"speaker accuracy, {kind} sources: {report.sources.accuracy(kind):.3f} "
                f"({report.sources.right[kind]}/{report.sources.judged[kind]} found statements)"
            )
    if report.unlocated_gold:
        lines.append(f"gold statements not located in the body: {report.unlocated_gold}")
    lines.append("most common misses:")
    lines += [f"  {n:5d}  {kind}" for kind, n in report.miss_kinds.most_common(10)]
    return "\n".join(lines)


def write_misses(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(report.misses) + "\n", encoding="utf-8")
