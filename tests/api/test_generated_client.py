"""A Python client generated from the OpenAPI schema by openapi-python-client, used as a
client author would: statements by speaker, an article, a cursor walk and a CSV download."""

import csv
import importlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.ingest.service import ingest_paths
from app.main import create_app
from tests.paths import BUNDLED_ARTICLES
from tests.tools import CLIENT_GENERATOR, CLIENT_GENERATOR_INSTALL, require

pytestmark = pytest.mark.slow
PACKAGE = "dossier_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The client package generated from the app's schema, importable."""
    generator = require(CLIENT_GENERATOR, CLIENT_GENERATOR_INSTALL)
    folder = tmp_path_factory.mktemp("client")
    schema = folder / "openapi.json"
    schema.write_text(json.dumps(create_app().openapi()))
    path = os.pathsep.join([str(Path(generator).parent), os.environ.get("PATH", "")])
    done = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--output-path",
            PACKAGE,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield folder / PACKAGE
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def operation(name: str) -> ModuleType:
    tag = name.split("_")[0]
    return importlib.import_module(f"{PACKAGE}.api.{tag}.{name}")


@pytest.fixture
def api(generated: Path, engine: Engine, database_url: str) -> Iterator[Any]:
    """The generated client over the app (in process), the bundled articles ingested."""
    summary = ingest_paths([BUNDLED_ARTICLES], database_url=database_url, progress=False)
    assert summary.new == 2 and summary.failed == 0
    client_module = importlib.import_module(f"{PACKAGE}.client")
    # As httpx (which generated clients use) does by default, redirects are not followed.
    with TestClient(create_app(), follow_redirects=False) as http:
        client = client_module.Client(base_url="http://testserver", raise_on_unexpected_status=True)
        yield client.set_httpx_client(http)


def test_statements_by_speaker_are_typed_models(api: Any) -> None:
    page = operation("statements_list_statements").sync(client=api, speaker="Appathurai")
    assert type(page).__name__ == "StatementPage"
    assert page.total >= 2 and page.items
    assert {s.speaker.name for s in page.items} == {"James Appathurai"}
    assert all(s.article.id and s.end > s.start for s in page.items)


def test_an_article_with_its_extraction(api: Any) -> None:
    first = operation("articles_list_articles").sync(client=api, limit=1).items[0]
    article = operation("articles_get_article").sync(client=api, article_id=first.id)
    assert type(article).__name__ == "ArticleDetail"
    assert article.title == first.title
    for statement in article.statements:
        assert article.body[statement.start : statement.end]
    missing = operation("articles_get_article").sync(client=api, article_id=2147483647)
    assert type(missing).__name__ == "Problem" and missing.status == 404


def test_walking_a_cursor_yields_every_statement_once(api: Any) -> None:
    list_statements = operation("statements_list_statements").sync
    whole = list_statements(client=api, country="KZ", limit=200)
    seen: list[int] = []
    cursor: Any = None
    while True:
        kwargs = {"cursor": cursor} if cursor else {}
        page = list_statements(client=api, country="KZ", limit=2, **kwargs)
        seen += [s.id for s in page.items]
        cursor = page.next_cursor
        if not cursor:
            break
    assert seen == [s.id for s in whole.items] and len(seen) == whole.total >= 3
    kz_cursor = list_statements(client=api, country="KZ", limit=1).next_cursor
    other = list_statements(client=api, country="RU", cursor=kz_cursor)
    assert type(other).__name__ == "Problem" and other.status == 422
    assert other.errors[0].parameter == "cursor"


def test_csv_downloads_as_text(api: Any) -> None:
    text = operation("statements_export_statements").sync(client=api, speaker="Appathurai")
    assert isinstance(text, str)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    total = operation("statements_list_statements").sync(client=api, speaker="Appathurai").total
    assert len(rows) == total and {r["speaker_name"] for r in rows} == {"James Appathurai"}
    # format=csv on the list is a 303 to the export, not CSV decoded as JSON.
    seen = operation("statements_list_statements").sync_detailed(
        client=api, speaker="Appathurai", format_=csv_format()
    )
    assert seen.status_code == 303


def csv_format() -> Any:
    models = importlib.import_module(f"{PACKAGE}.models")
    return models.StatementsListStatementsFormatType0("csv")
