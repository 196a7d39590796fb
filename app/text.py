"""Text keys used for matching: case-folded, without diacritics, white space collapsed."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold `text` for case- and accent-insensitive comparison ("  Ǵöteborg " -> "goteborg")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()
