"""Input files to `RawArticle`s: the files under the paths given, each read by its format.

Every problem becomes a `ReadFailure` naming the file (and line or record) and the reason, so one
bad input never stops the others. Text is UTF-8, or Windows-1252 with a warning (app.ingest.decode);
sizes are bounded (app.ingest.formats).
"""

from collections.abc import Iterable, Iterator
from pathlib import Path

from app.ingest.formats import (
    MAX_JSON_BYTES,
    MAX_TXT_BYTES,
    mb,
    os_reason,
    read_json,
    read_jsonl,
    read_txt,
)
from app.ingest.raw import ReadFailure, ReadItem
from app.ingest.records import RecordError as RecordError  # the HTTP routes import it from here

SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl")


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
        yield ReadFailure(str(path), os_reason(exc)), 0
        return
    limit = {".txt": MAX_TXT_BYTES, ".json": MAX_JSON_BYTES}.get(path.suffix.lower())
    if limit is not None and size > limit:
        reason = f"file too large: {mb(size)} (the limit is {mb(limit)})"
        yield ReadFailure(str(path), reason), size
        return
    if path.suffix.lower() == ".jsonl":
        items = read_jsonl(path)
    else:
        reader = read_txt if path.suffix.lower() == ".txt" else read_json
        # Whole-file readers have read all of it before the first item.
        items = ((item, size) for item in reader(path))
    empty = True
    for item, offset in items:
        empty = False
        yield item, offset
    if empty:
        yield ReadFailure(str(path), "no articles in the file"), size
