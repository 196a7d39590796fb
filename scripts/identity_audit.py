"""Persons that hold two different given names: the audit of actor identity across articles.

    python scripts/identity_audit.py [DATABASE_URL] [--show 20]

Prints the number of actors and persons, then the persons whose name and aliases carry two
different first given names with one surname ("Ivan Petrov" and "Sergei Petrov" as one actor).
An initial and the name it starts ("J. Straw", "Jack Straw"), and a short form that begins the
longer one ("Alex", "Alexander"), are one given name; a word read in front of the names
("Exchequer Nigel Lawson") is a wrong form, not another person. Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable

from locations import REPO
from sqlalchemy import text

sys.path.insert(0, str(REPO))

from app.core.db import make_engine, resolve_database_url  # noqa: E402
from app.core.names import PersonName  # noqa: E402

PERSON_FORMS = (
    "SELECT a.id, a.name FROM actor a WHERE a.kind = 'person' "
    "UNION ALL SELECT l.actor_id, l.alias FROM actor_alias l "
    "JOIN actor a ON a.id = l.actor_id WHERE a.kind = 'person'"
)


def given_name_clash(forms: Iterable[str]) -> tuple[str, str] | None:
    """Two forms whose first given names differ: not an initial of the other, not a short form
    that begins it, and not a word in front of the same names ("Exchequer Nigel Lawson", a title
    read into the name, is a wrong form of Nigel Lawson, not another person)."""
    givens: dict[tuple[str, ...], str] = {}
    for form in forms:
        given = PersonName.parse(form).given
        if given and len(given[0]) > 1:
            givens.setdefault(given, form)
    ordered = sorted(givens)
    for index, one in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if not _same_given_name(one, other):
                return givens[one], givens[other]
    return None


def _same_given_name(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    shorter, longer = sorted((one, other), key=len)
    if longer[len(longer) - len(shorter) :] == shorter:
        return True
    return one[0].startswith(other[0]) or other[0].startswith(one[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url", nargs="?", help="default: the DATABASE_URL setting")
    parser.add_argument("--show", type=int, default=20, help="clashes to print (default 20)")
    args = parser.parse_args()
    engine = make_engine(resolve_database_url(args.database_url), pooled=False)
    with engine.connect() as connection:
        actors = connection.scalar(text("SELECT count(*) FROM actor"))
        forms: dict[int, list[str]] = defaultdict(list)
        for actor_id, form in connection.execute(text(PERSON_FORMS)):
            forms[actor_id].append(form)
    clashes = [
        (actor_id, clash)
        for actor_id, names in sorted(forms.items())
        if (clash := given_name_clash(names)) is not None
    ]
    print(f"actors {actors}, persons {len(forms)}, persons with two given names {len(clashes)}")
    for actor_id, (one, other) in clashes[: args.show]:
        print(f"  actor {actor_id}: {one!r} and {other!r}")


if __name__ == "__main__":
    main()
