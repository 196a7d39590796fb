"""What the readers give: a `RawArticle` as read, or a `ReadFailure` naming where and why; and
the bound on an article's size that every input format applies."""

from dataclasses import dataclass
from datetime import date

# An article's title plus body, in characters: spaCy's own default limit (nlp.max_length).
MAX_ARTICLE_CHARS = 1_000_000


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


def too_long(title: str, body: str) -> str | None:
    """Why an article of this title and body is refused, or None when it is within the bound."""
    length = len(title) + len(body)
    if length <= MAX_ARTICLE_CHARS:
        return None
    return f"article too long: {length:,} characters (the limit is {MAX_ARTICLE_CHARS:,})"
