"""make_scale_db.py's copies of the seed: new people with varied names, country permutations,
shifted ids and random dates, the rows of each copy built in the order the random choices are
drawn."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scale_store import ID_TABLES, SHARED_TABLES, TABLES

from app.core.models import sort_date
from app.core.names import surname_key
from app.core.text import fold

_CONSONANTS = "bdfghklmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]  # 75, all two letters wide
_ENDINGS = ("", "n", "v", "r", "ski", "son", "ez", "ov", "in", "ek", "as", "ard")


class Names:
    """Unique generated surnames (fixed-width syllables + an ending) and a first-name pool."""

    def __init__(self, taken: set[str], first_names: list[str], rng: random.Random, need: int):
        self.taken = taken
        self.first_names = first_names or ["Alex"]
        self.rng = rng
        self.width = 3 if need < len(_SYLLABLES) ** 3 // 2 else 4
        self.counter = rng.randrange(len(_SYLLABLES) ** (self.width - 1))

    def surname(self) -> str:
        while True:
            n = self.counter
            self.counter += 1
            digits = []
            for _ in range(self.width):
                n, d = divmod(n, len(_SYLLABLES))
                digits.append(_SYLLABLES[d])
            if n:
                raise SystemExit("ran out of generated surnames")
            word = "".join(digits) + _ENDINGS[self.counter % len(_ENDINGS)]
            if word not in self.taken:
                return word.capitalize()


def person_variant(name: str, aliases: list[str], names: Names) -> tuple[str, list[str]]:
    """A new person: surname replaced by a generated one, first name by another real one."""
    tokens = name.split()
    surname = names.surname()
    old_last = tokens[-1]
    new_tokens = [*tokens[:-1], surname]
    if len(tokens) >= 2 and tokens[0][:1].isupper() and not tokens[0].endswith("."):
        new_tokens[0] = names.rng.choice(names.first_names)
    old_first = tokens[0] if len(tokens) >= 2 else None
    mapping = {fold(old_last): surname}
    if old_first is not None:
        mapping[fold(old_first)] = new_tokens[0]
    new_aliases = [" ".join(mapping.get(fold(t), t) for t in alias.split()) for alias in aliases]
    return " ".join(new_tokens), new_aliases


def country_maps(codes: list[str], copies: int, rng: random.Random) -> list[dict[str, str]]:
    """Per copy, a permutation of a fifth of `codes` (copy 0: identity)."""
    maps: list[dict[str, str]] = [{}]
    for _ in range(1, copies):
        chosen = rng.sample(codes, max(2, len(codes) // 5)) if len(codes) >= 2 else []
        shuffled = chosen[:]
        rng.shuffle(shuffled)
        maps.append(dict(zip(chosen, shuffled, strict=True)))
    return maps


def organisations(
    org_rows: list[tuple[Any, ...]], kind_of: dict[int, str]
) -> list[tuple[Any, ...]]:
    """Organisations are written before people: links to people are kept (copy 0 keeps ids),
    but written afterwards would break the insert order, so such links are dropped."""
    return [
        (*r[:6], r[6] if r[6] is None or kind_of.get(r[6]) != "person" else None) for r in org_rows
    ]


class Copies:
    """The seed's rows as the target gets them: the shared rows once, then each copy's own.

    Ids of copy `k` are the seed's plus `k` times the seed's largest; people (not organisations)
    get new ids and names; articles new hashes, external ids, urls and dates; countries the
    copy's permutation. The random choices are drawn in the order the copies are made.
    """

    def __init__(
        self, seed: dict[str, list[tuple[Any, ...]]], copies: int, rng: random.Random
    ) -> None:
        self.seed = seed
        self.rng = rng
        actors = seed["actor"]
        self.kind_of = {row[0]: row[2] for row in actors}
        self.persons = [row for row in actors if row[2] == "person"]
        self.aliases_of: dict[int, list[tuple[Any, ...]]] = {}
        for row in seed["actor_alias"]:
            self.aliases_of.setdefault(row[1], []).append(row)
        first_names = sorted({r[1].split()[0] for r in self.persons if len(r[1].split()) >= 2})
        first_names = [f for f in first_names if f[:1].isupper() and f.isalpha()]
        self.names = Names({r[3] for r in actors}, first_names, rng, len(self.persons) * copies)
        codes = sorted(
            {r[1] for r in seed["article_country"]} | {r[1] for r in seed["statement_country"]}
        )
        self.cmaps = country_maps(codes, copies, rng)
        self.off = {t: max((r[0] for r in seed[t]), default=0) for t in ID_TABLES}
        self.now = datetime.now(UTC)
        self.day0 = date(1990, 1, 1)
        self.span = (date(2025, 12, 31) - self.day0).days

    def shared(self) -> dict[str, list[tuple[Any, ...]]]:
        """The rows every copy links to, written once: organisations, their aliases, exercises."""
        org_rows = [r for r in self.seed["actor"] if r[2] != "person"]
        rows = {
            "actor": [(*r, None) for r in organisations(org_rows, self.kind_of)],
            "actor_alias": [(*a, None) for r in org_rows for a in self.aliases_of.get(r[0], [])],
        }
        return rows | {name: self.seed[name] for name in SHARED_TABLES}

    def copy(self, k: int) -> dict[str, list[tuple[Any, ...]]]:
        """Copy `k`'s own rows, per table (empty for the shared tables)."""
        ids = CopyIds(k, self.off, self.kind_of, self.cmaps[k])
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        rows["article"] = self._articles(ids)
        rows["actor"], rows["actor_alias"] = self._people(ids)
        self._links(ids, rows)
        day = {a[0]: sort_date(a[10]) for a in rows["article"]}
        art, who, off = ids.art, ids.who, ids.off
        for r in self.seed["statement"]:
            rows["statement"].append(
                (r[0] + k * off["statement"], art(r[1]), who(r[2]), *r[3:], day[art(r[1])])
            )
        for r in self.seed["statement_country"]:
            rows["statement_country"].append((r[0] + k * off["statement"], ids.cc(r[1])))
        return rows

    def _articles(self, ids: CopyIds) -> list[tuple[Any, ...]]:
        """The copy's articles: new hashes, external ids and urls from copy 1 on, a random
        publication date (1 in 100 none), ingested now."""
        k, rng = ids.k, self.rng
        out: list[tuple[Any, ...]] = []
        for a in self.seed["article"]:
            new = list(a)
            new[0] = ids.art(a[0])
            if k:
                new[1] = hashlib.sha256(f"{a[1]}:{k}".encode()).hexdigest()
                new[2] = f"{a[2]}~{k}" if a[2] else None
                new[3] = f"{a[3]}#copy{k}" if a[3] else None
            new[10] = (
                None if rng.random() < 0.01 else self.day0 + timedelta(rng.randrange(self.span))
            )
            new[11] = self.now
            out.append(tuple(new))
        return out

    def _people(self, ids: CopyIds) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The copy's people (new names from copy 1 on) and their aliases, each once."""
        k, who, cc = ids.k, ids.who, ids.cc
        actors, aliases = [], []
        for p in self.persons:
            alias_rows = self.aliases_of.get(p[0], [])
            if k == 0:
                name, alias_names = p[1], [x[2] for x in alias_rows]
            else:
                name, alias_names = person_variant(p[1], [x[2] for x in alias_rows], self.names)
            new_id = who(p[0])
            actors.append(
                (new_id, name, p[2], fold(name), p[4], cc(p[5]), who(p[6]), surname_key(name))
            )
            seen = {fold(name)}
            for x, alias in zip(alias_rows, alias_names, strict=True):
                key = fold(alias)
                if key in seen:
                    continue
                seen.add(key)
                aliases.append(
                    (x[0] + k * ids.off["actor_alias"], new_id, alias, key, surname_key(alias))
                )
        return actors, aliases

    def _links(self, ids: CopyIds, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        """The copy's article links to actors, exercises and countries, and its exercise
        participations."""
        seed, art, who, cc = self.seed, ids.art, ids.who, ids.cc
        for r in seed["article_actor"]:
            rows["article_actor"].append((art(r[0]), who(r[1]), r[2], r[3]))
        for r in seed["article_exercise"]:
            rows["article_exercise"].append((art(r[0]), *r[1:]))
        for r in seed["exercise_participation"]:
            rows["exercise_participation"].append(
                (r[0] + ids.k * ids.off["exercise_participation"], r[1], cc(r[2]), r[3], r[4],
                 r[5], art(r[6]))
            )  # fmt: skip
        for r in seed["article_country"]:
            rows["article_country"].append((art(r[0]), cc(r[1]), r[2]))


class CopyIds:
    """Copy `k`'s ids and countries: articles and people shifted, organisations kept."""

    def __init__(
        self, k: int, off: dict[str, int], kind_of: dict[int, str], cmap: dict[str, str]
    ) -> None:
        self.k = k
        self.off = off
        self.kind_of = kind_of
        self.cmap = cmap

    def cc(self, code: str | None) -> str | None:
        return None if code is None else self.cmap.get(code, code)

    def art(self, article_id: int) -> int:
        return article_id + self.k * self.off["article"]

    def who(self, actor_id: int | None) -> int | None:
        if actor_id is None or self.kind_of.get(actor_id) != "person":
            return actor_id
        return actor_id + self.k * self.off["actor"]
