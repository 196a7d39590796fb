"""Where the scripts find the project, the shared corpora beside it and the Python running them."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
REUTERS = CORPORA / "reuters21578.jsonl"
PYTHON = sys.executable
