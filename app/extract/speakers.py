"""Who said it: the cue and speaker phrase next to a quote, and the phrase resolved to an actor
(names, surnames, pronouns, role nouns such as "the minister", organisations)."""

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.actors import ActorRegistry, Organization, Person, clean_org_name
from app.extract.lexicon import get_lexicon
from app.extract.quotes.clauses import is_name_word
from app.extract.quotes.marks import QuoteSpan

Speaker = Person | Organization

_ATTRIBUTION_MAX = 30
_STOP_AFTER_NAME = {
    "on", "during", "at", "after", "before", "while", "when", "yesterday", "today", "last",
    "this", "as", "in", "from", "to", "earlier", "later", "recently", "told",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
_DASHES = {"-", "–", "—", "―", "‒", "--"}  # hyphen, en, em, horizontal bar, figure
_KEEP_PUNCT = {".", ","} | _DASHES


@dataclass(slots=True)
class Attribution:
    cue: str | None
    phrase: list[Token]  # the words naming the speaker ("the Chilean Defence Minister")


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens starting at characters start..end-1, found by bisection (tokens are in text
    order), so that many quotes in a long article cost no scan of the whole article each."""
    first = bisect_left(doc, start, key=_idx)
    last = bisect_left(doc, end, lo=first, key=_idx)
    return [t for t in doc[first:last] if not t.is_space]


def _idx(token: Token) -> int:
    return token.idx


def is_cue(token: Token, verbs: frozenset[str]) -> bool:
    if is_name_word(token):
        return False
    if token.lower_ in get_lexicon().always_cues:
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
    cut = next((k for k, t in enumerate(after) if _ends_sentence(t)), len(after))
    after = after[:cut]
    while after and (after[0].is_punct or after[0].text in _DASHES):
        after = after[1:]
    relative = False  # inside ", who ...," where other verbs are fine
    for k, tok in enumerate(after[:_ATTRIBUTION_MAX]):
        if tok.lower_ in ("who", "which"):
            relative = True
        elif tok.text == ",":
            relative = False
        if not is_cue(tok, lex.direct_verbs):
            if tok.tag_ in ("VBD", "VBZ", "VBP", "MD") and tok.pos_ != "AUX" and not relative:
                break
            continue
        if k + 1 < len(after) and after[k + 1].text == ":":
            break  # `He added: "..."` leads in the next quote; it does not close this one
        before = [t for t in after[:k] if t.lower_ not in ("has", "had", "have", "was", "is")]
        if before and not any(t.text == "," for t in before[:1]):
            return Attribution(cue_text(tok), _drop_dashes(before))
        return Attribution(cue_text(tok), _phrase_after(after[k + 1 :]))
    if len(after) > 2 and after[0].lower_ == "according" and after[1].lower_ == "to":
        return Attribution("according to", _phrase_after(after[2:]))
    if (
        after
        and doc[after[0].i - 1].text in _DASHES | {","}
        and any(t.pos_ == "PROPN" for t in after[:6])
    ):
        # "..." - Minister John Smith
        return Attribution(None, _phrase_after(after))
    if quote.missing_open:
        return None
    lead = tokens_in(doc, lead_start, quote.outer_start)
    for k in range(len(lead) - 1, -1, -1):
        tok = lead[k]
        if not is_cue(tok, lex.direct_verbs):
            continue
        subject = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject and subject[0].lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            head = tok.head  # "Lima, which described ..."
            words = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]
            return Attribution(cue_text(tok), _drop_dashes(words))
        if subject and subject[0].left_edge.i >= lead[0].i:
            words = [t for t in lead[:k] if t.i >= subject[0].left_edge.i]
            return Attribution(cue_text(tok), _drop_dashes(words))
        before = [t for t in lead[:k] if not t.is_punct or t.text == ","]
        if before:
            return Attribution(cue_text(tok), _drop_dashes(before))
        return Attribution(cue_text(tok), _phrase_after(lead[k + 1 :]))
    return None


def _ends_sentence(tok: Token) -> bool:
    """A full stop, but not the one of an abbreviation ("Col.", "Lt.", "J.")."""
    if tok.text in ("!", "?", ";"):
        return True
    if tok.text != ".":
        return False
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    lex = get_lexicon()
    abbreviation = prev.lower_ + "." in lex.ranks | lex.honorifics or len(prev.text) == 1
    return not (abbreviation and tok.whitespace_)


def _drop_dashes(words: list[Token]) -> list[Token]:
    return [t for t in words if t.text not in _DASHES]


def _phrase_after(words: list[Token]) -> list[Token]:
    """The speaker after an inverted cue: `said Adm. John Smith, commander of ...`; a title
    before the name (`said Chargé d'Affaires, John Smith`) keeps the name too."""
    phrase: list[Token] = []
    for tok in words:
        if tok.text in (";", ":", "(", ")") or _ends_sentence(tok):
            break
        if tok.lower_ in _STOP_AFTER_NAME and phrase:
            break
        if tok.text == ",":
            if phrase and any(t.pos_ == "PROPN" and not _is_titleish(t) for t in phrase):
                break
            if not phrase or not any(_is_titleish(t) for t in phrase):
                break
        if tok.text in _DASHES and not phrase:
            continue
        phrase.append(tok)
    return phrase


def _is_titleish(tok: Token) -> bool:
    lex = get_lexicon()
    low = tok.lower_.strip("’'")
    return low in lex.role_nouns or low in lex.ranks or low in lex.honorifics or low == "d"


def _channel_owner(words: list[Token]) -> list[Token]:
    """`a statement from the Navy` -> `the Navy`; `the ministry's press service` -> `the
    ministry`: the organisation behind a channel it speaks through."""
    lex = get_lexicon()
    for k, tok in enumerate(words):
        if tok.lower_ in ("'s", "’s") and k > 0 and words[-1].lower_ in lex.source_nouns:
            return words[:k]
        if tok.lower_ in ("from", "by", "of") and k > 0 and words[k - 1].lower_ in lex.source_nouns:
            return words[k + 1 :] or words
    return words


def _is_dateline(chunk: list[Token]) -> bool:
    """`LIMA -`, `WASHINGTON (Reuters) -`: the place line at the head of a story."""
    first = chunk[0]
    line_start = first.i == 0 or "\n" in first.doc[first.i - 1].text
    return line_start and first.is_upper and len(first.text) > 2


def _chunks(words: list[Token]) -> list[list[Token]]:
    """Comma-separated parts of a speaker phrase, without those opening with a preposition
    ("in mid-April, Smith")."""
    chunks: list[list[Token]] = [[]]
    for tok in words:
        if tok.text == "," or (tok.text in _DASHES and not _joins_words(tok)):
            chunks.append([])
        else:
            chunks[-1].append(tok)
    kept = [c for c in chunks if c and c[0].pos_ not in ("ADP", "SCONJ")]
    return kept or [c for c in chunks if c] or [words]


def _other_given_name(text: str, match: re.Match[str], person: Person) -> bool:
    """`Azmat Begg` is not `Moazzam Begg`: a capitalised first name before the surname that is
    neither a title nor a name of this person."""
    before = text[: match.start()].split()
    if not before:
        return False
    word = before[-1]
    low = word.lower().strip(".")
    lex = get_lexicon()
    if not word[:1].isupper() or low in lex.honorifics | lex.ranks | lex.role_nouns:
        return False
    if low + "." in lex.honorifics | lex.ranks:
        return False
    return word not in person.name.split() and word not in " ".join(person.aliases).split()


def _joins_words(tok: Token) -> bool:
    """A hyphen written without spaces ("Co-Chairman") joins words; it separates nothing."""
    return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


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
        words = [t for t in phrase if not t.is_punct or t.text in _KEEP_PUNCT]
        while words and words[0].is_punct:
            words = words[1:]
        if not words:
            return None
        lows = [t.lower_ for t in words]
        if len(words) == 1 and lows[0] in lex.person_pronouns:
            person = self._pronoun(lex.person_pronouns[lows[0]], position)
            pronoun = words[0]
            if person is not None:
                person.references.append((pronoun.idx, pronoun.idx + len(pronoun.text)))
            return person
        if lows[0] in lex.plural_pronouns or lows[0] in ("it", "i", "we", "you", "our", "my"):
            return None  # ... and "our correspondent", the outlet's own voice
        if lows[0] in lex.unnamed_determiners:
            return None  # "those polled for the Sunday Times": nobody in particular
        chunks = _chunks(words)
        for chunk in chunks:
            person = self._named_person(chunk)
            if person is not None:
                return person
        chunks = [c for c in chunks if not _is_dateline(c)] or chunks
        for chunk in chunks:
            org = self._named_org(_channel_owner(chunk), position)
            if org is not None:
                return org
        for chunk in chunks:
            if chunk[-1].lower_ in lex.unnamed_heads:
                continue
            role = self._role(chunk, position)
            if role is not None:
                return role
        if any(c[-1].lower_ in lex.source_nouns for c in chunks if c):
            return self.registry.recent_org(position)
        for chunk in chunks:
            word = chunk[-1]
            if len(chunk) == 1 and word.pos_ == "PROPN" and word.text[:1].isupper():
                # a one-word name never given in full: a body if the model says so or it is a
                # place ("Russia said"), else a person known by surname ("Okafor said")
                span = (word.idx, word.idx + len(word.text))
                if word.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
                    return self.registry.add_org(word.text, span)
                return self.registry.add_person(word.text, span)
        return None

    def _pronoun(self, gender: str, position: int) -> Person | None:
        """The nearest compatible subject of the last sentences, else the nearest compatible
        person named at all."""
        for candidates in (
            self.registry.subjects_before(position, self.quotes),
            self.registry.persons_before(position, self.quotes),
        ):
            for person in candidates:
                if person.gender in (None, gender):
                    person.gender = gender
                    return person
        return None

    def _named_person(self, words: list[Token]) -> Person | None:
        doc = words[0].doc
        start, end = words[0].i, words[-1].i + 1
        for ent in doc.ents:
            possessive = ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s")
            if ent.label_ == "PERSON" and start <= ent.start and ent.end <= end and not possessive:
                found = self.registry.add_person_span(ent)
                if found is not None:
                    return found
        text = " ".join(t.text for t in words)
        for person in self.registry.persons:
            for form in (person.name, person.surname):
                match = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-]| ?['’]s\b)", text)
                if match and not (form != person.name and _other_given_name(text, match, person)):
                    return person
        return self._trailing_name(words)

    def _trailing_name(self, words: list[Token]) -> Person | None:
        """A name the model missed, after any titles: "Chilean Foreign Minister John Smith"."""
        lex = get_lexicon()
        run: list[Token] = []
        for tok in reversed(words):
            low = tok.lower_
            if (
                not tok.text[:1].isupper()
                or low in lex.ranks | lex.honorifics | lex.role_nouns
                or low in lex.org_heads
                or tok.ent_type_ in ("GPE", "NORP", "LOC")
                or tok.pos_ != "PROPN"
            ):
                break
            run.insert(0, tok)
        honorific = len(run) == 1 and len(words) > 1 and words[-2].lower_ in lex.honorifics
        if (len(run) < 2 and not honorific) or len(run) > 4:
            return None  # one word is a name only after "Mr", "Ms", "Dr"
        doc = words[0].doc
        return self.registry.add_person_span(doc[run[0].i : run[-1].i + 1])

    def _named_org(self, words: list[Token], position: int) -> Organization | None:
        lex = get_lexicon()
        doc = words[0].doc
        text = doc[words[0].i : words[-1].i + 1].text
        phrase = clean_org_name(text)
        low = phrase.lower()
        head = words[-1].lower_
        if head in lex.source_nouns:
            return None  # "the press service": whose, is decided by the caller
        generic = words[0].lower_ == "the" and all(t.text.islower() for t in words)
        if generic or "the " + low in lex.generic_short_forms or low in lex.generic_short_forms:
            org = self.registry.recent_org_with(head, position)
            if org is None and head == "ministry":
                org = self._ministry_of_minister(position)
            return org
        found = [
            o for o in self.registry.orgs
            if any(
                re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", phrase, re.IGNORECASE)
                for f in [o.name, *o.aliases]
            )
        ]  # fmt: skip
        heads = [t for t in words if t.lower_ in lex.speaking_org_heads]
        if (
            heads
            and words[-1].lower_ not in lex.source_nouns
            and not any(t.lower_ in lex.role_nouns for t in words)
        ):
            if found and found[0].name.lower() == low:
                return found[0]
            # "Chile's embassy in Peru": the phrase is the organisation's name here
            start = words[0].i + (1 if words[0].lower_ in ("the", "a", "an") else 0)
            span = (doc[start].idx, words[-1].idx + len(words[-1].text))
            return self.registry.add_org(phrase, span)
        if found and not any(t.lower_ in lex.role_nouns for t in words):
            return self.registry.most_recent(found, position)
        ending = [o for o in self.registry.orgs if o.name.lower().endswith(" " + low)]
        if ending and words[-1].text[:1].isupper():
            org = self.registry.most_recent(ending, position)  # "the Navy" -> "U.S. Navy"
            org.aliases.add(phrase)
            return org
        return None

    def _ministry_of_minister(self, position: int) -> Organization | None:
        """`the ministry` never named, but `the Minister of Defense of Peru` was: his
        ministry is the `Ministry of Defense of Peru`."""
        for person in self.registry.persons_before(position, self.quotes):
            match = re.search(r"\bMinister (of [A-Z][\w ,'’-]*?)\s*$", person.title or "")
            if match:
                return self.registry.add_org(f"Ministry {match.group(1)}", None)
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
