"""Input files to `RawArticle`s: .txt (title line, then body), .json (object or list), .jsonl.

Every problem becomes a `ReadFailure` naming the file (and line or record) and the reason, so one
bad input never stops the others. JSON Lines are streamed line by line.
"""

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl")


@dataclass(slots=True, frozen=True)
class RawArticle:
    """An article as read from its file, before cleaning."""

    title: str
    body: str
    origin: str  # "path", "path:line" (JSON Lines) or "path[index]" (a JSON list)
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: date | None = None


@dataclass(slots=True, frozen=True)
class ReadFailure:
    """A file or record that could not be read, and why."""

    origin: str
    reason: str


ReadItem = RawArticle | ReadFailure


class RecordError(ValueError):
    """A JSON record whose fields are missing or of the wrong type."""


def find_files(paths: Iterable[Path]) -> Iterator[Path | ReadFailure]:
    """The input files under `paths` (folders recursively, in name order), each once.

    Inside folders, files of other types and hidden files are passed over silently; a file named
    explicitly must be of a supported type.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield ReadFailure(
                    str(path),
                    f"unsupported file type {path.suffix or '(none)'!r}: "
                    "expected .txt, .json or .jsonl",
                )
                continue
            candidates = [path]
        else:
            yield ReadFailure(str(path), "no such file or folder")
            continue
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield candidate


def read_paths(paths: Iterable[Path]) -> Iterator[ReadItem]:
    """Every article (or failure) in the files under `paths`."""
    for found in find_files(paths):
        if isinstance(found, ReadFailure):
            yield found
        else:
            yield from read_file(found)


def read_file(path: Path) -> Iterator[ReadItem]:
    """The articles (or failures) in one file, chosen by its suffix."""
    for item, _offset in read_file_with_offsets(path):
        yield item


def read_file_with_offsets(path: Path) -> Iterator[tuple[ReadItem, int]]:
    """Like `read_file`, each item paired with how far into the file (in bytes) it ends.

    That lets a caller show progress in bytes even inside one large JSON Lines file.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield ReadFailure(str(path), _os_reason(exc)), 0
        return
    if path.suffix.lower() == ".jsonl":
        items = _read_jsonl(path)
    else:
        reader = _read_txt if path.suffix.lower() == ".txt" else _read_json
        # Whole-file readers have read all of it before the first item.
        items = ((item, size) for item in reader(path))
    empty = True
    for item, offset in items:
        empty = False
        yield item, offset
    if empty:
        yield ReadFailure(str(path), "no articles in the file"), size


def _read_txt(path: Path) -> Iterator[ReadItem]:
    origin = str(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        yield ReadFailure(origin, _os_reason(exc))
        return
    except UnicodeDecodeError as exc:
        yield ReadFailure(origin, _decode_reason(exc))
        return
    lines = text.splitlines()
    # The seeds' layout: the first non-empty line is the title, the rest is the body.
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        yield ReadFailure(origin, "empty file: no title line")
        return
    body = "\n".join(lines[start + 1 :]).strip()
    if not body:
        yield ReadFailure(origin, "no body after the title line")
        return
    yield RawArticle(title=lines[start].strip(), body=body, origin=origin)


def _read_json(path: Path) -> Iterator[ReadItem]:
    origin = str(path)
    try:
        data = json.loads(_decode(path.read_bytes()))
    except OSError as exc:
        yield ReadFailure(origin, _os_reason(exc))
        return
    except UnicodeDecodeError as exc:
        yield ReadFailure(origin, _decode_reason(exc))
        return
    except json.JSONDecodeError as exc:
        yield ReadFailure(origin, f"invalid JSON: {exc}")
        return
    if isinstance(data, dict):
        yield _record_or_failure(data, origin)
    elif isinstance(data, list):
        for index, record in enumerate(data):
            yield _record_or_failure(record, f"{origin}[{index}]")
    else:
        yield ReadFailure(
            origin, f"expected a JSON object or a list of objects, found {_json_type(data)}"
        )


def _read_jsonl(path: Path) -> Iterator[tuple[ReadItem, int]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(str(path), _os_reason(exc)), 0
        return
    offset = 0
    with handle:
        # Binary lines, so that one undecodable line is reported alone and the rest still read.
        for number, raw_line in enumerate(handle, start=1):
            offset += len(raw_line)
            origin = f"{path}:{number}"
            try:
                line = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield ReadFailure(origin, _decode_reason(exc)), offset
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadFailure(origin, f"invalid JSON: {exc}"), offset
                continue
            yield _record_or_failure(record, origin), offset


def _record_or_failure(record: Any, origin: str) -> ReadItem:
    try:
        return record_to_article(record, origin)
    except RecordError as exc:
        return ReadFailure(origin, str(exc))


def record_to_article(record: Any, origin: str) -> RawArticle:
    """A JSON record (title, body or text; optional id, url, source, published_at) as an article.

    Raises `RecordError` naming the first field that is missing or of the wrong type.
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, found {_json_type(record)}")
    title = _optional_str(record, "title")
    if not title:
        raise RecordError("missing 'title'")
    body_key = "body" if record.get("body") is not None else "text"
    body = _optional_str(record, body_key)
    if not body:
        raise RecordError("missing 'body' (or 'text')")
    external_id = record.get("id")
    if external_id is not None and not (
        isinstance(external_id, str | int) and not isinstance(external_id, bool)
    ):
        raise RecordError(f"'id' must be a string or an integer, found {_json_type(external_id)}")
    return RawArticle(
        title=title,
        body=body,
        origin=origin,
        external_id=None if external_id is None else str(external_id).strip() or None,
        url=_optional_str(record, "url"),
        source=_optional_str(record, "source"),
        published_at=_parse_date(record.get("published_at")),
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{key!r} must be a string, found {_json_type(value)}")
    return value.strip() or None


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(f"'published_at' must be an ISO date string, found {_json_type(value)}")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # Timestamps ("2017-05-03T10:00:00Z") keep only their date.
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise RecordError(f"'published_at' is not an ISO date (YYYY-MM-DD): {value!r}") from None


def _decode(data: bytes) -> str:
    # utf-8-sig drops a byte order mark that some editors write.
    return data.decode("utf-8-sig")


def _decode_reason(exc: UnicodeDecodeError) -> str:
    byte = exc.object[exc.start : exc.start + 1].hex()
    return f"not UTF-8 text (byte 0x{byte} at offset {exc.start}); save the file as UTF-8"


def _os_reason(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"


def _json_type(value: Any) -> str:
    names: Sequence[tuple[type | tuple[type, ...], str]] = (
        (bool, "a boolean"),
        ((int, float), "a number"),
        (str, "a string"),
        (list, "a list"),
        (dict, "an object"),
    )
    if value is None:
        return "null"
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)
