"""Text keys used for matching: case-folded, without diacritics, white space collapsed."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Typographic apostrophes fold to the ASCII one: "Russia’s" and "Russia's" are the same name.
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Fold `text` for case- and accent-insensitive comparison ("  Ǵöteborg " -> "goteborg")."""
    # ASCII text has no apostrophe to map, nothing to decompose and no combining mark: most
    # names and articles skip those steps (and the generator over every character).
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        if not text.isascii():
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text.casefold()).strip()
