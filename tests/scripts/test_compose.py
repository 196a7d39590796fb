"""Deployment files: docker-compose.yml against the Compose spec, .env.example against Settings."""

import json
from typing import Any

import pytest
import yaml

from app.core.config import Settings
from tests.paths import ROOT, SHARED

COMPOSE_SCHEMA = SHARED / "schemas" / "compose-spec.json"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_compose_file_is_valid_against_the_compose_spec(compose: dict[str, Any]) -> None:
    if not COMPOSE_SCHEMA.exists():
        pytest.skip(f"{COMPOSE_SCHEMA} is absent")
    import jsonschema

    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(compose, schema)


def test_compose_runs_postgres_the_api_and_a_one_shot_ingest(compose: dict[str, Any]) -> None:
    services = compose["services"]
    # What `docker compose up` starts: the services of no profile.
    assert {name for name, s in services.items() if "profiles" not in s} == {"db", "api", "ingest"}
    assert services["db"]["image"].startswith("postgres:16")
    assert "healthcheck" in services["db"]
    assert services["api"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["ingest"]["restart"] == "no"
    assert services["ingest"]["command"][:2] == ["dossier", "ingest"]
    assert services["ingest"]["command"][-1] == "/data/articles"
    mounts = [volume.split(":")[:2] for volume in services["ingest"]["volumes"]]
    assert ["./data/articles", "/data/articles"] in mounts
    for name in ("api", "ingest"):
        url = services[name]["environment"]["DATABASE_URL"]
        assert url.startswith("postgresql://") and "@db:5432/" in url


def test_the_ray_profile_runs_a_head_workers_and_an_ingest_on_them(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    ray = {name for name, s in services.items() if "ray" in s.get("profiles", [])}
    assert ray == {"ray-head", "ray-worker", "ray-ingest"}
    for name in ray:
        assert services[name]["build"]["args"]["EXTRAS"] == "ray"
        assert "RAY_AUTH_TOKEN" in services[name]["environment"]
    head, worker, ingest = (services[n] for n in ("ray-head", "ray-worker", "ray-ingest"))
    assert head["command"][:3] == ["ray", "start", "--head"] and "--port=6379" in head["command"]
    assert "healthcheck" in head
    assert "--address=ray-head:6379" in worker["command"]
    assert worker["depends_on"]["ray-head"]["condition"] == "service_healthy"
    assert "--engine ray" in ingest["command"][-1] and "/data/articles" in ingest["command"][-1]
    assert ingest["environment"]["RAY_ADDRESS"] == "ray-head:6379"
    assert "@db:5432/" in ingest["environment"]["DATABASE_URL"]
    assert ingest["depends_on"]["api"]["condition"] == "service_healthy"


def env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_env_example_lists_every_setting_with_its_default_and_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    values = env_example()
    expected = {}
    unset = []
    for name, field in Settings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        key = field.alias or name.upper()
        if default is None:
            # Settings unset by default are shown commented out, with an empty value.
            unset.append(key)
            continue
        expected[key] = json.dumps(default) if isinstance(default, list | dict) else str(default)
    assert values == expected
    for key in unset:
        assert f"# {key}=" in lines, f"{key} is not shown commented out"
    for key in values:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}="))
        assert lines[index - 1].startswith("# "), f"{key} has no comment line"
