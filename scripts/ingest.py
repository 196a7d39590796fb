"""`python scripts/ingest.py PATH...`: the same as `dossier ingest PATH...`."""

import sys
from pathlib import Path

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer  # noqa: E402

from app.cli.ingest import ingest_command  # noqa: E402

if __name__ == "__main__":
    typer.run(ingest_command)
