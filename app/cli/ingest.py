"""`dossier ingest`: read, extract and store news files, with progress and a summary."""

import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app.cli.common import DatabaseUrlOption, configure_logging


class Engine(StrEnum):
    """Where extraction runs."""

    local = "local"
    ray = "ray"


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
            "2 or more pays off on large corpora. With --engine ray: Ray actors.",
        ),
    ] = 1,
    engine: Annotated[
        Engine,
        typer.Option(
            case_sensitive=False,
            help="Where extraction runs: local processes, or actors on the Ray cluster at "
            "RAY_ADDRESS (a local one when unset; needs the ray extra).",
        ),
    ] = Engine.local,
) -> None:
    """Ingest articles; unreadable files are reported and skipped (exit code 1 if any failed)."""
    from app.ingest.ray_workers import RayUnavailable
    from app.ingest.service import ingest_paths

    configure_logging()
    # Ingest reports its own progress; alembic's per-run INFO lines would only be noise here.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        summary = ingest_paths(
            paths,
            database_url=database_url,
            progress=not no_progress,
            processes=processes,
            engine_name="ray" if engine is Engine.ray else "local",
        )
    except RayUnavailable as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(summary.render())
    raise typer.Exit(1 if summary.failed else 0)
