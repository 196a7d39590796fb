"""Cleaning: boilerplate lines out, a trailing "Translated from X" line and agency phrases noted."""

import re

from app.extract.lexicon import get_lexicon
from app.extract.types import CleanArticle

_BLANK_RUN = re.compile(r"\n{3,}")


def clean_article(title: str, body: str) -> CleanArticle:
    """Remove boilerplate from `body`, normalise paragraph breaks and note the agencies named."""
    lex = get_lexicon()
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    kept = [line for line in lines if not any(p.search(line) for p in lex.drop_line)]

    translated_from: str | None = None
    while kept and not kept[-1].strip():
        kept.pop()
    if kept:
        match = lex.translated_from.match(kept[-1])
        if match:
            translated_from = match.group("source").strip()
            kept.pop()

    cleaned = _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip()
    return CleanArticle(
        title=title.strip(),
        body=cleaned,
        source=_find_source(cleaned),
        translated_from=translated_from,
    )


def _find_source(body: str) -> str | None:
    for pattern in get_lexicon().agency:
        match = pattern.search(body)
        if match:
            return match.group("source").strip().rstrip(".")
    return None
