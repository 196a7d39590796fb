"""People and organisations of one article: names cleaned of titles and honorifics, surnames
linked to full names, titles read next to the name, organisation aliases."""

import re
from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from app.extract.actors import organizations
from app.extract.actors.entities import is_no_actor
from app.extract.actors.model import Organization, Person, in_spans, surname_of, without_possessive
from app.extract.actors.org_names import known_org_mentions, org_name_of
from app.extract.actors.places import (
    countries_in,
    is_country_word,
    place_names,
    place_words,
)
from app.extract.actors.titles import follows_title_of, is_title_word, read_title, title_before
from app.extract.lexicon import get_lexicon
from app.extract.types import ActorMention


class ActorRegistry:
    """The people and organisations an article names, with every place it names them."""

    def __init__(
        self, doc: Doc, name_spans: list[tuple[int, int]], not_actors: Iterable[str] = ()
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.name_spans = name_spans  # short quoted names ('Desert Fox'): never actors
        self.not_actors = {n.lower() for n in not_actors}  # exercise names and the like
        self.persons: list[Person] = []
        self.orgs: list[Organization] = []
        self._places = place_names(doc)
        self._place_words = place_words(doc)
        self._collect_orgs()
        self._collect_persons()
        self._find_more_mentions()

    # organisations -------------------------------------------------------------------------
    def _collect_orgs(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or is_no_actor(ent, self.name_spans, self.not_actors):
                continue
            found = org_name_of(ent, self.text)
            if found is None:
                continue
            org = self.add_org(found.name, found.span)
            if found.acronym and found.acronym != org.name:
                org.aliases.add(found.acronym)
        for form, span in known_org_mentions(self.text):
            if not in_spans(*span, self.name_spans):
                self.add_org(form, span)

    def add_org(self, name: str, span: tuple[int, int] | None) -> Organization:
        return organizations.add_org(self.orgs, name, span)

    def recent_org_with(self, head: str, position: int) -> Organization | None:
        return organizations.recent_org_with(self.orgs, head, position)

    def recent_org(self, position: int) -> Organization | None:
        return organizations.recent_org(self.orgs, position)

    # people --------------------------------------------------------------------------------
    def _collect_persons(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not is_no_actor(ent, self.name_spans, self.not_actors):
                self.add_person_span(ent)
        for run in self._titled_name_runs():
            self.add_person_span(run)

    def _titled_name_runs(self) -> list[Span]:
        """Names the model missed right after a title: `US ambassador to Lima John Doe`."""
        lex = get_lexicon()
        runs: list[Span] = []
        doc = self.doc
        i = 0
        while i < len(doc):
            j = i
            while (
                j < len(doc)
                and doc[j].pos_ == "PROPN"
                and doc[j].text[:1].isupper()
                and (doc[j].is_alpha or re.fullmatch(r"[A-Z]\.", doc[j].text))
                and doc[j].ent_type_ not in ("GPE", "ORG", "NORP", "LOC", "DATE")
                and not is_title_word(doc[j])
                and doc[j].lower_ not in lex.org_heads
            ):
                j += 1
            start = i
            while start < j and doc[start].text in self._place_words:
                start += 1
            if j - start >= 3 and countries_in(doc[start].text):
                start += 1  # "Minister of Peru John Doe"
            if 2 <= j - start <= 4 and start > 0 and title_before(doc[start], start, self._named()):
                runs.append(doc[start:j])
            i = max(j, i + 1)
        return runs

    def add_person_span(self, span: Span) -> Person | None:
        """A person named by `span` (a name, maybe with ranks or honorifics before it)."""
        lex = get_lexicon()
        tokens = [t for t in span if not t.is_punct or t.text == "."]
        while tokens and tokens[-1].lower_ in ("'s", "’s", "'", "’"):
            tokens.pop()
        stripped: list[Token] = []
        first = tokens[0] if tokens else None
        if first is not None and first.i > 0 and self.doc[first.i - 1].lower_ in lex.honorifics:
            return self._add_after_honorific(tokens, self.doc[first.i - 1])
        end_token = tokens[-1] if tokens else None
        label = _party_label(tokens)
        if label and label == len(tokens):
            return None  # "Lib Dem" alone is a party, whatever the model says
        if label and len(tokens) - label >= 2:
            tokens = tokens[label:]  # "Lib Dem Norman Baker": the party is not the name
        if tokens and follows_title_of(tokens[0]):
            return None  # "Director of Public Prosecutions": the words close a title
        while len(tokens) > 2 and tokens[-1].lower_ in lex.role_nouns:
            tokens.pop()  # "Paul Smith MP"
        titled = [k for k, t in enumerate(tokens) if is_title_word(t)]
        if titled and titled[-1] < len(tokens) - 1:
            # "Chilean Col. John Smith", "Rear Adm. John Smith": the name follows the last rank
            stripped = [t for t in tokens[: titled[-1] + 1] if is_title_word(t)]
            tokens = tokens[titled[-1] + 1 :]
        elif titled:
            return None
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        # a place caught at an edge of the name ("Asia James Smith", "Smith Peru")
        last_is_place = tokens[-1].text in self._places if tokens else False
        if len(tokens) > 1 and (
            (last_is_place and len(tokens) > 2) or is_country_word(tokens[-1].text)
        ):
            tokens.pop()
        if len(tokens) > 2 and tokens[0].i > 0:
            before = self.doc[tokens[0].i - 1]
            if before.lower_ in ("and", "of", "for", "to", "in") or tokens[0].text in self._places:
                tokens.pop(0)
        if not tokens or not all(t.text[:1].isupper() for t in tokens if t.is_alpha):
            return None
        if any(t.lower_ in ("'s", "’s") for t in tokens):
            return None  # "Monday's Evening Star" is no one's name
        if tokens[-1].lower_ in lex.unnamed_heads:
            return None  # "Peruvian Marines" are a group
        if any(t.like_num for t in tokens):
            return None
        name = self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        name = without_possessive(name)
        if len(tokens) == 1 and tokens[0].lower_ in lex.role_nouns | lex.ranks:
            return None
        person = self.add_person(name, (tokens[0].idx, tokens[0].idx + len(name)))
        words = [t.lower_ for t in stripped]
        if any(w in lex.female_honorifics for w in words):
            person.gender = person.gender or "f"
        elif any(w in lex.male_honorifics for w in words):
            person.gender = person.gender or "m"
        rank = [t.text for t in stripped if t.lower_ not in lex.honorifics]
        if rank and person.rank is None:
            person.rank = " ".join(rank)
        if person.title_quality < 2:
            first = stripped[0] if stripped else tokens[0]
            self._read_title(person, first, end_token or tokens[-1], span.start)
        return person

    def _add_after_honorific(self, tokens: list[Token], honorific: Token) -> Person | None:
        """`Mr. Bishop`: after an honorific every capitalised word is the name."""
        lex = get_lexicon()
        if not all(t.text[:1].isupper() for t in tokens if t.is_alpha):
            return None
        name = self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        name = without_possessive(name)
        person = self.add_person(name, (tokens[0].idx, tokens[0].idx + len(name)))
        if honorific.lower_ in lex.female_honorifics:
            person.gender = person.gender or "f"
        elif honorific.lower_ in lex.male_honorifics:
            person.gender = person.gender or "m"
        if person.title_quality < 2:
            self._read_title(person, honorific, tokens[-1], tokens[0].i)
        return person

    def add_person(self, name: str, span: tuple[int, int] | None) -> Person:
        person = self.find_person(name)
        if person is None:
            person = Person(name)
            self.persons.append(person)
        elif len(name.split()) > len(person.name.split()) or (
            len(name) > len(person.name) and name.startswith(person.name + "-")
        ):
            if len(person.name.split()) > 1:
                person.aliases.add(person.name)
            person.name = name
        elif name != person.name and len(name.split()) > 1:
            person.aliases.add(name)  # "Ann Lee" for "Ann B. Lee III"
        if span and span not in person.mentions:
            person.mentions.append(span)
        return person

    def find_person(self, name: str) -> Person | None:
        """The person `name` stands for: the same name, or a surname of a fuller name."""
        low = name.lower()
        parts = low.split()
        for person in self.persons:
            full = person.name.lower()
            if full == low:
                return person
            other = full.split()
            mine, theirs = surname_of(name).lower(), person.surname.lower()
            if mine.startswith(theirs + "-") or theirs.startswith(mine + "-"):
                mine = theirs  # "Lund" of a "Lund-Berg" the model cut short
            if mine == theirs and (
                len(parts) == 1
                or len(other) == 1
                or parts[0] == other[0]
                or other[-len(parts) :] == parts
                or parts[-len(other) :] == other
            ):
                return person
        return None

    def _read_title(self, person: Person, first: Token, last: Token, mention_start: int) -> None:
        """The richest title this mention gives, if richer than the person's; a country or
        organisation named in any of its titles is noted too."""
        reading = read_title(first, last, mention_start, self._named(), person.rank)
        if reading is None or reading.quality <= person.title_quality:
            return
        person.title, person.title_quality = reading.title, reading.quality
        for text in reading.sources:
            hits = countries_in(text)
            if hits and person.country is None:
                person.country = hits[0].code
            org = organizations.org_in(self.orgs, text)
            if org is not None and person.organization is None:
                person.organization = org

    def _named(self) -> list[tuple[int, int]]:
        """Where the people found so far are named: a title stops there."""
        return [m for p in self.persons for m in p.mentions]

    def _find_more_mentions(self) -> None:
        """Surnames and names the model missed, found again by plain text search."""
        for person in self.persons:
            for form in dict.fromkeys((person.name, person.surname)):  # the full name first
                pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
                for m in re.finditer(pattern, self.text):
                    if not any(s <= m.start() < e for s, e in person.mentions):
                        person.mentions.append((m.start(), m.end()))
            person.mentions.sort()

    def persons_before(self, position: int, quotes: list[tuple[int, int]]) -> list[Person]:
        """People named before `position` (outside quotes), the nearest first."""
        return [p for _, p in self._latest_mentions(position, quotes)]

    @cached_property
    def _sentences(self) -> list[Span]:
        return list(self.doc.sents)

    def subjects_before(
        self, position: int, quotes: list[tuple[int, int]], sentences: int = 2
    ) -> list[Person]:
        """People whose latest mention before `position` is the subject of its clause, in the
        last `sentences` sentences, the nearest first: "he" after "Ann Lee criticised Bo Ray's
        plan." is Ann Lee, not the possessive Bo Ray."""
        # Sentences of the narration: those wholly inside a quote do not count.
        sents = [
            s
            for s in self._sentences
            if s.start_char < position and not in_spans(s.start_char, s.end_char, quotes)
        ][-sentences:]
        if not sents:
            return []
        floor = sents[0].start_char
        main: list[Person] = []
        embedded: list[Person] = []
        for start, person in self._latest_mentions(position, quotes):
            if start < floor:
                break
            token = self.doc.char_span(start, start + 1, alignment_mode="expand")
            if token is None:
                continue
            head = token.root
            while head.dep_ in ("compound", "flat", "appos") and head.head is not head:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass"):
                # "Ann Lee said Bo Ray was wrong. He added ...": he is Ann Lee, the speaker,
                # before Bo Ray, the subject of what she reported
                (embedded if _in_reported_clause(head.head) else main).append(person)
        return main + embedded

    def _latest_mentions(
        self, position: int, quotes: list[tuple[int, int]]
    ) -> list[tuple[int, Person]]:
        seen: list[tuple[int, Person]] = []
        for person in self.persons:
            starts = [
                s
                for s, e in [*person.mentions, *person.references]
                if s < position and not in_spans(s, e, quotes)
            ]
            if starts:
                seen.append((max(starts), person))
        return sorted(seen, key=lambda x: -x[0])

    # output --------------------------------------------------------------------------------
    def actor_mentions(self) -> list[ActorMention]:
        lex = get_lexicon()
        out: list[ActorMention] = []
        wanted_orgs = {p.organization.name for p in self.persons if p.organization}
        for person in self.persons:
            if not (person.title or person.speaks):
                continue
            out.append(
                ActorMention(
                    name=person.name,
                    kind="person",
                    title=person.title,
                    organization=person.organization.name if person.organization else None,
                    aliases=sorted(person.aliases - {person.name}),
                    country=person.country
                    or (person.organization.country if person.organization else None),
                    mentions=max(1, len(person.mentions)),
                )
            )
        person_forms = {f.lower() for p in self.persons for f in (p.name, p.surname)}
        for org in self.orgs:
            if org.name.lower() in lex.generic_short_forms and not org.speaks:
                continue
            if org.name.lower() in person_forms and not org.speaks:
                continue  # a person the model took for an organisation somewhere
            if not org.mentions and not org.speaks and org.name not in wanted_orgs:
                continue
            out.append(
                ActorMention(
                    name=org.name,
                    kind="organization",
                    country=org.country,
                    aliases=sorted(org.aliases | organizations.lexicon_aliases(org)),
                    mentions=max(1, len(org.mentions)),
                )
            )
        return out


def _in_reported_clause(verb: Token) -> bool:
    """`verb` heads (or joins) a clause that another verb reports ("said Bo Ray was")."""
    node = verb
    while node.head.i != node.i:
        if node.dep_ == "ccomp":
            return True
        node = node.head
    return False


def _party_label(tokens: list[Token]) -> int:
    """How many of the first `tokens` spell a party label ("Lib Dem", "Labour"), else 0."""
    words = [t.lower_ for t in tokens]
    for label in get_lexicon().party_labels:
        if tuple(words[: len(label)]) == label:
            return len(label)
    return 0
