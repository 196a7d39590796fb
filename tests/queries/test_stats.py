"""`dossier stats`: counts of everything and the top speakers and countries, as tables."""

from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli import app
from tests.factories import World


def lines_with(output: str, *words: str) -> list[str]:
    return [line for line in output.splitlines() if all(word in line for word in words)]


def test_stats_shows_counts_top_speakers_and_countries(database_url: str, world: World) -> None:
    result = CliRunner().invoke(app, ["stats", "--database-url", database_url])
    assert result.exit_code == 0, result.output
    out = result.output
    assert lines_with(out, "Articles", "4")
    assert lines_with(out, "Statements", "7")
    assert lines_with(out, "direct quotes", "5")
    assert lines_with(out, "reported speech", "2")
    assert lines_with(out, "without a speaker", "1")
    assert lines_with(out, "Actors", "5")
    assert lines_with(out, "Exercises", "2")
    assert lines_with(out, "Countries mentioned", "4")
    speakers = out[out.index("Top 3 speakers") : out.index("Top 4 countries")]
    ranked = [line for line in speakers.splitlines() if "person" in line]
    assert [line.split("│")[2].strip() for line in ranked] == [
        "Kassym-Jomart Tokayev",
        "Jens Stoltenberg",
        "José Müller",
    ]
    assert [cell.strip() for cell in ranked[0].split("│")[4:6]] == ["3", "2"]
    countries = out[out.index("Top 4 countries") :]
    kz = lines_with(countries, "Kazakhstan", "KZ")
    assert [cell.strip() for cell in kz[0].split("│")[4:7]] == ["2", "4", "2"]
    assert lines_with(countries, "1", "Kazakhstan")


def test_stats_top_limits_the_lists(database_url: str, world: World) -> None:
    result = CliRunner().invoke(app, ["stats", "--database-url", database_url, "--top", "1"])
    assert result.exit_code == 0
    assert "Top 1 speakers" in result.output and "Top 1 countries" in result.output
    assert "Jens Stoltenberg" not in result.output


def test_stats_of_an_empty_database(database_url: str, engine: Engine) -> None:
    result = CliRunner().invoke(app, ["stats", "--database-url", database_url])
    assert result.exit_code == 0
    assert "Top 0 speakers" in result.output


def test_stats_of_a_database_without_schema_says_so(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/empty.db"
    result = CliRunner().invoke(app, ["stats", "--database-url", url])
    assert result.exit_code == 1
    assert "dossier migrate" in result.output
