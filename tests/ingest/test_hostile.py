"""Hostile input, made at test time: each bad item is one message naming its file (and line),
every good item is ingested, and the exit code says that something failed."""

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import app
from app.core.models import Article
from app.ingest.formats import MAX_TXT_BYTES
from app.ingest.raw import RawArticle, ReadFailure
from app.ingest.readers import read_file

runner = CliRunner()

# Generous: these detect a hang or a quadratic blow-up, not slowness.
HANG = 120.0


def ingest(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", "--no-progress", *args])
    return result.exit_code, result.stdout


def failure_lines(out: str) -> list[str]:
    lines = out.splitlines()
    if not any(line.startswith("Failed (") for line in lines):
        return []
    start = next(i for i, line in enumerate(lines) if line.startswith("Failed ("))
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]


def titles(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(Article.title)))


def test_a_dirty_archive_reports_each_bad_item_once_and_ingests_every_good_one(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    good: set[str] = set()
    bad: dict[str, str] = {}  # origin -> a piece of its reason

    def txt(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    # Good, or decoded with a warning.
    txt("good.txt", b"Ministers meet in Astana\n\nThe ministers met on Monday.\n")
    good.add("Ministers meet in Astana")
    txt("bom.txt", "\ufeffBOM title\nA body after a byte order mark.".encode())
    good.add("BOM title")
    txt("crlf.txt", b"CRLF title\r\n\r\nFirst line.\r\nSecond line.\r\n")
    good.add("CRLF title")
    latin1 = txt("latin1.txt", "Visite à Genève\nLe ministre est arrivé.".encode("latin-1"))
    good.add("Visite à Genève")
    cp1252 = txt("cp1252.txt", "“Quoted” title\nHe said “yes” – twice.".encode("cp1252"))
    good.add("“Quoted” title")
    txt(
        "russian.txt",
        "Министр прибыл в Астану\nМинистр обороны заявил, что учения начнутся.".encode(),
    )
    good.add("Министр прибыл в Астану")
    txt("chinese.txt", "部长访问阿斯塔纳\n国防部长表示，联合演习将于周一开始。".encode())
    good.add("部长访问阿斯塔纳")

    # Bad files.
    bad[str(txt("empty.txt", b""))] = "empty file"
    bad[str(txt("binary.txt", bytes(range(256)) * 4))] = "binary data"
    bad[str(txt("nul.txt", b"Title\nA body with a \x00 NUL byte."))] = "NUL byte at offset 20"
    bad[str(txt("undecodable.txt", b"Title\nBody \xe9 with \x81 in it."))] = "not UTF-8"
    bad[str(txt("title_only.txt", b"Just a title\n\n"))] = "no body"
    huge = txt("huge.txt", b"")
    with huge.open("wb") as handle:
        handle.write(b"Huge\n")
        for _ in range(50):
            handle.write(b"word " * 200_000)  # 50 MB in all
    bad[str(huge)] = "file too large: 50.0 MB"
    bad[str(txt("cut.json", b'{"title": "Cut off", "body": "The text st'))] = "invalid JSON"
    bad[str(txt("untitled.json", json.dumps({"body": "No title."}).encode()))] = "'title'"
    bad[
        str(
            txt("date42.json", json.dumps({"title": "D", "body": "B", "published_at": 42}).encode())
        )
    ] = "'published_at' must be an ISO date string, found a number"
    lines = [
        json.dumps({"title": "Feed one", "body": "First good line."}),
        '{"title": "Broken", "body": "cut',
        json.dumps({"title": "Feed three", "body": "Third good line."}),
        json.dumps({"title": "NUL escape", "body": "a\u0000b"}),
        json.dumps({"title": "Feed five", "body": "Fifth good line."}),
    ]
    feed = txt("feed.jsonl", ("\n".join(lines) + "\n").encode())
    good |= {"Feed one", "Feed three", "Feed five"}
    bad[f"{feed}:2"] = "invalid JSON"
    bad[f"{feed}:4"] = "'body' contains a NUL character"

    started = time.monotonic()
    code, out = ingest(str(folder), "--database-url", database_url)
    assert time.monotonic() - started < HANG

    assert code == 1
    reported = failure_lines(out)
    for origin, reason in bad.items():
        mine = [line for line in reported if line.startswith(f"{origin}: ")]
        assert len(mine) == 1, (origin, reported)
        assert reason in mine[0], mine[0]
    assert len(reported) == len(bad), reported
    assert f"{latin1}: not UTF-8" in out and "read as Windows-1252" in out
    assert f"{cp1252}: not UTF-8" in out
    assert titles(engine) == good
    assert f"{len(good)} new, 0 updated, 0 unchanged, {len(bad)} failed" in out


def test_windows_1252_punctuation_is_decoded_not_mangled(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes("Title\nHe said “yes” – and left…".encode("cp1252"))
    (article,) = read_file(path)
    assert isinstance(article, RawArticle)
    assert article.body == "He said “yes” – and left…"


def test_a_50_mb_article_is_refused_by_its_size_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.write(b"T\n" + b"x" * 50_000_000)
    started = time.monotonic()
    (failure,) = read_file(path)
    assert time.monotonic() - started < HANG
    assert isinstance(failure, ReadFailure) and failure.origin == str(path)
    assert "file too large: 50.0 MB" in failure.reason
    assert f"{MAX_TXT_BYTES / 1_000_000:.1f} MB" in failure.reason


def test_an_article_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Long\n" + "word " * 250_000, encoding="utf-8")  # 1.25 M characters
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
    assert "article too long" in failure.reason and "1,000,000" in failure.reason


def test_a_50_mb_json_lines_record_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"title": "Huge", "body": "' + b"x" * 50_000_000 + b'"}\n')
        handle.write(json.dumps({"title": "After", "body": "Still read."}).encode() + b"\n")
    failure, article = read_file(path)
    assert isinstance(failure, ReadFailure) and failure.origin == f"{path}:1"
    assert "line too long" in failure.reason
    assert isinstance(article, RawArticle) and article.title == "After"


def test_wrong_field_types_and_sizes_are_named(tmp_path: Path) -> None:
    records = [
        {"title": 7, "body": "B"},
        {"title": "T", "body": ["B"]},
        {"title": "T", "body": "B", "url": "https://x/" + "a" * 2000},
        {"title": "T", "body": "B", "id": True},
    ]
    path = tmp_path / "types.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    reasons = [item.reason for item in read_file(path) if isinstance(item, ReadFailure)]
    assert reasons == [
        "'title' must be a string, found a number",
        "'body' must be a string, found a list",
        "'url' is longer than 2000 characters",
        "'id' must be a string or an integer, found a boolean",
    ]


@pytest.mark.slow
def test_10000_unbalanced_quote_marks_finish_in_bounded_time(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "quotes.txt"
    path.write_text("Quotes everywhere\n" + 'He said "no. ' * 10_000, encoding="utf-8")
    started = time.monotonic()
    code, out = ingest(str(path), "--database-url", database_url)
    assert time.monotonic() - started < HANG
    assert code == 0, out
    assert titles(engine) == {"Quotes everywhere"}
