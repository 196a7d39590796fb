"""An acronym and the name it shortens: 'RIMPAC' of 'Rim of the Pacific', 'CARAT' of
'Cooperation Afloat Readiness and Training', 'IMX' of 'International Maritime Exercise'.

Each word of the name gives the acronym the start of the word, in order ('RIM' + 'PAC'); a
linking word ('of', 'the', 'and') may give nothing, an exercise word may give 'X', and the last
word may close with its plural 's' ('BALTOPS' of 'Baltic Operations').
"""

import re
from functools import lru_cache

from app.extract.exercises.patterns import NAME

_LINKS = frozenset({"of", "the", "and", "for", "de", "del", "la"})
_EXERCISE_LETTERS = {"exercise": "x", "exercises": "x"}
_EXPANSION = re.compile(rf"(?<![\w-])(?P<name>{NAME})(?:[ ]+(?P<word>Exercises?))?(?![\w-])")
_MIN_LETTERS = 3
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*[A-Z](?![\w-])")


def is_acronym(form: str) -> bool:
    """One word of at least three letters, all capitals: 'RIMPAC', 'IMX'."""
    letters = [c for c in form if c.isalpha()]
    return " " not in form and len(letters) >= _MIN_LETTERS and all(c.isupper() for c in letters)


def shortens(acronym: str, name: str) -> bool:
    """Whether `acronym` (one capitalised word) is made of the starts of `name`'s words."""
    words = name.lower().split()
    if not is_acronym(acronym) or len(words) < 2 or words[0] in _LINKS:
        return False
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    if letters[0] != words[0][0]:
        return False
    return _spells(letters, tuple(words))


@lru_cache(maxsize=4096)
def _spells(letters: str, words: tuple[str, ...]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in _LINKS and _spells(letters, rest):
        return True
    if word in _EXERCISE_LETTERS and letters[:1] == "x" and _spells(letters[1:], rest):
        return True
    for size in range(1, min(len(word), len(letters)) + 1):
        if letters[:size] != word[:size]:
            break
        if _spells(letters[size:], rest):
            return True
        if not rest and letters[size:] == "s" and word.endswith("s"):
            return True  # 'BALTOPS' of 'Baltic Operations'
    return False


def expansion_in(text: str, acronym: str) -> str | None:
    """The first capitalised name in `text` that `acronym` shortens, with an exercise word
    it ends with ('International Maritime Exercise'); None if the text spells none."""
    for match in _EXPANSION.finditer(text):
        words = match.group(0).split()
        # the name may start later in the run ('Navy-led International Maritime Exercise')
        for start in range(len(words) - 1):
            candidate = " ".join(words[start:])
            if candidate[:1].lower() == acronym[:1].lower() and shortens(acronym, candidate):
                return candidate
    return None


def acronyms_in(text: str) -> list[str]:
    """The one-word capitals ('RIMPAC') written in `text`, each once, in text order."""
    return [a for a in dict.fromkeys(_ACRONYM.findall(text)) if is_acronym(a)]
