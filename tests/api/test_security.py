"""The API key dependency of write routes: 401 without a key, 403 with a wrong one."""

from collections.abc import Iterator

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from app.api.errors import install_problem_handlers
from app.api.security import API_KEY_HEADER, require_api_key
from app.core.config import get_settings


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/write", dependencies=[Depends(require_api_key)])
    def write() -> dict[str, bool]:
        return {"written": True}

    get_settings.cache_clear()
    yield TestClient(app)
    get_settings.cache_clear()


def _configure(monkeypatch: pytest.MonkeyPatch, key: str | None) -> None:
    if key is None:
        monkeypatch.delenv("DOSSIER_API_KEY", raising=False)
    else:
        monkeypatch.setenv("DOSSIER_API_KEY", key)
    get_settings.cache_clear()


def test_write_without_key_is_401(guarded: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _configure(monkeypatch, "s3cret-key")
    response = guarded.post("/write")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"] == API_KEY_HEADER
    assert API_KEY_HEADER in response.json()["detail"]


def test_write_with_wrong_key_is_403(guarded: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _configure(monkeypatch, "s3cret-key")
    response = guarded.post("/write", headers={API_KEY_HEADER: "s3cret-kez"})
    assert response.status_code == 403
    assert response.json()["detail"] == "The API key is not valid."
    assert "s3cret" not in response.text


def test_write_with_right_key_passes(guarded: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _configure(monkeypatch, "s3cret-key")
    response = guarded.post("/write", headers={API_KEY_HEADER: "s3cret-key"})
    assert response.status_code == 200
    assert response.json() == {"written": True}


def test_writes_are_off_when_no_key_is_set(
    guarded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(monkeypatch, None)
    response = guarded.post("/write", headers={API_KEY_HEADER: "anything"})
    assert response.status_code == 403
    assert "DOSSIER_API_KEY" in response.json()["detail"]
    assert guarded.post("/write").status_code == 401
