"""The reader of each input format: .txt (title line, then body), .json (an object or a list of
them), .jsonl (one object a line, streamed). Sizes are bounded so that one huge input costs time
and memory in proportion to the limit, not to the file.
"""

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from app.ingest.decode import DecodeError, decode_text
from app.ingest.raw import MAX_ARTICLE_CHARS, RawArticle, ReadFailure, ReadItem, too_long
from app.ingest.records import json_type, record_or_failure

# A .txt file holds one article: at most 4 bytes a character, so larger files are refused unread.
MAX_TXT_BYTES = 4 * MAX_ARTICLE_CHARS
# A .json file is parsed whole; larger collections belong in JSON Lines, which is streamed.
MAX_JSON_BYTES = 100_000_000
# One JSON Lines record (escapes such as \u00e9 take up to 6 bytes a character).
MAX_JSONL_LINE_BYTES = 8 * MAX_ARTICLE_CHARS


def read_txt(path: Path) -> Iterator[ReadItem]:
    """The one article of a .txt file: its first non-empty line is the title, the rest the body."""
    return _read_whole(path, _txt_article)


def read_json(path: Path) -> Iterator[ReadItem]:
    """The articles of a .json file: one object, or each object of a list."""
    return _read_whole(path, _json_articles)


def _txt_article(origin: str, text: str, warning: str | None) -> Iterator[ReadItem]:
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
    if reason := too_long(title, body):
        yield ReadFailure(origin, reason)
        return
    yield RawArticle(title=title, body=body, origin=origin, warning=warning)


def _json_articles(origin: str, text: str, warning: str | None) -> Iterator[ReadItem]:
    data = _parse_json(text, origin)
    if isinstance(data, ReadFailure):
        yield data
    elif isinstance(data, dict):
        yield record_or_failure(data, origin, warning)
    elif isinstance(data, list):
        for index, record in enumerate(data):
            yield record_or_failure(record, f"{origin}[{index}]", warning)
    else:
        yield ReadFailure(
            origin, f"expected a JSON object or a list of objects, found {json_type(data)}"
        )


def read_jsonl(path: Path) -> Iterator[tuple[ReadItem, int]]:
    """The articles of a .jsonl file, one a line, each with how far into the file it ends."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(str(path), os_reason(exc)), 0
        return
    offset = 0
    with handle:
        # Binary lines, so that one undecodable line is reported alone and the rest still read.
        for number, (raw_line, length) in enumerate(_bounded_lines(handle), start=1):
            offset += length
            origin = f"{path}:{number}"
            if length > MAX_JSONL_LINE_BYTES:
                reason = f"line too long: {mb(length)} (the limit is {mb(MAX_JSONL_LINE_BYTES)})"
                yield ReadFailure(origin, reason), offset
                continue
            try:
                line, warning = decode_text(raw_line)
            except DecodeError as exc:
                yield ReadFailure(origin, str(exc)), offset
                continue
            if not line.strip():
                continue
            record = _parse_json(line, origin)
            if isinstance(record, ReadFailure):
                yield record, offset
                continue
            yield record_or_failure(record, origin, warning), offset


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


def _read_whole(
    path: Path, parse: Callable[[str, str, str | None], Iterator[ReadItem]]
) -> Iterator[ReadItem]:
    """The items `parse` finds in the whole file's text (given its origin, the text and the
    encoding warning), or why the file cannot be read as text."""
    origin = str(path)
    try:
        text, warning = decode_text(path.read_bytes())
    except OSError as exc:
        yield ReadFailure(origin, os_reason(exc))
        return
    except DecodeError as exc:
        yield ReadFailure(origin, str(exc))
        return
    yield from parse(origin, text, warning)


def _parse_json(text: str, origin: str) -> Any:
    """The JSON value of `text`, or a `ReadFailure` saying why it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadFailure(origin, f"invalid JSON: {exc}")
    except RecursionError:
        return ReadFailure(origin, "invalid JSON: nested too deeply")


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def os_reason(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"
