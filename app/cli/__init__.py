"""The `dossier` command: ingest news files, migrate the database, serve the API, score the
extractor, show what the database holds."""

import typer

from app.cli.evaluate import evaluate
from app.cli.ingest import ingest_command
from app.cli.server import migrate, serve
from app.cli.stats import stats_command

app = typer.Typer(
    help="Dossier: news articles in, a database of actors, statements and exercises out.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("ingest")(ingest_command)
app.command("stats")(stats_command)
app.command("migrate")(migrate)
app.command("evaluate")(evaluate)
app.command("serve")(serve)

__all__ = ["app", "ingest_command", "main"]


def main() -> None:
    """Entry point of the `dossier` console script."""
    app()
