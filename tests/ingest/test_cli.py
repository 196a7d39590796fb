"""`dossier ingest` and `scripts/ingest.py`: good files stored, bad ones reported, exit codes."""

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import app
from app.core.db import make_engine
from app.core.models import Article, Exercise
from app.extract.types import ArticleExtraction, CleanArticle, ExerciseMention, Participation
from app.ingest.summary import IngestSummary
from tests.paths import ROOT

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(*records: Mapping[str, object]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


@pytest.fixture
def good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "good"
    write(folder / "a.txt", "Minister visits Astana\n\nThe minister arrived on Monday.\n")
    write(
        folder / "nested" / "b.json",
        json.dumps(
            [
                {"id": "b-1", "title": "Drills begin", "body": "Troops gathered."},
                {"id": "b-2", "title": "Drills end", "text": "Troops left.", "url": "https://x/2"},
            ]
        ),
    )
    write(
        folder / "c.jsonl",
        jsonl(
            {
                "id": "c-1",
                "title": "Talks",
                "body": "Talks were held.",
                "published_at": "1987-02-26",
            }
        ),
    )
    return folder


def ingest(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", "--no-progress", *args])
    return result.exit_code, result.stdout


def article_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def test_all_good_exits_zero_and_prints_the_summary(
    engine: Engine, database_url: str, good_folder: Path
) -> None:
    code, out = ingest(str(good_folder), "--database-url", database_url)
    assert code == 0, out
    assert "Files read: 3" in out
    assert "Articles: 4 new, 0 updated, 0 unchanged, 0 failed" in out
    assert "Database now holds:" in out
    assert article_count(engine) == 4


def test_second_run_changes_nothing_and_new_text_updates(
    engine: Engine, database_url: str, good_folder: Path
) -> None:
    ingest(str(good_folder), "--database-url", database_url)
    code, out = ingest(str(good_folder), "--database-url", database_url)
    assert code == 0
    assert "Articles: 0 new, 0 updated, 4 unchanged, 0 failed" in out

    write(good_folder / "c.jsonl", jsonl({"id": "c-1", "title": "Talks", "body": "Talks failed."}))
    code, out = ingest(str(good_folder), "--database-url", database_url)
    assert code == 0
    assert "Articles: 0 new, 1 updated, 3 unchanged, 0 failed" in out
    with Session(engine) as session:
        body = session.scalar(select(Article.body).where(Article.external_id == "c-1"))
    assert body == "Talks failed."
    assert article_count(engine) == 4


def test_broken_inputs_are_reported_with_place_and_the_rest_ingested(
    engine: Engine, database_url: str, good_folder: Path
) -> None:
    broken = write(good_folder / "broken.json", '{"title": "Cut off", "body": "')
    feed = write(
        good_folder / "feed.jsonl",
        jsonl({"title": "Fine", "body": "Text."})
        + "{oops\n"
        + jsonl({"title": "Also fine", "body": "More text."}, {"body": "untitled"}),
    )
    missing = good_folder / "missing.txt"

    code, out = ingest(str(good_folder), str(missing), "--database-url", database_url)
    assert code == 1
    assert f"{broken}: invalid JSON:" in out
    assert f"{feed}:2: invalid JSON:" in out
    assert f"{feed}:4: missing 'title'" in out
    assert f"{missing}: no such file or folder" in out
    assert "Files read: 5" in out
    assert "Articles: 6 new, 0 updated, 0 unchanged, 4 failed" in out
    assert article_count(engine) == 6


def test_database_url_defaults_to_the_environment(
    engine: Engine, database_url: str, good_folder: Path
) -> None:
    # The `database_url` fixture exported DATABASE_URL; no option is given here.
    code, out = ingest(str(good_folder / "a.txt"))
    assert code == 0, out
    assert article_count(engine) == 1


def test_progress_bar_stays_off_stdout(
    engine: Engine, database_url: str, good_folder: Path
) -> None:
    result = runner.invoke(app, ["ingest", str(good_folder), "--database-url", database_url])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Files read: 3"


def test_migrate_creates_the_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = runner.invoke(app, ["migrate", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.stdout
    engine = make_engine(url, pooled=False)
    try:
        assert {"article", "actor", "statement", "exercise", "country"} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()


def test_script_is_the_same_command(engine: Engine, database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "ok.txt", "Title\nBody.")
    write(folder / "bad.jsonl", "[1]\n")
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "ingest.py"), "--no-progress", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert f"{folder / 'bad.jsonl'}:1: expected a JSON object, found a list" in done.stdout
    assert "Articles: 1 new, 0 updated, 0 unchanged, 1 failed" in done.stdout
    assert article_count(engine) == 1


def test_article_that_fails_to_store_is_reported_and_the_others_kept(
    engine: Engine, database_url: str, good_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ingest import service, workers

    def extract_many(articles: Iterable[CleanArticle], **_: object) -> Iterator[ArticleExtraction]:
        for article in articles:
            result = ArticleExtraction(article=article, countries={"KZ": 1})
            if article.title == "Drills end":
                # Breaks the role check constraint, after the article row was flushed.
                result.exercises = [
                    ExerciseMention(name="X", participants=[Participation("KZ", "cook")])  # type: ignore[arg-type]
                ]
            yield result

    monkeypatch.setattr(workers, "extract_many", extract_many)
    summary = service.ingest_paths([good_folder], database_url=database_url, progress=False)
    assert (summary.new, summary.failed) == (3, 1)
    origin, reason = summary.failures[0]
    assert origin == f"{good_folder / 'nested' / 'b.json'}[1]"
    assert reason.startswith("could not store: IntegrityError")
    with Session(engine) as session:
        titles = set(session.scalars(select(Article.title)))
        assert titles == {"Minister visits Astana", "Drills begin", "Talks"}
        assert session.scalar(select(func.count()).select_from(Exercise)) == 0
    assert summary.countries == 1


def test_extraction_error_costs_only_that_article(
    engine: Engine, database_url: str, good_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ingest import service, workers

    def extract_many(articles: Iterable[CleanArticle], **_: object) -> Iterator[ArticleExtraction]:
        raise RuntimeError("batch failed")
        yield  # a generator, like the real one

    def extract_article(article: CleanArticle) -> ArticleExtraction:
        if article.title == "Talks":
            raise ValueError("no parse")
        return ArticleExtraction(article=article)

    monkeypatch.setattr(workers, "extract_many", extract_many)
    monkeypatch.setattr(workers, "extract_article", extract_article)
    summary = service.ingest_paths([good_folder], database_url=database_url, progress=False)
    assert (summary.new, summary.failed) == (3, 1)
    assert summary.failures == [
        (f"{good_folder / 'c.jsonl'}:1", "extraction failed: ValueError: no parse")
    ]
    assert article_count(engine) == 3


def test_worker_processes_store_the_same_extraction_as_one_process(
    engine: Engine, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.models import Actor, Statement
    from app.ingest import service
    from tests.database import empty_database
    from tests.paths import BUNDLED_ARTICLES

    def stored() -> list[tuple[object, ...]]:
        with Session(engine) as session:
            rows = session.execute(
                select(Statement.text, Statement.kind, Actor.name, Statement.start, Statement.end)
                .outerjoin(Actor, Actor.id == Statement.speaker_id)
                .order_by(Statement.text)
            )
            return [tuple(row) for row in rows]

    # One article per worker and batch, so that each batch is extracted while the one before
    # it is stored: five batches in all.
    monkeypatch.setattr(service, "BATCH_SIZE", 1)
    extra = write(tmp_path / "extra.jsonl", jsonl(*(
        {"id": f"w-{k}", "title": f"Talks {k}",
         "body": f'Minister Anna Verhoeven said on day {k} that the talks would go on. '
                 f'"We will not leave the table," she told reporters in Oslo.'}
        for k in range(8)
    )))  # fmt: skip
    paths = [BUNDLED_ARTICLES, extra]
    # The workers also load their pipeline afresh every 2,000 characters or so (each reads its
    # settings when it starts): that changes nothing either.
    monkeypatch.setenv("DOSSIER_MODEL_RELOAD_CHARS", "2000")
    parallel = service.ingest_paths(paths, database_url=database_url, progress=False,
                                    processes=2)  # fmt: skip
    monkeypatch.delenv("DOSSIER_MODEL_RELOAD_CHARS")
    with_workers = stored()
    empty_database(engine)
    single = service.ingest_paths(paths, database_url=database_url, progress=False)
    assert (parallel.new, parallel.failed) == (single.new, single.failed) == (10, 0)
    assert with_workers and with_workers == stored()
    assert sum(1 for row in with_workers if row[2] == "Anna Verhoeven") == 16


DIED = "extraction failed: the worker process died on it (killed, out of memory or crashed)"


def ingest_with_dying_workers(
    folder: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, count: int, marked: set[int]
) -> tuple[IngestSummary, Path]:
    """Ingest `count` articles with two worker processes, two articles per worker and batch;
    the workers run a function that exits on the articles numbered in `marked` (from 0)."""
    from app.ingest import service, workers
    from tests.ingest import worker_crash

    monkeypatch.setattr(service, "BATCH_SIZE", 2)
    monkeypatch.setattr(workers, "extract_chunk", worker_crash.extract_or_die)
    records = [
        {"id": f"d-{k}", "title": f"Talks {k}",
         "body": f"Minister Anna Verhoeven said on day {k} that the talks would go on."
                 + (" " + worker_crash.MARK if k in marked else "")}
        for k in range(count)
    ]  # fmt: skip
    path = write(folder / "talks.jsonl", jsonl(*records))
    summary = service.ingest_paths([path], database_url=database_url, progress=False,
                                   processes=2)  # fmt: skip
    return summary, path


@pytest.mark.slow
def test_a_worker_process_that_dies_costs_only_the_article_it_died_on(
    engine: Engine, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Marked articles in the first batch and in the third (the second one's pool is a new one).
    summary, path = ingest_with_dying_workers(tmp_path, database_url, monkeypatch, 12, {2, 9})
    assert (summary.new, summary.failed) == (10, 2)
    assert summary.failures == [(f"{path}:3", DIED), (f"{path}:10", DIED)]
    assert article_count(engine) == 10
    with Session(engine) as session:
        stored = set(session.scalars(select(Article.external_id)))
    assert stored == {f"d-{k}" for k in range(12)} - {"d-2", "d-9"}


@pytest.mark.slow
def test_workers_that_keep_dying_are_given_up_for_extraction_in_the_main_process(
    engine: Engine, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every article kills its worker (as workers that cannot load the model would): the first
    # three are reported, then the run extracts here, where nothing kills it.
    summary, path = ingest_with_dying_workers(tmp_path, database_url, monkeypatch, 8, set(range(8)))
    assert (summary.new, summary.failed) == (5, 3)
    assert summary.failures == [(f"{path}:{k}", DIED) for k in (1, 2, 3)]
    assert article_count(engine) == 5
