"""The registry of one article's actors: the people and organisations it names, collected from
the model's entities and the lexicon, and the members the speaker stage reads and adds to."""

from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from app.extract.actors import antecedents, mentions, organizations, persons
from app.extract.actors.back_references import titles_from_back_references
from app.extract.actors.entities import is_no_actor
from app.extract.actors.model import Organization, Person, in_spans
from app.extract.actors.org_names import known_org_mentions, org_name_of
from app.extract.actors.places import countries_in, place_names, place_words
from app.extract.actors.titles import read_title
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
        self._collect_orgs()
        self._collect_persons()
        persons.find_more_mentions(self.persons, self.text)
        titles_from_back_references(doc, self.persons)

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

    def _collect_persons(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not is_no_actor(ent, self.name_spans, self.not_actors):
                self.add_person_span(ent)
        runs = persons.titled_name_runs(self.doc, place_words(self.doc), self._named())
        for run in runs:
            self.add_person_span(run)

    # what the speaker stage adds -----------------------------------------------------------
    def add_org(self, name: str, span: tuple[int, int] | None) -> Organization:
        return organizations.add_org(self.orgs, name, span)

    def add_person(self, name: str, span: tuple[int, int] | None) -> Person:
        return persons.add_person(self.persons, name, span)

    def add_person_span(self, span: Span) -> Person | None:
        """A person named by `span` (a name, maybe with ranks or honorifics before it), with
        the gender its honorifics give, its rank and the richest title around it."""
        reading = persons.read_name(span, self._places)
        if reading is None:
            return None
        person = self.add_person(reading.name, reading.mention)
        gender = persons.gender_of(reading.titles)
        if gender is not None:
            person.gender = person.gender or gender
        rank = persons.rank_of(reading.titles)
        if rank and person.rank is None:
            person.rank = rank
        if person.title_quality < 2:
            self._read_title(person, reading.first, reading.last, reading.start)
        return person

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

    # what the speaker stage reads ----------------------------------------------------------
    def recent_org_with(self, head: str, position: int) -> Organization | None:
        return organizations.recent_org_with(self.orgs, head, position)

    def recent_org(self, position: int) -> Organization | None:
        return organizations.recent_org(self.orgs, position)

    def persons_before(self, position: int, quotes: list[tuple[int, int]]) -> list[Person]:
        return antecedents.persons_before(self.persons, position, quotes)

    def subjects_before(
        self, position: int, quotes: list[tuple[int, int]], sentences: int = 2
    ) -> list[Person]:
        return antecedents.subjects_before(
            self.persons, self._sentences, position, quotes, sentences
        )

    @cached_property
    def _sentences(self) -> list[Span]:
        return list(self.doc.sents)

    def actor_mentions(self) -> list[ActorMention]:
        return mentions.actor_mentions(self.persons, self.orgs)
