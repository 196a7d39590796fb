"""Who said it: a speaker phrase resolved to an actor of the article (names, surnames,
pronouns, role nouns such as "the minister", organisations and the channels they speak
through)."""

import re

from spacy.tokens import Token

from app.extract.actors.model import Organization, Person, joins_words
from app.extract.actors.org_names import clean_org_name
from app.extract.actors.organizations import most_recent
from app.extract.actors.registry import ActorRegistry
from app.extract.lexicon import get_lexicon
from app.extract.speakers.attribution import DASHES
from app.extract.speakers.mentions import owner_words
from app.extract.speakers.phrases import (
    before_parenthesis,
    body_before_head,
    is_rank_or_honorific,
    name_run,
)

Speaker = Person | Organization

_KEEP_PUNCT = {".", ","} | DASHES


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
        if tok.text == "," or (tok.text in DASHES and not joins_words(tok)):
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


class SpeakerResolver:
    """Resolves speaker phrases to the people and organisations of one article."""

    def __init__(self, registry: ActorRegistry, quotes: list[tuple[int, int]]) -> None:
        self.registry = registry
        self.quotes = quotes

    def resolve(self, phrase: list[Token], position: int) -> Speaker | None:
        lex = get_lexicon()
        phrase = before_parenthesis(phrase)  # "the Ministry (MEA)": the name, not its acronym
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
        # a name in any part before a name guessed from capitals: "a spokeswoman for Acme
        # Systems, Jane Doe" is Jane Doe, not "Systems"
        for read in (self._named_person, self._trailing_name):
            for chunk in chunks:
                person = read(chunk)
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

    def owner(self, phrase: list[Token], position: int) -> Organization | None:
        """The organisation a description of the speaker belongs to: `a spokesperson for
        the ministry`, `a NATO official`; None when it names none or names a person."""
        words = owner_words(phrase)
        return self._named_org(words, position) if words else None

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
            for form in (person.name, *person.short_forms):
                match = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-]| ?['’]s\b)", text)
                if match and not (form != person.name and _other_given_name(text, match, person)):
                    return person
        return None

    def _trailing_name(self, words: list[Token]) -> Person | None:
        """A name the model missed, after any titles: "Chilean Foreign Minister John Smith",
        "Colonel Mustafa al-Hiyari"; one word is a name after a rank or honorific ("Col.
        Itamar", "Mr Okafor")."""
        run = name_run(words)
        if not run or len(run) > 6:
            return None
        capitalised = [t for t in run if t.text[:1].isupper()]
        before = words[len(words) - len(run) - 1] if len(words) > len(run) else None
        if len(capitalised) < 2 and not (before is not None and is_rank_or_honorific(before)):
            return None
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
            return org or self._written_body(head, doc.text[:position])
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
            return most_recent(found, position)
        ending = [o for o in self.registry.orgs if o.name.lower().endswith(" " + low)]
        if ending and words[-1].text[:1].isupper():
            org = most_recent(ending, position)  # "the Navy" -> "U.S. Navy"
            org.aliases.add(phrase)
            return org
        return None

    def _written_body(self, head: str, before: str) -> Organization | None:
        """`the ministry` after `The Azerbaijani defense ministry announced`: the body named
        earlier by capitalised words before the same head, which the model did not mark."""
        if head not in get_lexicon().org_heads:  # speaking heads are among them
            return None  # "the exercise", "the drills": not a body that speaks
        matches = list(body_before_head(head).finditer(before))
        if not matches:
            return None
        found = matches[-1]
        return self.registry.add_org(found.group(1), (found.start(1), found.end(1)))

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
        if not roles or words[0].lower_ in ("a", "an"):
            return None  # "a spokesman for the army": someone new, not the one named before
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
