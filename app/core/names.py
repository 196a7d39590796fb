"""Person names split for matching across articles: given names, surname, compatibility.

Works on folded keys (`app.core.text.fold`): "Jack Straw" -> given ("jack",), surname "straw".
Two names of one person are *compatible* when their surnames agree and their given names do
not contradict each other: "Jack Straw" ~ "J. Straw" ~ "Straw"; "George W. Bush" ~ "George
Bush"; but not "Hillary Clinton" ~ "Bill Clinton", nor "George H. W. Bush" ~ "George W. Bush".
"""

from dataclasses import dataclass

from app.core.text import fold

# Name particles that belong to the surname ("Jaap de Hoop Scheffer", "Ursula von der Leyen").
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn", "la", "le",
     "van", "von"}
)  # fmt: skip


def surname_key(name: str) -> str | None:
    """The folded last word of a person's name, the column that indexes surname lookups."""
    words = fold(name).replace(".", " ").split()
    return words[-1][:100] if words else None


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]
    surname: tuple[str, ...]

    @classmethod
    def parse(cls, name: str) -> "PersonName":
        words = [word for word in fold(name).replace(".", ". ").split() if word != "."]
        words = [word.rstrip(".") for word in words]
        words = [word for word in words if word]
        if not words:
            return cls((), ())
        # The surname is the last word, or starts at the first particle ("de Hoop Scheffer").
        start = next((i for i, word in enumerate(words[:-1]) if word in _PARTICLES), len(words) - 1)
        return cls(tuple(words[:start]), tuple(words[start:]))

    @property
    def has_given_name(self) -> bool:
        return bool(self.given)

    def compatible(self, other: "PersonName") -> bool:
        """Same surname, and given names that agree word by word (an initial matches a name)."""
        if not self.surname or self.surname[-1] != other.surname[-1]:
            return False
        if self.surname != other.surname and not _tail(self.surname, other.surname):
            return False
        if not self.given or not other.given:
            return True
        if not _same_word(self.given[0], other.given[0]):
            return False
        middle, other_middle = self.given[1:], other.given[1:]
        if not middle or not other_middle:
            return True
        return len(middle) == len(other_middle) and all(
            _same_word(a, b) for a, b in zip(middle, other_middle, strict=True)
        )


def _tail(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One surname is the end of the other ("scheffer" of "de hoop scheffer")."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[len(longer) - len(shorter) :] == shorter


def _same_word(a: str, b: str) -> bool:
    """Equal words, or an initial and a word it starts ("j" ~ "jack")."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return False
