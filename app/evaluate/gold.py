"""Dossier's gold files (seeds.json, defence-dev.json): each article read and extracted as
`dossier ingest` would, then its statements, countries, actors and exercises scored."""

import json
from pathlib import Path

from app.evaluate.entities import (
    GoldEntry,
    score_actors,
    score_countries,
    score_exercises,
    score_titles,
)
from app.evaluate.locate import TextIndex
from app.evaluate.scores import Report
from app.evaluate.statements import GoldStatement, score_statements
from app.extract.pipeline import extract_many
from app.extract.types import ArticleExtraction
from app.ingest.clean import clean_article
from app.ingest.raw import RawArticle, ReadFailure
from app.ingest.readers import read_file


def read_article(path: Path) -> RawArticle:
    """An article file read exactly as `dossier ingest` reads it."""
    item = next(read_file(path))
    if isinstance(item, ReadFailure):
        raise ValueError(f"{item.origin}: {item.reason}")
    return item


def gold_statements(entry: GoldEntry) -> list[GoldStatement]:
    """The entry's required and optional statements; one without a speaker is optional."""
    out = []
    for required, key in ((True, "required"), (False, "optional")):
        for s in entry["statements"].get(key, []):
            out.append(
                GoldStatement(
                    text=s["text"],
                    speaker=s.get("speaker", ""),
                    aliases=list(s.get("speaker_aliases", [])),
                    kind=s.get("kind", "direct"),
                    cue=s.get("cue", ""),
                    required=required and bool(s.get("speaker", "x")),
                )
            )
    return out


def evaluate_gold_file(gold_path: Path, texts_dir: Path, *, n_process: int = 1) -> Report:
    """Score the extractor on a gold file in the format of `seeds.json`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    report = Report(name=gold_path.name)
    entries = gold["articles"]
    cleaned = []
    for entry in entries:
        raw = read_article(texts_dir / entry["file"])
        cleaned.append(clean_article(raw.title, raw.body))
    for entry, extraction in zip(entries, extract_many(cleaned, n_process=n_process), strict=True):
        report.articles += 1
        _score_gold_article(report, entry, extraction)
    return report


def _score_gold_article(report: Report, entry: GoldEntry, extraction: ArticleExtraction) -> None:
    label = entry["file"]
    index = TextIndex(extraction.article.body)
    gold = gold_statements(entry)
    for g in gold:
        g.span = index.locate(g.text)
    score_statements(report, label, extraction.statements, gold)
    score_countries(report, label, entry, set(extraction.countries))
    score_actors(report, label, entry, extraction)
    score_titles(report, label, entry, extraction)
    score_exercises(report, label, entry, extraction)
