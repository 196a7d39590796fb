"""Actor resolution: which stored actor an extracted mention is, and the forms it is known by.

A mention is an actor of its kind whose name or alias equals one of its forms, folded (for a
person with a given name, one of its forms with a given name); else, for a person, the one stored
person whose name is compatible ("J. Straw" and "Jack Straw"); else a new actor. Only flushes,
like the store.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import bindparam, insert, or_, select
from sqlalchemy.orm import Session

from app.core.models import Actor, ActorAlias
from app.core.names import PersonName, surname_key
from app.core.text import fold
from app.extract.types import ActorMention

# Run for every actor mention, so built once and run with parameters: building a select each
# time (its clauses, then its cache key) cost about as much as running it.

# One folded form (most mentions: no expanding IN list to render), or several.
_ACTOR_BY_KEY = select(Actor).where(Actor.kind == bindparam("kind"), Actor.key == bindparam("key"))
_ACTOR_BY_KEYS = select(Actor).where(
    Actor.kind == bindparam("kind"), Actor.key.in_(bindparam("keys", expanding=True))
)
_ACTOR_BY_ALIAS, _ACTOR_BY_ALIASES = (
    select(ActorAlias.alias_key, Actor)
    .join(Actor, ActorAlias.actor_id == Actor.id)
    .where(Actor.kind == bindparam("kind"), match)
    .order_by(Actor.id)
    for match in (
        ActorAlias.alias_key == bindparam("key"),
        ActorAlias.alias_key.in_(bindparam("keys", expanding=True)),
    )
)
_PERSONS_BY_SURNAME = (
    select(Actor)
    .where(
        Actor.kind == "person",
        or_(
            Actor.surname_key == bindparam("surname"),
            Actor.id.in_(
                select(ActorAlias.actor_id).where(ActorAlias.surname_key == bindparam("surname"))
            ),
        ),
    )
    .order_by(Actor.id)
)
_SURNAME_ALIASES = (
    select(ActorAlias.actor_id, ActorAlias.alias)
    .where(
        ActorAlias.actor_id.in_(bindparam("ids", expanding=True)),
        ActorAlias.surname_key == bindparam("surname"),
    )
    .order_by(ActorAlias.id)
)
_ALIAS_KEYS = select(ActorAlias.alias_key).where(ActorAlias.actor_id == bindparam("actor_id"))
_INSERT_ACTOR = insert(Actor).returning(Actor)


def resolve_actor(session: Session, mention: ActorMention) -> Actor:
    """The actor `mention` is, stored or new, known by all of the mention's forms."""
    found = _find_actor(session, mention)
    actor = found or _new_actor(session, mention)
    # A new actor has no aliases to read back.
    _add_aliases(session, actor, [mention.name, *mention.aliases], None if found else set())
    return actor


def _find_actor(session: Session, mention: ActorMention) -> Actor | None:
    """The stored actor `mention` is, by one of its forms, else (a person) by a compatible name."""
    actor = lookup_actor(session, mention.kind, _lookup_forms(mention))
    if actor is None and mention.kind == "person":
        actor = _same_person(session, mention.name)
    return actor


def _lookup_forms(mention: ActorMention) -> list[str]:
    """The forms that identify `mention` on their own.

    A person named with a given name is found by the forms that carry one: the bare surname
    "Petrov" that two articles use for Ivan and for Sergei Petrov is evidence of neither, so
    it is left to the compatibility check (and then kept as an alias of whoever matched).
    """
    forms = [mention.name, *mention.aliases]
    if mention.kind != "person" or not PersonName.parse(mention.name).has_given_name:
        return forms
    return [form for form in forms if PersonName.parse(form).has_given_name]


def _same_person(session: Session, name: str) -> Actor | None:
    """The one stored person whose name (or an alias) is compatible with `name`, if any.

    "Jack Straw" joins a stored "J. Straw" or "Straw", and the actor takes the fuller name; a
    bare surname joins a full name only when that surname belongs to one stored person.
    """
    surname = surname_key(name)
    if surname is None:
        return None
    wanted = PersonName.parse(name)
    candidates = session.scalars(_PERSONS_BY_SURNAME, {"surname": surname}).all()
    forms: dict[int, list[str]] = {candidate.id: [candidate.name] for candidate in candidates}
    if candidates:
        for actor_id, alias in session.execute(
            _SURNAME_ALIASES, {"ids": list(forms), "surname": surname}
        ):
            forms[actor_id].append(alias)
    # Its name and every alias with this surname must agree with `name`.
    matches = [
        candidate
        for candidate in candidates
        if all(wanted.compatible(PersonName.parse(form)) for form in forms[candidate.id])
    ]
    if len(matches) != 1:
        # No one, or several people it could be ("Clinton"): a new actor is the honest answer.
        return None
    actor = matches[0]
    known = PersonName.parse(actor.name)
    if len(wanted.given) + len(wanted.surname) > len(known.given) + len(known.surname):
        # The fuller form becomes the name; the old one stays an alias.
        old_name = actor.name
        actor.name, actor.key = name.strip(), fold(name)
        _add_aliases(session, actor, [old_name])
    return actor


def lookup_actor(session: Session, kind: str, names: list[str]) -> Actor | None:
    """An actor of `kind` whose name or one of whose aliases equals one of `names`, folded."""
    keys = [key for key in dict.fromkeys(fold(name) for name in names) if key]
    if not keys:
        return None
    # The mention's own name first, then its other forms, each as a name before as an alias;
    # the oldest actor wins a tie. Two queries at most, for all the forms at once.
    one = len(keys) == 1
    params: dict[str, Any] = {"kind": kind, **({"key": keys[0]} if one else {"keys": keys})}
    by_name = {
        actor.key: actor
        for actor in session.scalars(_ACTOR_BY_KEY if one else _ACTOR_BY_KEYS, params)
    }
    if keys[0] in by_name:
        return by_name[keys[0]]
    by_alias: dict[str, Actor] = {}
    for alias_key, actor in session.execute(_ACTOR_BY_ALIAS if one else _ACTOR_BY_ALIASES, params):
        by_alias.setdefault(alias_key, actor)
    for key in keys:
        found = by_name.get(key) or by_alias.get(key)
        if found is not None:
            return found
    return None


def _new_actor(session: Session, mention: ActorMention) -> Actor:
    """The actor inserted at once (its id is needed), by one INSERT that returns it into the
    session: a flush of the one object through the unit of work cost several times that."""
    row = {
        "name": mention.name.strip(),
        "kind": mention.kind,
        "key": fold(mention.name),
        "surname_key": surname_key(mention.name) if mention.kind == "person" else None,
    }
    return session.scalars(_INSERT_ACTOR, [row]).one()


def _add_aliases(
    session: Session, actor: Actor, names: Iterable[str], known: set[str] | None = None
) -> None:
    """Aliases for those of `names` the actor is not yet known by; `known`: its alias keys
    when the caller knows them (a new actor has none), else they are read."""
    if known is None:
        known = set(session.scalars(_ALIAS_KEYS, {"actor_id": actor.id}))
    known.add(actor.key)
    person = actor.kind == "person"
    for alias, key in new_forms(known, names):
        surname = surname_key(alias) if person else None
        session.add(ActorAlias(actor_id=actor.id, alias=alias, alias_key=key, surname_key=surname))


def new_forms(known: set[str], names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, folded key) for each of `names` whose key is not in `known`; `known` grows."""
    for name in names:
        key = fold(name)
        if key and key not in known:
            known.add(key)
            yield name.strip(), key
