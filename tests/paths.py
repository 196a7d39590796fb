"""Where the tests find the project and the shared material beside it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "app"
SCRIPTS_DIR = ROOT / "scripts"
BUNDLED_ARTICLES = ROOT / "data" / "articles"

SHARED = ROOT.parent / "shared"
SEEDS_DIR = SHARED / "seeds"
GOLD_DIR = SHARED / "gold"
CORPORA_DIR = SHARED / "corpora"
