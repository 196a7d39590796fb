"""The actors of one article as the extraction reports them: the people with a title or a
statement, and the organisations named, speaking or employing one of them."""

from app.extract.actors.model import Organization, Person
from app.extract.actors.organizations import lexicon_aliases
from app.extract.lexicon import get_lexicon
from app.extract.types import ActorMention


def actor_mentions(persons: list[Person], orgs: list[Organization]) -> list[ActorMention]:
    """The people first, then the organisations, each in the order the article found them."""
    return _person_mentions(persons) + _org_mentions(persons, orgs)


def _person_mentions(persons: list[Person]) -> list[ActorMention]:
    return [
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
        for person in persons
        if person.title or person.speaks
    ]


def _org_mentions(persons: list[Person], orgs: list[Organization]) -> list[ActorMention]:
    lex = get_lexicon()
    wanted_orgs = {p.organization.name for p in persons if p.organization}
    person_forms = {f.lower() for p in persons for f in (p.name, *p.short_forms)}
    out: list[ActorMention] = []
    for org in orgs:
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
                aliases=sorted(org.aliases | lexicon_aliases(org)),
                mentions=max(1, len(org.mentions)),
            )
        )
    return out
