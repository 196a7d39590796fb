"""Locating gold text in a cleaned body, ignoring case, white space and quote marks: gold texts
carry no offsets."""

import re

QUOTE_CHARS = set("\"'“”„‟«»‘’‚‛`")


class TextIndex:
    """A body folded for matching (case, white space and quote marks ignored), mapped back."""

    def __init__(self, body: str) -> None:
        chars: list[str] = []
        positions: list[int] = []
        for i, ch in enumerate(body):
            if ch in QUOTE_CHARS:
                continue
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch.casefold() if len(ch.casefold()) == 1 else ch)
            positions.append(i)
        self.folded = "".join(chars)
        self.positions = positions

    @staticmethod
    def fold_needle(text: str) -> str:
        kept = "".join(" " if c.isspace() else c for c in text if c not in QUOTE_CHARS)
        folded = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in kept)
        return re.sub(r" +", " ", folded).strip(" .,;:-–—")

    def locate(self, text: str, near: int | None = None) -> tuple[int, int] | None:
        """Body offsets of `text`, the occurrence nearest `near` when it occurs more than once."""
        needle = self.fold_needle(text)
        if not needle:
            return None
        hits = [m.start() for m in re.finditer(re.escape(needle), self.folded)]
        if not hits:
            return None
        if near is not None:
            hits.sort(key=lambda h: abs(self.positions[h] - near))
        first = hits[0]
        last = first + len(needle) - 1
        return self.positions[first], self.positions[last] + 1
