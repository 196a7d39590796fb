"""The article as every exercise stage reads it: its text, sentences, countries and word lists."""

import re
from dataclasses import dataclass

from app.extract.countries import CountryHit
from app.extract.exercises.lexicon import Lexicon, lexicon

_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Adm|Sgt|Capt|Cmdr|Cpl|Pvt|Brig|Rep|Sen|Gov|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Corp|Inc|Ltd|vs|etc|approx)|\.\w+)\.$"
)
_TOKEN = re.compile(r"[\w’'.&-]+|[^\s\w]")


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    countries: list[CountryHit]  # find_countries(text), in text order
    spans: list[tuple[int, int]]  # split_sentences(text): (start, end) of each sentence
    lexicon: Lexicon

    def sentence(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]

    def sentence_of(self, position: int) -> int:
        """The index of the last sentence that starts at or before `position`."""
        lo, hi = 0, len(self.spans) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.spans[mid][0] <= position:
                lo = mid
            else:
                hi = mid - 1
        return lo


def read_article(text: str, countries: list[CountryHit]) -> Article:
    return Article(text, countries, split_sentences(text), lexicon())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: every line break ends one, as does . ! ? before a capital or quote."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n+|[.!?][”\"’'»]?(?=\s+[A-Z“\"‘'(«])", text):
        end = match.end() if match.group(0)[0] != "\n" else match.start()
        if match.group(0)[0] != "\n" and _ABBREVIATION.search(text[max(0, end - 12) : end]):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def tokens(text: str) -> list[str]:
    """Words (with inner dots, apostrophes and hyphens) and single punctuation marks."""
    return _TOKEN.findall(text)
