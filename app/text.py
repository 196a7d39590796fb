"""Text keys used for matching: case-folded, without diacritics, white space collapsed."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Typographic apostrophes fold to the ASCII one: "Russia’s" and "Russia's" are the same name.
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Fold `text` for case- and accent-insensitive comparison ("  Ǵöteborg " -> "goteborg")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()
