"""Who said it: the cue and speaker phrase next to a quote, and the phrase resolved to an actor
(names, surnames, pronouns, role nouns such as "the minister", organisations)."""

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.actors import ActorRegistry, Organization, Person, clean_org_name
from app.extract.lexicon import get_lexicon
from app.extract.quotes import QuoteSpan

Speaker = Person | Organization

_ATTRIBUTION_MAX = 12
_STOP_AFTER_NAME = {
    "on", "during", "at", "after", "before", "while", "when", "yesterday", "today", "last",
    "this", "as", "in", "from", "to", "earlier", "later", "recently", "told",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
_DASHES = {"-", "–", "—", "--"}


@dataclass(slots=True)
class Attribution:
    cue: str | None
    phrase: list[Token]  # the words naming the speaker ("the Kazakh Defence Minister")
    trailing: bool  # the attribution follows the quote


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if start <= t.idx < end and not t.is_space]


def is_cue(token: Token, verbs: frozenset[str]) -> bool:
    if token.lower_ in ("said", "says", "told", "added", "noted", "stated"):
        return True
    return token.lemma_.lower() in verbs and token.tag_.startswith("VB")


def cue_text(token: Token) -> str:
    """The cue as written; "was quoted as saying" keeps its whole phrase."""
    doc = token.doc
    if token.lower_ == "saying" and token.i >= 2 and doc[token.i - 1].lower_ == "as":
        first = token.i - 2
        if first > 0 and doc[first - 1].lower_ in ("was", "were", "is", "been"):
            first -= 1
        return doc[first : token.i + 1].text
    return token.text


def find_attribution(doc: Doc, quote: QuoteSpan, limit: int, lead_start: int) -> Attribution | None:
    """The cue and speaker of a quote: after it up to `limit`, or before it from `lead_start`."""
    lex = get_lexicon()
    after = tokens_in(doc, quote.outer_end, limit)
    cut = next((k for k, t in enumerate(after) if t.text in (".", "!", "?", ";")), len(after))
    after = after[:cut]
    while after and (after[0].is_punct or after[0].text in _DASHES):
        after = after[1:]
    for k, tok in enumerate(after[:_ATTRIBUTION_MAX]):
        if not is_cue(tok, lex.direct_verbs):
            continue
        before = [t for t in after[:k] if t.lower_ not in ("has", "had", "have", "was", "is")]
        if before and not any(t.text == "," for t in before[:1]):
            phrase = _cut_appositive(before)
            return Attribution(cue_text(tok), phrase, True)
        return Attribution(cue_text(tok), _phrase_after(after[k + 1 :]), True)
    if (
        after
        and doc[after[0].i - 1].text in _DASHES | {","}
        and any(t.pos_ == "PROPN" for t in after[:6])
    ):
        # "..." - Minister John Smith
        return Attribution(None, _phrase_after(after), True)
    if quote.missing_open:
        return None
    lead = tokens_in(doc, lead_start, quote.outer_start)
    for k in range(len(lead) - 1, -1, -1):
        tok = lead[k]
        if not is_cue(tok, lex.direct_verbs):
            continue
        subject = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject and subject[0].i >= lead[0].i:
            words = [t for t in subject[0].subtree if t.i < tok.i]
            return Attribution(cue_text(tok), _cut_appositive(words), False)
        before = [t for t in lead[:k] if not t.is_punct]
        if before:
            return Attribution(cue_text(tok), _cut_appositive(before), False)
        return Attribution(cue_text(tok), _phrase_after(lead[k + 1 :]), False)
    return None


def _cut_appositive(words: list[Token]) -> list[Token]:
    """`John Smith, who leads the unit,` -> `John Smith`; `Smith, a spokesman,` -> `Smith`."""
    words = [t for t in words if t.text not in _DASHES]
    for k, tok in enumerate(words):
        if tok.text == "," and k > 0:
            return words[:k]
    return words


def _phrase_after(words: list[Token]) -> list[Token]:
    phrase: list[Token] = []
    for tok in words:
        if tok.text in (",", ".", ";", ":", "(", ")") or tok.lower_ in _STOP_AFTER_NAME and phrase:
            break
        if tok.text in _DASHES and not phrase:
            continue
        phrase.append(tok)
    return phrase


def sentence_start(text: str, floor: int, position: int) -> int:
    """The start of the sentence holding `position`, not before `floor`."""
    start = floor
    for m in _SENTENCE_END.finditer(text, floor, position):
        start = m.end()
    return start


class SpeakerResolver:
    """Resolves speaker phrases to the people and organisations of one article."""

    def __init__(self, registry: ActorRegistry, quotes: list[tuple[int, int]]) -> None:
        self.registry = registry
        self.quotes = quotes

    def resolve(self, phrase: list[Token], position: int) -> Speaker | None:
        lex = get_lexicon()
        words = [t for t in phrase if not t.is_punct or t.text == "."]
        if not words:
            return None
        lows = [t.lower_ for t in words]
        if len(words) == 1 and lows[0] in lex.person_pronouns:
            return self._pronoun(lex.person_pronouns[lows[0]], position)
        if lows[0] in lex.plural_pronouns or lows[0] in ("it", "i", "we", "you"):
            return None
        person = self._named_person(words)
        if person is not None:
            return person
        org = self._named_org(words, position)
        if org is not None:
            return org
        head = words[-1].lower_
        if head in lex.unnamed_heads:
            return self._role(words, position) if head not in ("officials", "sources") else None
        role = self._role(words, position)
        if role is not None:
            return role
        return self._new_name(words)

    def _pronoun(self, gender: str, position: int) -> Person | None:
        for person in self.registry.persons_before(position, self.quotes):
            if person.gender in (None, gender):
                person.gender = gender
                return person
        return None

    def _named_person(self, words: list[Token]) -> Person | None:
        doc = words[0].doc
        start, end = words[0].i, words[-1].i + 1
        for ent in doc.ents:
            if ent.label_ == "PERSON" and start <= ent.start and ent.end <= end:
                found = self.registry.add_person_span(ent)
                if found is not None:
                    return found
        text = " ".join(t.text for t in words)
        for person in self.registry.persons:
            for form in (person.name, person.surname):
                if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                    return person
        return None

    def _named_org(self, words: list[Token], position: int) -> Organization | None:
        lex = get_lexicon()
        doc = words[0].doc
        text = doc[words[0].i : words[-1].i + 1].text
        phrase = clean_org_name(text)
        low = phrase.lower()
        head = words[-1].lower_
        if "the " + low in lex.generic_short_forms or low in lex.generic_short_forms:
            return self.registry.recent_org_with(head, position)
        found = [
            o for o in self.registry.orgs
            if any(
                re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", phrase, re.IGNORECASE)
                for f in [o.name, *o.aliases]
            )
        ]  # fmt: skip
        heads = [t for t in words if t.lower_ in lex.speaking_org_heads]
        if heads and not any(t.lower_ in lex.role_nouns for t in words):
            if found and found[0].name.lower() == low:
                return found[0]
            # "Russia's embassy in Norway": the phrase is the organisation's name here
            start = words[0].i + (1 if words[0].lower_ in ("the", "a", "an") else 0)
            span = (doc[start].idx, words[-1].idx + len(words[-1].text))
            return self.registry.add_org(phrase, span)
        if found and not any(t.lower_ in lex.role_nouns for t in words):
            return found[-1]
        return None

    def _role(self, words: list[Token], position: int) -> Person | None:
        lex = get_lexicon()
        roles = [t.lower_ for t in words if t.lower_ in lex.role_nouns]
        if not roles:
            return None
        head = roles[-1]
        wanted = lex.role_synonyms.get(head, [head])
        modifiers = [t.lower_ for t in words if t.lower_ not in ("the", "a", "an")]
        best: tuple[int, int, Person] | None = None
        for person in self.registry.persons:
            title = (person.title or "").lower()
            if not any(w in title for w in wanted):
                continue
            starts = [s for s, _ in person.mentions if s < position]
            if not starts:
                continue
            overlap = sum(1 for m in modifiers if m in title)
            key = (overlap, max(starts))
            if best is None or key > best[:2]:
                best = (key[0], key[1], person)
        return best[2] if best else None

    def _new_name(self, words: list[Token]) -> Person | None:
        propn = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if len(propn) < 2 or len(propn) != len(words):
            return None
        doc = words[0].doc
        return self.registry.add_person_span(doc[propn[0].i : propn[-1].i + 1])
