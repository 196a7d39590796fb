"""`dossier ingest --engine ray`: extraction in Ray actors stores exactly the rows of a local
ingest, with the same progress and failure report; an actor killed mid-run loses nothing.

Skipped when Ray (the optional `ray` extra) is not installed, except under CI (`CI` set, as
.ci/run sets it), where a missing Ray fails them (tests/tools.py). `make install` installs it."""

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli import app
from tests.database import empty_database
from tests.ingest.test_cli import article_count, jsonl, write
from tests.paths import BUNDLED_ARTICLES, SCRIPTS_DIR
from tests.tools import require_module

runner = CliRunner()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[ModuleType]:
    """One local Ray for the module's tests (ingest uses a running one and leaves it up)."""
    ray = require_module("ray", "pip install -e '.[ray]' (make install does)")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture
def table_compare(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(SCRIPTS_DIR))
    return importlib.import_module("table_compare")


def talks(folder: Path, count: int) -> Path:
    return write(folder / "talks.jsonl", jsonl(*(
        {"id": f"r-{k}", "title": f"Talks {k}",
         "body": f'Minister Anna Verhoeven said on day {k} that the talks would go on. '
                 f'"We will not leave the table," she told reporters in Oslo.'}
        for k in range(count)
    )))  # fmt: skip


def ingest_twice(
    engine: Engine, database_url: str, paths: list[Path], table_compare: ModuleType
) -> tuple[Any, Any]:
    """Every table after a Ray ingest (2 actors) and after a local one (2 processes)."""
    from app.ingest.service import ingest_paths

    on_ray = ingest_paths(paths, database_url=database_url, progress=False, processes=2,
                          engine_name="ray")  # fmt: skip
    assert on_ray.new > 0 and on_ray.failed == 0
    with_ray = table_compare.contents(database_url)
    empty_database(engine)
    local = ingest_paths(paths, database_url=database_url, progress=False, processes=2)
    assert (local.new, local.failed) == (on_ray.new, 0)
    return with_ray, table_compare.contents(database_url)


def test_ray_actors_store_every_row_a_local_ingest_stores(
    ray_cluster: ModuleType,
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    table_compare: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.ingest import service

    # Several batches per actor, each actor loading its pipeline afresh every 2,000
    # characters or so (the setting reaches the actors): that changes nothing.
    monkeypatch.setattr(service, "BATCH_SIZE", 2)
    monkeypatch.setenv("DOSSIER_MODEL_RELOAD_CHARS", "2000")
    with_ray, local = ingest_twice(
        engine, database_url, [BUNDLED_ARTICLES, talks(tmp_path, 8)], table_compare
    )
    assert table_compare.differences(with_ray, local) == []
    assert sum(with_ray["statement"].values()) > 8
    assert sum(with_ray["article"].values()) == 10


def test_an_actor_killed_mid_run_loses_nothing(
    ray_cluster: ModuleType,
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    table_compare: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.ingest import service
    from app.ingest.ray_workers import RayWorkers

    monkeypatch.setattr(service, "BATCH_SIZE", 2)
    submit = RayWorkers.submit
    killed = []

    def submit_then_kill(self: RayWorkers, articles: list[Any]) -> Any:
        actor = self.actors[self._turn % len(self.actors)]
        future = submit(self, articles)
        if len(killed) == 0 and self._turn == 3:  # the third batch's actor, as it takes it
            ray_cluster.kill(actor, no_restart=False)
            killed.append(actor)
        return future

    monkeypatch.setattr(RayWorkers, "submit", submit_then_kill)
    with_ray, local = ingest_twice(engine, database_url, [talks(tmp_path, 12)], table_compare)
    assert killed
    assert table_compare.differences(with_ray, local) == []
    assert sum(with_ray["article"].values()) == 12


def test_the_cli_reports_progress_and_each_failed_file_on_ray(
    ray_cluster: ModuleType, engine: Engine, database_url: str, tmp_path: Path
) -> None:
    talks(tmp_path, 3)
    broken = write(tmp_path / "broken.json", '{"title": "Cut off", "body": "')
    result = runner.invoke(app, ["ingest", "--engine", "ray", "--processes", "2",
                                 str(tmp_path), "--database-url", database_url])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert f"{broken}: invalid JSON:" in result.stdout
    assert "Articles: 3 new, 0 updated, 0 unchanged, 1 failed" in result.stdout
    assert "Ingesting" in result.stderr and "3 articles" in result.stderr
    assert article_count(engine) == 3
    again = runner.invoke(app, ["ingest", "--engine", "ray", "--no-progress",
                                str(tmp_path / "talks.jsonl"),
                                "--database-url", database_url])  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "Articles: 0 new, 0 updated, 3 unchanged, 0 failed" in again.stdout


def test_the_ray_engine_without_ray_installed_is_a_clear_error(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    result = runner.invoke(app, ["ingest", "--engine", "ray", str(talks(tmp_path, 1)),
                                 "--database-url", database_url])  # fmt: skip
    assert result.exit_code == 2
    assert "pip install 'dossier[ray]'" in result.stderr
