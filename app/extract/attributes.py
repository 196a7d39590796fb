"""The pipeline's attribute ruler and rule lemmatizer, run once per distinct token and remembered.

In `en_core_web_sm` the two set each token's part of speech, morphology and lemma; together they
cost a fifth of a plain pass over news, and almost all of it goes to tokens seen many times. What
they set depends on the token alone (its text, tag and dependency label) except for a few ruler
rules over two tokens ("gon na", "let 's", an expletive subject before "is"). So the key of a
token is its text, tag and label, plus the two-token rules that match over it (found by a small
matcher of those rules alone). The first token with a new key goes through the real components,
in a small document holding it and the tokens of the matches over it; every later token with
that key gets the remembered values. The attributes are the same as the components' own (a test
compares them over real articles).
"""

from collections.abc import Callable
from typing import Any, cast

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

RULER, LEMMATIZER = "attribute_ruler", "lemmatizer"
# Components that may run before these without setting what they read besides text, tag and label.
_BEFORE = {"tok2vec", "tagger", "parser", "senter"}
_SEPARATOR = "\n\n"  # between the small documents' parts; no two-token rule can match it

Key = tuple[Any, ...]
Values = tuple[int, int, int, int, int]  # POS, MORPH, LEMMA, TAG, DEP


class TokenAttributes:
    """Callable on a tagged (and maybe parsed) `Doc`, as the ruler and lemmatizer in turn are."""

    def __init__(self, nlp: Language, limit: int = 300_000) -> None:
        ruler = cast(AttributeRuler, nlp.get_pipe(RULER))
        self._pipes: list[Callable[[Doc], Doc]] = [ruler, nlp.get_pipe(LEMMATIZER)]
        self._vocab = nlp.vocab
        self._pairs = Matcher(nlp.vocab)
        # The matcher runs only over a Doc holding a word or label that each two-token rule
        # needs somewhere (one of them per rule), or always if a rule has none to tell.
        self._needed: set[int] | None = set()
        for n, rule in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], rule["patterns"])
            if any(len(pattern) > 1 for pattern in patterns):
                self._pairs.add(f"rule{n}", patterns)
                for pattern in patterns:
                    needed = _needed_values(pattern)
                    if needed is None or self._needed is None:
                        self._needed = None
                    else:
                        self._needed |= {nlp.vocab.strings.add(v) for v in needed}
        self._separator = nlp.vocab.strings.add(_SEPARATOR)
        self._memo: dict[Key, Values] = {}
        self._limit = limit  # remembered keys; forgotten all at once beyond it

    @classmethod
    def for_pipeline(cls, nlp: Language) -> "TokenAttributes | None":
        """One for `nlp` when its ruler and lemmatizer are spaCy's, the lemmatizer reads rules or
        a lookup table, and nothing before them sets more than tags and labels; otherwise None."""
        names = nlp.pipe_names
        if RULER not in names or LEMMATIZER not in names:
            return None
        lemmatizer = nlp.get_pipe(LEMMATIZER)
        if (
            not isinstance(nlp.get_pipe(RULER), AttributeRuler)
            or type(lemmatizer).__call__ is not Lemmatizer.__call__
            or cast(Lemmatizer, lemmatizer).mode not in ("rule", "lookup")
            or names.index(LEMMATIZER) != names.index(RULER) + 1
            or not set(names[: names.index(RULER)]) <= _BEFORE
        ):
            return None
        return cls(nlp)

    def __len__(self) -> int:
        """The number of keys remembered."""
        return len(self._memo)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        array = cast(Any, doc.to_array([ORTH, TAG, DEP, LOWER]))
        columns = array[:, :3].tolist()
        covering: dict[int, list[tuple[int, int, int, int]]] = {}
        needed = self._needed
        if needed is None or not needed.isdisjoint(array[:, [2, 3]].ravel().tolist()):
            for match_id, start, end in cast(Any, self._pairs(doc, allow_missing=True)):
                for i in range(start, end):
                    covering.setdefault(i, []).append((match_id, i - start, start, end))
        memo = self._memo
        keys: list[Key] = []
        for i, row in enumerate(columns):
            matches = covering.get(i)
            key: Key = tuple(row)
            if matches is not None:
                key = (*key, tuple(sorted((m[0], m[1]) for m in matches)))
            keys.append(key)
        misses = self._misses(keys, covering)
        if misses:
            if len(memo) + len(misses) > self._limit:
                memo.clear()
                misses = self._misses(keys, covering)
            self._learn(array, misses)
        values = numpy.array([memo[key] for key in keys], dtype="uint64")
        doc.from_array([POS, MORPH, LEMMA], cast(Ints2d, values[:, :3]))
        # Tags and labels the ruler changed (whitespace tokens): few, set one by one.
        before = numpy.array(columns, dtype="uint64")[:, 1:]
        for i in numpy.flatnonzero((values[:, 3:] != before).any(axis=1)).tolist():
            doc[i].tag, doc[i].dep = int(values[i, 3]), int(values[i, 4])
        return doc

    def _misses(
        self, keys: list[Key], covering: dict[int, list[tuple[int, int, int, int]]]
    ) -> dict[Key, tuple[int, int, int]]:
        """Each key not remembered -> a token with it, and the part of the Doc it needs (its
        two-token matches)."""
        misses: dict[Key, tuple[int, int, int]] = {}
        for i, key in enumerate(keys):
            if key not in self._memo and key not in misses:
                matches = covering.get(i, [])
                start = min((m[2] for m in matches), default=i)
                end = max((m[3] for m in matches), default=i + 1)
                misses[key] = (i, start, end)
        return misses

    def _learn(self, array: Any, misses: dict[Key, tuple[int, int, int]]) -> None:
        """The real components over the tokens with new keys (rows of `array`: ORTH, TAG, DEP,
        LOWER), each with the tokens of the two-token matches over it, in one small Doc; a part
        holding a word or label some two-token rule needs is set off by blank lines, so that no
        rule matches across parts. Their values are remembered."""
        needed = self._needed
        rows: list[list[int]] = []
        targets: list[tuple[Key, int]] = []
        apart = False  # the part before is set off
        for key, (i, start, end) in misses.items():
            part = array[start:end].tolist()
            alone = needed is None or any(r[2] in needed or r[3] in needed for r in part)
            if rows and (alone or apart):
                rows.append([self._separator, 0, 0, self._separator])
            targets.append((key, len(rows) + i - start))
            rows.extend(part)
            apart = alone
        strings = self._vocab.strings
        small = Doc(self._vocab, words=[strings[r[0]] for r in rows], spaces=[False] * len(rows))
        for token, row in zip(small, rows, strict=True):
            token.tag = row[1]
            if row[2]:
                token.dep = row[2]
        for pipe in self._pipes:
            small = pipe(small)
        for key, at in targets:
            token = small[at]
            morph = cast(Any, token.morph).key  # the hash from_array takes; not in the stub
            self._memo[key] = (token.pos, morph, token.lemma, token.tag, token.dep)


def _needed_values(pattern: list[dict[str, Any]]) -> set[str] | None:
    """Words (LOWER) or labels (DEP) of which a Doc must hold one for `pattern` to match: those
    one of its tokens asks for by exact value or list, the fewest of them; None if no token
    does (a regular expression, say)."""
    best: set[str] | None = None
    for token in pattern:
        for attr in ("DEP", "LOWER"):
            spec = token.get(attr)
            values = {spec} if isinstance(spec, str) else None
            if isinstance(spec, dict) and set(spec) == {"IN"}:
                values = set(spec["IN"])
            if values is not None and (best is None or len(values) < len(best)):
                best = values
    return best
