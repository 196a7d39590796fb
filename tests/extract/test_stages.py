"""The declared stages: their order and levels, and the parse asked for what they declare."""

import ast
from pathlib import Path

import app.extract.nlp
from app.extract.nlp import Level
from app.extract.pipeline import STAGES, speech_marks
from app.extract.quotes.marks import find_quote_spans


def test_stages_run_text_work_then_actors_then_speech() -> None:
    assert [(s.name, s.needs) for s in STAGES] == [
        ("quotes", None),
        ("countries", None),
        ("exercises", None),
        ("actors", Level.NAMES),
        ("direct quotes", Level.SPEECH),
        ("reported speech", Level.SPEECH),
        ("speakers", Level.SPEECH),
        ("statements", None),
    ]


def test_speech_marks_are_every_quoted_span_names_included() -> None:
    body = 'Troops joined "Cold Response" in March.\n\n"We stay," said the minister.'
    bounds = [(s.outer_start, s.outer_end) for s in find_quote_spans(body)]
    assert len(bounds) == 2
    assert speech_marks(body) == bounds


def test_the_parse_imports_no_stage_module() -> None:
    stages = ("quotes", "statements", "speakers", "actors", "countries", "exercises", "pipeline")
    tree = ast.parse(Path(app.extract.nlp.__file__).read_text())
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert "app.extract.lexicon" in imported  # what the parse reads is data, not a stage
    assert not [m for m in imported if m.split(".")[:3][-1] in stages and m.startswith("app.")]
