"""`dossier evaluate`: score the extractor against gold files and PolNeAR."""

import json
from pathlib import Path
from typing import Annotated

import typer

from app.evaluate.gold import evaluate_gold_file
from app.evaluate.polnear import evaluate_polnear
from app.evaluate.report import render, write_misses


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
    if not gold and polnear is None:
        raise typer.BadParameter("give at least one gold file or --polnear")
    reports = []
    for path in gold or []:
        folder = texts or _texts_for(path)
        if not folder.is_dir():
            raise typer.BadParameter(f"no article folder {folder} for {path}; pass --texts")
        reports.append(evaluate_gold_file(path, folder, n_process=processes))
    if polnear is not None:
        reports.append(evaluate_polnear(polnear, split, n_process=processes))
    for report in reports:
        typer.echo(render(report))
        out = misses / f"misses-{Path(report.name).stem}.txt"
        write_misses(report, out)
        (misses / f"scores-{Path(report.name).stem}.json").write_text(
            json.dumps(report.as_dict(), indent=1) + "\n", encoding="utf-8"
        )
        typer.echo(f"misses written to {out}\n")


def _texts_for(gold: Path) -> Path:
    """Where a gold file's texts live in the shared layout (gold/, seeds/, corpora/<name>/)."""
    if gold.stem == "seeds":
        return gold.parent.parent / "seeds"
    return gold.parent.parent / "corpora" / gold.stem
