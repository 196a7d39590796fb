"""Readers: each input format, and every kind of bad input reported with its place and reason."""

import json
from datetime import date
from pathlib import Path

import pytest

from app.ingest.raw import RawArticle, ReadFailure
from app.ingest.readers import find_files, read_file, read_file_with_offsets, read_paths
from tests.paths import BUNDLED_ARTICLES


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_txt_first_non_empty_line_is_title_and_rest_is_body(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt", "\n\n  Minister visits Astana  \n\nFirst line.\r\n\r\nSecond.\n"
    )
    (article,) = read_file(path)
    assert article == RawArticle(
        title="Minister visits Astana", body="First line.\n\nSecond.", origin=str(path)
    )


def test_txt_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\nBody text.".encode())
    (article,) = read_file(path)
    assert isinstance(article, RawArticle)
    assert (article.title, article.body) == ("Title", "Body text.")


def test_txt_latin1_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Título\nCafé au lait".encode("latin-1"))
    (article,) = read_file(path)
    assert isinstance(article, RawArticle)
    assert (article.title, article.body) == ("Título", "Café au lait")
    assert article.warning is not None
    assert "not UTF-8" in article.warning and "0xed" in article.warning
    assert "Windows-1252" in article.warning


def test_txt_neither_utf8_nor_windows_1252_is_reported_with_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Title\nBody \xe9 and \x81 undefined in Windows-1252")
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(path)
    assert "not UTF-8" in failure.reason and "0xe9" in failure.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty file"), ("  \n\n", "empty file"), ("Only a title\n\n", "no body")],
)
def test_txt_without_title_or_body_is_reported(tmp_path: Path, text: str, reason: str) -> None:
    (failure,) = read_file(write(tmp_path / "x.txt", text))
    assert isinstance(failure, ReadFailure)
    assert reason in failure.reason


def test_bundled_seed_articles_are_read() -> None:
    items = [item for item in read_paths([BUNDLED_ARTICLES]) if isinstance(item, RawArticle)]
    assert len(items) == 2
    assert items[0].title.startswith("Kazakh Defence Minister meets with NATO")


def test_json_object_with_all_fields(tmp_path: Path) -> None:
    record = {
        "id": 17,
        "title": " A title ",
        "text": "The body.",
        "url": "https://example.org/a",
        "source": "Kazinform",
        "published_at": "2017-05-03T10:00:00Z",
    }
    path = write(tmp_path / "one.json", json.dumps(record))
    (article,) = read_file(path)
    assert article == RawArticle(
        title="A title",
        body="The body.",
        origin=str(path),
        external_id="17",
        url="https://example.org/a",
        source="Kazinform",
        published_at=date(2017, 5, 3),
    )


def test_json_list_reports_bad_records_by_index_and_keeps_good_ones(tmp_path: Path) -> None:
    records = [
        {"title": "Good", "body": "Text."},
        {"body": "No title."},
        {"title": "Bad date", "body": "Text.", "published_at": "03/05/2017"},
        {"title": "Bad id", "body": "Text.", "id": [1]},
        {"title": "Numeric body", "body": 5},
        "not an object",
        {"title": "Also good", "body": "More.", "published_at": "2017-05-03"},
    ]
    path = write(tmp_path / "many.json", json.dumps(records))
    items = list(read_file(path))
    assert [type(item).__name__ for item in items] == [
        "RawArticle",
        "ReadFailure",
        "ReadFailure",
        "ReadFailure",
        "ReadFailure",
        "ReadFailure",
        "RawArticle",
    ]
    reasons = {item.origin: item.reason for item in items if isinstance(item, ReadFailure)}
    assert reasons == {
        f"{path}[1]": "missing 'title'",
        f"{path}[2]": "'published_at' is not an ISO date (YYYY-MM-DD): '03/05/2017'",
        f"{path}[3]": "'id' must be a string or an integer, found a list",
        f"{path}[4]": "'body' must be a string, found a number",
        f"{path}[5]": "expected a JSON object, found a string",
    }
    assert items[6] == RawArticle(
        title="Also good", body="More.", origin=f"{path}[6]", published_at=date(2017, 5, 3)
    )


def test_broken_json_file_is_one_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '{"title": "x", "body": ')
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(path)
    assert failure.reason.startswith("invalid JSON:")


def test_json_scalar_is_reported(tmp_path: Path) -> None:
    (failure,) = read_file(write(tmp_path / "n.json", "42"))
    assert isinstance(failure, ReadFailure)
    assert "found a number" in failure.reason


def test_jsonl_reports_bad_lines_by_number_and_reads_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r-1", "title": "One", "body": "First."}),
        "",
        "{not json",
        json.dumps({"id": "r-2", "title": "Two", "body": "Second."}),
        json.dumps({"id": "r-3", "body": "No title."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = list(read_file(path))
    assert [getattr(item, "external_id", None) for item in items] == ["r-1", None, "r-2", None]
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert [f.origin for f in failures] == [f"{path}:3", f"{path}:5"]
    assert failures[0].reason.startswith("invalid JSON:")
    assert failures[1].reason == "missing 'title'"
    assert items[2].origin == f"{path}:4"


def test_jsonl_undecodable_line_is_reported_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"title": "Good", "body": "Text."}).encode()
    path.write_bytes(b'{"title": "Caf\xe9\x81", "body": "x"}\n' + good + b"\n")
    failure, article = read_file(path)
    assert isinstance(failure, ReadFailure) and failure.origin == f"{path}:1"
    assert "not UTF-8" in failure.reason
    assert isinstance(article, RawArticle) and article.title == "Good"


def test_jsonl_offsets_end_at_the_file_size(tmp_path: Path) -> None:
    line = json.dumps({"title": "T", "body": "B"}) + "\n"
    path = write(tmp_path / "f.jsonl", line * 3)
    offsets = [offset for _item, offset in read_file_with_offsets(path)]
    assert offsets == [len(line), 2 * len(line), 3 * len(line)]
    assert offsets[-1] == path.stat().st_size


def test_jsonl_is_streamed_not_loaded_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", json.dumps({"title": "T", "body": "B"}) + "\n")
    items = read_file(path)
    first = next(items)
    # Lines written after the first was read still arrive: the file is read as it goes.
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"title": "Later", "body": "B"}) + "\n")
    assert isinstance(first, RawArticle)
    assert [item.title for item in items if isinstance(item, RawArticle)] == ["Later"]


def test_empty_json_list_and_jsonl_are_reported(tmp_path: Path) -> None:
    for path in (write(tmp_path / "e.json", "[]"), write(tmp_path / "e.jsonl", "\n\n")):
        (failure,) = read_file(path)
        assert failure == ReadFailure(str(path), "no articles in the file")


def test_find_files_recurses_in_order_and_skips_other_and_hidden_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "T\nB")
    write(tmp_path / "a" / "z.jsonl", "")
    write(tmp_path / "a" / "y.JSON", "{}")
    write(tmp_path / "notes.md", "x")
    write(tmp_path / ".hidden" / "c.txt", "T\nB")
    found = list(find_files([tmp_path, tmp_path / "b.txt"]))
    assert found == [tmp_path / "a" / "y.JSON", tmp_path / "a" / "z.jsonl", tmp_path / "b.txt"]


def test_missing_path_and_unsupported_file_are_reported(tmp_path: Path) -> None:
    other = write(tmp_path / "data.csv", "a,b")
    found = list(find_files([tmp_path / "missing", other]))
    assert found == [
        ReadFailure(str(tmp_path / "missing"), "no such file or folder"),
        ReadFailure(str(other), "unsupported file type '.csv': expected .txt, .json or .jsonl"),
    ]
