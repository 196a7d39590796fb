"""Input files to `RawArticle`s: .txt (title line, then body), .json (object or list), .jsonl.

Every problem becomes a `ReadFailure` naming the file (and line or record) and the reason, so one
bad input never stops the others. JSON Lines are streamed line by line.

Text is UTF-8 (a byte order mark is dropped); text that is not UTF-8 but decodes as Windows-1252
(a superset of Latin-1's printable characters) is read with a warning on the article. Files with
NUL bytes are binary, not text, and are reported. Sizes are bounded so that one huge input costs
time and memory in proportion to the limit, not to the file: see the MAX_* constants.
"""

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl")

# An article's title plus body, in characters: spaCy's own default limit (nlp.max_length).
MAX_ARTICLE_CHARS = 1_000_000
# A .txt file holds one article: at most 4 bytes a character, so larger files are refused unread.
MAX_TXT_BYTES = 4 * MAX_ARTICLE_CHARS
# A .json file is parsed whole; larger collections belong in JSON Lines, which is streamed.
MAX_JSON_BYTES = 100_000_000
# One JSON Lines record (escapes such as \u00e9 take up to 6 bytes a character).
MAX_JSONL_LINE_BYTES = 8 * MAX_ARTICLE_CHARS
# Column sizes of the optional fields (app.core.models.Article).
MAX_FIELD_CHARS = {"id": 500, "url": 2000, "source": 200}


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
    warning: str | None = None  # read, but with a caveat worth reporting (e.g. the encoding)


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
    limit = {".txt": MAX_TXT_BYTES, ".json": MAX_JSON_BYTES}.get(path.suffix.lower())
    if limit is not None and size > limit:
        reason = f"file too large: {_mb(size)} (the limit is {_mb(limit)})"
        yield ReadFailure(str(path), reason), size
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
        text, warning = decode_text(path.read_bytes())
    except OSError as exc:
        yield ReadFailure(origin, _os_reason(exc))
        return
    except DecodeError as exc:
        yield ReadFailure(origin, str(exc))
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
    title = lines[start].strip()
    if too_long := _too_long(title, body):
        yield ReadFailure(origin, too_long)
        return
    yield RawArticle(title=title, body=body, origin=origin, warning=warning)


def _read_json(path: Path) -> Iterator[ReadItem]:
    origin = str(path)
    try:
        text, warning = decode_text(path.read_bytes())
        data = json.loads(text)
    except OSError as exc:
        yield ReadFailure(origin, _os_reason(exc))
        return
    except DecodeError as exc:
        yield ReadFailure(origin, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield ReadFailure(origin, f"invalid JSON: {exc}")
        return
    except RecursionError:
        yield ReadFailure(origin, "invalid JSON: nested too deeply")
        return
    if isinstance(data, dict):
        yield _record_or_failure(data, origin, warning)
    elif isinstance(data, list):
        for index, record in enumerate(data):
            yield _record_or_failure(record, f"{origin}[{index}]", warning)
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
        for number, (raw_line, length) in enumerate(_bounded_lines(handle), start=1):
            offset += length
            origin = f"{path}:{number}"
            if length > MAX_JSONL_LINE_BYTES:
                reason = f"line too long: {_mb(length)} (the limit is {_mb(MAX_JSONL_LINE_BYTES)})"
                yield ReadFailure(origin, reason), offset
                continue
            try:
                line, warning = decode_text(raw_line)
            except DecodeError as exc:
                yield ReadFailure(origin, str(exc)), offset
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadFailure(origin, f"invalid JSON: {exc}"), offset
                continue
            except RecursionError:
                yield ReadFailure(origin, "invalid JSON: nested too deeply"), offset
                continue
            yield _record_or_failure(record, origin, warning), offset


def _bounded_lines(handle: BinaryIO) -> Iterator[tuple[bytes, int]]:
    """Each line with its length in bytes; of a line longer than the limit only the length is
    kept (b"" for the text), so one giant line never sits in memory whole."""
    chunk = MAX_JSONL_LINE_BYTES + 1
    while line := handle.readline(chunk):
        length = len(line)
        if length < chunk or line.endswith(b"\n"):
            yield line, length
            continue
        while not line.endswith(b"\n"):  # the rest of an overlong line, read and dropped
            line = handle.readline(chunk)
            if not line:
                break
            length += len(line)
        yield b"", length


def _record_or_failure(record: Any, origin: str, warning: str | None = None) -> ReadItem:
    try:
        article = record_to_article(record, origin)
    except RecordError as exc:
        return ReadFailure(origin, str(exc))
    return replace(article, warning=warning) if warning else article


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
    if too_long := _too_long(title, body):
        raise RecordError(too_long)
    external_id = record.get("id")
    if external_id is not None and not (
        isinstance(external_id, str | int) and not isinstance(external_id, bool)
    ):
        raise RecordError(f"'id' must be a string or an integer, found {_json_type(external_id)}")
    external = None if external_id is None else str(external_id).strip() or None
    if external is not None and "\x00" in external:
        raise RecordError("'id' contains a NUL character")
    url = _optional_str(record, "url")
    source = _optional_str(record, "source")
    for key, value in (("id", external), ("url", url), ("source", source)):
        if value is not None and len(value) > MAX_FIELD_CHARS[key]:
            raise RecordError(f"{key!r} is longer than {MAX_FIELD_CHARS[key]} characters")
    return RawArticle(
        title=title,
        body=body,
        origin=origin,
        external_id=external,
        url=url,
        source=source,
        published_at=_parse_date(record.get("published_at")),
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{key!r} must be a string, found {_json_type(value)}")
    if "\x00" in value:  # a \u0000 escape: no text column takes it
        raise RecordError(f"{key!r} contains a NUL character")
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


class DecodeError(ValueError):
    """Bytes that are not text in an encoding we read."""


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of `data` and a warning when it was not UTF-8.

    UTF-8 first (utf-8-sig drops a byte order mark that some editors write); failing that,
    Windows-1252, which reads Latin-1 text the same (its 0x80-0x9F are curly quotes and dashes
    where Latin-1 has unused control codes). NUL bytes mean a binary file (or UTF-16): reported.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(
            f"binary data, not text (NUL byte at offset {nul}); save the file as UTF-8 text"
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        byte = utf8_error.object[utf8_error.start : utf8_error.start + 1].hex()
        raise DecodeError(
            f"not UTF-8 text (byte 0x{byte} at offset {utf8_error.start}) nor Windows-1252; "
            "save the file as UTF-8"
        ) from None
    byte = utf8_error.object[utf8_error.start : utf8_error.start + 1].hex()
    return text, (
        f"not UTF-8 (byte 0x{byte} at offset {utf8_error.start}): read as Windows-1252/Latin-1"
    )


def _too_long(title: str, body: str) -> str | None:
    length = len(title) + len(body)
    if length <= MAX_ARTICLE_CHARS:
        return None
    return f"article too long: {length:,} characters (the limit is {MAX_ARTICLE_CHARS:,})"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


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
