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
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
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
        for n, rule in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], rule["patterns"])
            if any(len(pattern) > 1 for pattern in patterns):
                self._pairs.add(f"rule{n}", patterns)
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
        columns = cast(Any, doc.to_array([ORTH, TAG, DEP])).tolist()
        covering: dict[int, list[tuple[int, int, int, int]]] = {}
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
            self._learn(doc, misses)
        values = [memo[key] for key in keys]
        rows = numpy.array([v[:3] for v in values], dtype="uint64")
        doc.from_array([POS, MORPH, LEMMA], cast(Ints2d, rows))
        for token, (_pos, _morph, _lemma, tag, dep), (_orth, tag_before, dep_before) in zip(
            doc, values, columns, strict=True
        ):
            if tag != tag_before:
                token.tag = tag
            if dep != dep_before:
                token.dep = dep
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

    def _learn(self, doc: Doc, misses: dict[Key, tuple[int, int, int]]) -> None:
        """The real components over the tokens with new keys, each with the tokens of the
        two-token matches over it, parts separated by a blank line; their values remembered."""
        words: list[str] = []
        tags: list[int] = []
        deps: list[int] = []
        targets: list[tuple[Key, int]] = []
        for key, (i, start, end) in misses.items():
            if words:
                words.append(_SEPARATOR)
                tags.append(0)
                deps.append(0)
            targets.append((key, len(words) + i - start))
            for token in doc[start:end]:
                words.append(token.text)
                tags.append(token.tag)
                deps.append(token.dep)
        small = Doc(self._vocab, words=words, spaces=[False] * len(words))
        for token, tag, dep in zip(small, tags, deps, strict=True):
            token.tag = tag
            if dep:
                token.dep = dep
        for pipe in self._pipes:
            small = pipe(small)
        for key, at in targets:
            token = small[at]
            morph = cast(Any, token.morph).key  # the hash from_array takes; not in the stub
            self._memo[key] = (token.pos, morph, token.lemma, token.tag, token.dep)
