"""The organisations of one article as a list: a name added joins the body it is a form of
(a known organisation's lexicon forms, an alias, a national form), and the bodies named
before a position are found for the speaker stage."""

import re

from app.extract.actors.model import Organization
from app.extract.actors.org_names import canonical_name
from app.extract.actors.places import country_of, is_country_word
from app.extract.lexicon import get_lexicon


def add_org(orgs: list[Organization], name: str, span: tuple[int, int] | None) -> Organization:
    """The body `name` stands for, added to `orgs` if new, with the mention `span`."""
    group = canonical_name(name)
    if group is not None:
        # a known organisation: its lexicon name where the article uses it, else the
        # most complete form the article gives
        org = next((o for o in orgs if canonical_name(o.name) == group), None)
        if org is None:
            org = _new_org(orgs, name)
        forms = {org.name, *org.aliases, name}
        used = any(f.lower() == group.lower() for f in forms)
        best = group if used else max(sorted(forms), key=len)
        org.name, org.aliases = best, forms - {best}
    else:
        org = find_org(orgs, name) or _national_form(orgs, name) or _new_org(orgs, name)
    if span and span not in org.mentions:
        org.mentions.append(span)
    return org


def _national_form(orgs: list[Organization], name: str) -> Organization | None:
    """`Ministry of Defence` and `Chilean Ministry of Defence` are one body: the fuller
    form is the name, the other an alias."""
    low = name.lower()
    for org in orgs:
        short, full = sorted([org.name, name], key=len)
        if not full.lower().endswith(" " + short.lower()):
            continue
        prefix = full[: len(full) - len(short)].strip()
        if is_country_word(prefix) or is_country_word(prefix.removesuffix("'s")):
            if full.lower() == low:
                org.aliases.add(org.name)
                org.name = name
                org.country = org.country or country_of(name)
            else:
                org.aliases.add(name)
            return org
    return None


def _new_org(orgs: list[Organization], name: str) -> Organization:
    org = Organization(name, country=country_of(name))
    orgs.append(org)
    return org


def find_org(orgs: list[Organization], name: str) -> Organization | None:
    """The body named `name` or with the alias `name`, case aside."""
    low = name.lower()
    for org in orgs:
        if org.name.lower() == low or low in (a.lower() for a in org.aliases):
            return org
    return None


def lexicon_aliases(org: Organization) -> set[str]:
    """The lexicon's name of a known organisation the article only names by a short form
    ("UN" is also "United Nations"), so that it merges with its other mentions."""
    group = canonical_name(org.name)
    return {group} if group is not None and group != org.name else set()


def org_in(orgs: list[Organization], text: str) -> Organization | None:
    """The body whose longest form `text` names as a whole word ("NATO Secretary General")."""
    best: tuple[int, Organization] | None = None
    for org in orgs:
        for form in [org.name, *org.aliases]:
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) and (
                best is None or len(form) > best[0]
            ):
                best = (len(form), org)
    return best[1] if best else None


def recent_org_with(orgs: list[Organization], head: str, position: int) -> Organization | None:
    """The organisation named last before `position` whose name holds the word `head`."""
    best: tuple[int, Organization] | None = None
    for org in orgs:
        forms = [org.name, *org.aliases]
        if not any(head in f.lower().split() for f in forms):
            continue
        for start, _ in org.mentions:
            if start < position and (best is None or start > best[0]):
                best = (start, org)
    if best is None:  # named only further on ("the navy said ... the U.S. Navy")
        later = [o for o in orgs if head in o.name.lower().split() and o.mentions]
        return min(later, key=lambda o: min(s for s, _ in o.mentions)) if later else None
    return best[1]


def most_recent(orgs: list[Organization], position: int) -> Organization:
    """Of `orgs`, the one named last before `position` (else the first)."""

    def last(org: Organization) -> int:
        return max((s for s, _ in org.mentions if s < position), default=-1)

    return max(orgs, key=last)


def recent_org(orgs: list[Organization], position: int) -> Organization | None:
    """The organisation named last before `position`, preferring bodies that issue
    statements (a ministry, an embassy) over the others."""
    lex = get_lexicon()
    named = [o for o in orgs if any(s < position for s, _ in o.mentions)]
    speaking = [o for o in named if set(o.name.lower().split()) & lex.speaking_org_heads]
    pool = speaking or named
    return most_recent(pool, position) if pool else None
