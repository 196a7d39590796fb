"""PolNeAR speakers: the predicted speaker of each statement found, judged against the source
span its annotators marked. A named source ("Hillary Clinton", "The New York Post") is right
when the predicted speaker has its name (a word of the predicted name among the source's) or
the predicted mention is the source span; a pronoun ("he") or a description ("a source",
"aides to the senator") is right when the predicted mention is the source span."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.core.text import fold
from app.extract.lexicon import get_lexicon
from app.extract.types import StatementMention

SOURCE_KINDS = ("named", "pronoun", "described")
# Beyond the extractor's person and plural pronouns: the ones no speaker is resolved from.
_OTHER_PRONOUNS = {"it", "its", "we", "us", "i", "me", "you", "their", "who"}
_NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "some", "many", "several"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _pronouns() -> set[str]:
    lex = get_lexicon()
    return set(lex.person_pronouns) | lex.plural_pronouns | _OTHER_PRONOUNS


@dataclass(frozen=True, slots=True)
class GoldSource:
    text: str
    span: tuple[int, int] | None  # located in the cleaned body

    @property
    def kind(self) -> str:
        words = _WORD.findall(self.text)
        if len(words) == 1 and words[0].lower() in _pronouns():
            return "pronoun"
        if any(w[:1].isupper() and w.lower() not in _NOT_NAMES for w in words):
            return "named"
        return "described"


@dataclass
class SourceScores:
    """Right and judged speakers per kind of source."""

    right: Counter[str]
    judged: Counter[str]

    @classmethod
    def empty(cls) -> SourceScores:
        return cls(Counter(), Counter())

    def accuracy(self, kind: str) -> float:
        return self.right[kind] / self.judged[kind] if self.judged[kind] else 1.0

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {
            kind: {"accuracy": round(self.accuracy(kind), 4), "judged": self.judged[kind]}
            for kind in SOURCE_KINDS
            if self.judged[kind]
        }


def speaker_is_right(predicted: StatementMention, source: GoldSource) -> bool:
    """Whether the predicted speaker of a found statement is the annotated source."""
    mention = predicted.speaker_mention
    if (
        source.span is not None
        and mention is not None
        and min(mention.end, source.span[1]) > max(mention.start, source.span[0])
    ):
        return True
    if source.kind != "named" or not predicted.speaker:
        return False
    source_words = set(fold(source.text).replace("’s", "").replace("'s", "").split())
    return any(word in source_words for word in fold(predicted.speaker).split())
