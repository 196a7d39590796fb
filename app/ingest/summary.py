"""The ingest report: what one run did (articles new, updated, unchanged, failed, and why), and
what the database holds afterwards."""

from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app.core.models import Actor, ArticleCountry, Exercise, Statement
from app.ingest.store import StoreOutcome


@dataclass
class IngestSummary:
    """What one ingest run did, and what the database holds afterwards."""

    files_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # read, with a caveat
    statements: int = 0
    actors: int = 0
    exercises: int = 0
    countries: int = 0  # countries that occur in at least one article

    def fail(self, origin: str, reason: str) -> None:
        self.failed += 1
        self.failures.append((origin, reason))

    def count(self, outcome: StoreOutcome) -> None:
        """One article stored, with this outcome."""
        if outcome == "new":
            self.new += 1
        elif outcome == "updated":
            self.updated += 1
        else:
            self.unchanged += 1

    def count_totals(self, session: Session) -> None:
        """Read what the database holds now."""
        self.statements = session.scalar(select(func.count()).select_from(Statement)) or 0
        self.actors = session.scalar(select(func.count()).select_from(Actor)) or 0
        self.exercises = session.scalar(select(func.count()).select_from(Exercise)) or 0
        self.countries = (
            session.scalar(select(func.count(distinct(ArticleCountry.country_code)))) or 0
        )

    def render(self) -> str:
        """The summary as lines of plain text, failures first, totals last."""
        lines = []
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines += [f"  {origin}: {reason}" for origin, reason in self.warnings]
        if self.failures:
            lines.append(f"Failed ({self.failed}):")
            lines += [f"  {origin}: {reason}" for origin, reason in self.failures]
        if self.files_read == 0:
            lines.append("No .txt, .json or .jsonl files found.")
        lines += [
            f"Files read: {self.files_read}",
            f"Articles: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed",
            f"Database now holds: {self.statements} statements, {self.actors} actors, "
            f"{self.exercises} exercises, {self.countries} countries",
        ]
        return "\n".join(lines)


def failure_reason(exc: Exception) -> str:
    """An exception as the one line a failure gives: its type and the first line of its text."""
    # Database errors carry the statement and parameters; their first line is the reason.
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
