"""The `dossier` command: ingest news files, migrate the database, serve the API."""

import logging
import os
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from app.config import get_settings
from app.stats import stats_command

app = typer.Typer(
    help="Dossier: news articles in, a database of actors, statements and exercises out.",
    no_args_is_help=True,
    add_completion=False,
)

DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL of the database; overrides DATABASE_URL (default sqlite:///./dossier.db).",
        show_default=False,
    ),
]


def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files (.txt, .json, .jsonl) or folders, read recursively."),
    ],
    database_url: DatabaseUrlOption = None,
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="Do not show the progress bar.")
    ] = False,
    processes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Extraction worker processes (each loads the model, about 450 MB); "
            "2 or more pays off on large corpora.",
        ),
    ] = 1,
) -> None:
    """Ingest articles; unreadable files are reported and skipped (exit code 1 if any failed)."""
    from app.ingest.service import ingest_paths

    _configure_logging()
    # Ingest reports its own progress; alembic's per-run INFO lines would only be noise here.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    summary = ingest_paths(
        paths, database_url=database_url, progress=not no_progress, processes=processes
    )
    typer.echo(summary.render())
    raise typer.Exit(1 if summary.failed else 0)


app.command("ingest")(ingest_command)
app.command("stats")(stats_command)


@app.command()
def migrate(database_url: DatabaseUrlOption = None) -> None:
    """Bring the database schema up to date (alembic upgrade head)."""
    from app.migrate import upgrade_head

    _configure_logging()
    url = database_url or get_settings().database_url
    upgrade_head(url)
    typer.echo(
        f"Database schema is up to date: {make_url(url).render_as_string(hide_password=True)}"
    )


@app.command()
def evaluate(
    gold: Annotated[
        list[Path] | None,
        typer.Argument(help="Gold files in the format of seeds.json (e.g. defence-dev.json)."),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(
            help="Folder of the gold file's article texts (default: ../seeds for seeds.json, "
            "else ../corpora/<gold file stem> beside the gold folder).",
            show_default=False,
        ),
    ] = None,
    polnear: Annotated[
        Path | None, typer.Option(help="PolNeAR folder (with text/ and attributions/).")
    ] = None,
    split: Annotated[str, typer.Option(help="PolNeAR split to score.")] = "dev",
    misses: Annotated[
        Path, typer.Option(help="Folder for the files listing every miss, one per data set.")
    ] = Path("reports"),
    processes: Annotated[int, typer.Option(help="spaCy processes.")] = 1,
) -> None:
    """Score the extractor against labelled articles and print precision, recall and F1."""
    import json

    from app import evaluate as ev

    if not gold and polnear is None:
        raise typer.BadParameter("give at least one gold file or --polnear")
    reports = []
    for path in gold or []:
        folder = texts or _texts_for(path)
        if not folder.is_dir():
            raise typer.BadParameter(f"no article folder {folder} for {path}; pass --texts")
        reports.append(ev.evaluate_gold_file(path, folder, n_process=processes))
    if polnear is not None:
        reports.append(ev.evaluate_polnear(polnear, split, n_process=processes))
    for report in reports:
        typer.echo(ev.render(report))
        out = misses / f"misses-{Path(report.name).stem}.txt"
        ev.write_misses(report, out)
        (misses / f"scores-{Path(report.name).stem}.json").write_text(
            json.dumps(report.as_dict(), indent=1) + "\n", encoding="utf-8"
        )
        typer.echo(f"misses written to {out}\n")


def _texts_for(gold: Path) -> Path:
    """Where a gold file's texts live in the shared layout (gold/, seeds/, corpora/<name>/)."""
    if gold.stem == "seeds":
        return gold.parent.parent / "seeds"
    return gold.parent.parent / "corpora" / gold.stem


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to listen on (default: PORT, else 8000).", show_default=False)
    ] = int(os.environ.get("PORT", "8000")),
) -> None:
    """Serve the HTTP API with uvicorn."""
    import uvicorn

    uvicorn.run("app.main:app", host=host, port=port, log_level=get_settings().log_level.lower())


def _configure_logging() -> None:
    logging.basicConfig(
        level=get_settings().log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
    """Entry point of the `dossier` console script."""
    app()
