"""Candidates grouped into exercises, and the sentences of the article that speak of each.

Forms join when one is an alias of the other ('Northern Lantern (NORLAN)'), an acronym of it
('NORLAN' and 'Northern Lantern', 'RIMPAC' and 'Rim of the Pacific'; acronyms.py) or it with
words added ('Iron X' and 'Iron X 2019 Phase'). An acronym's expansion written anywhere in the
article joins its group as an alias.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from app.extract.exercises.acronyms import acronyms_in, expansion_in, is_acronym, shortens
from app.extract.exercises.article import Article
from app.extract.exercises.names import Candidate, display_form


@dataclass(slots=True)
class Group:
    names: list[str]  # display forms, the most mentioned shortest form first
    candidates: list[Candidate]
    mentions: list[tuple[int, int]] = field(default_factory=list)  # spans of any form, sorted

    @property
    def display(self) -> str:
        return self.names[0]


@dataclass(frozen=True, slots=True)
class Focus:
    """One exercise in one article: its group of names and the sentences that speak of it."""

    article: Article
    group: Group
    sentences: list[int]  # indices into article.spans, in text order

    def anchors(self, index: int) -> list[int]:
        """Positions in sentence `index` where the exercise is named or an exercise word stands."""
        article = self.article
        start, end = article.spans[index]
        points = [s for s, _ in self.group.mentions if start <= s < end]
        points += [
            m.start() for m in article.lexicon.exercise_word.finditer(article.text, start, end)
        ]
        return sorted(points)


def focus_on(article: Article, group: Group, primary: bool) -> Focus:
    """The sentences that name the group, and for the primary exercise any with an exercise word.

    The primary exercise is the most mentioned one: what the article says of exercises in
    general ('the drills began on Monday') is taken to be said of it.
    """
    indices = {article.sentence_of(start) for start, _ in group.mentions}
    if primary:
        for i in range(len(article.spans)):
            if article.lexicon.exercise_word.search(article.sentence(i)):
                indices.add(i)
    return Focus(article, group, sorted(indices))


def group_candidates(text: str, candidates: list[Candidate]) -> list[Group]:
    """One group per exercise, the most mentioned first (then the first named)."""
    forms, root_of = _joined_forms(candidates)
    groups: dict[str, Group] = {}
    for candidate in candidates:
        group = groups.setdefault(root_of[candidate.name.lower()], Group(names=[], candidates=[]))
        group.candidates.append(candidate)
    for root, group in groups.items():
        members = [key for key in forms if root_of[key] == root]
        _name_group(text, group, members, forms)
        _add_expansion(text, group)
    return sorted(groups.values(), key=lambda g: (-len(g.mentions), g.candidates[0].start))


def _joined_forms(candidates: list[Candidate]) -> tuple[dict[str, str], dict[str, str]]:
    """Every form (lower case -> display form) and the form that stands for its group."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a.lower())] = find(b.lower())

    forms: dict[str, str] = {}
    for candidate in candidates:
        for form in [candidate.name, *candidate.aliases]:
            forms.setdefault(form.lower(), display_form(form))
            find(form.lower())
        for alias in candidate.aliases:
            union(alias, candidate.name)
    for a in forms:
        for b in forms:
            if a == b:
                continue
            a_words, b_words = a.split(), b.split()
            if len(a_words) > len(b_words) and a_words[: len(b_words)] == b_words:
                union(a, b)
            if " " not in b and " " in a and shortens(forms[b], forms[a]):
                union(a, b)
    return forms, {key: find(key) for key in forms}


def _name_group(text: str, group: Group, members: list[str], forms: dict[str, str]) -> None:
    """Find the group's mentions in `text` and order its names, the best display form first."""
    # Drop forms that only extend another form ("Iron X Opens" after "Iron X").
    shortest = [
        key
        for key in members
        if not any(
            other != key and key.split()[: len(other.split())] == other.split() for other in members
        )
    ]
    counts: Counter[str] = Counter()
    for key in members:
        pattern = re.compile(rf"(?<![\w-]){re.escape(forms[key])}(?![\w])", re.I)
        for match in pattern.finditer(text):
            if match.group(0)[0].islower():
                continue  # 'interaction' is not a mention of an exercise called Interaction
            group.mentions.append(match.span())
            counts[key] += 1
    first_seen = {c.name.lower(): i for i, c in reversed(list(enumerate(group.candidates)))}
    shortest.sort(key=lambda k: (-counts[k], first_seen.get(k, len(text))))
    group.names = [forms[key] for key in shortest] + [
        forms[key] for key in members if key not in shortest
    ]
    group.mentions = sorted(set(group.mentions))


def _add_expansion(text: str, group: Group) -> None:
    """An acronym's expansion written elsewhere in the article ('the Rim of the Pacific
    exercise ... RIMPAC'), or a name's acronym, as an alias of its group if it has none yet."""
    acronyms = [n for n in group.names if is_acronym(n)]
    names = [n for n in group.names if " " in n]
    if any(shortens(a, n) for a in acronyms for n in names):
        return
    if acronyms:
        found = expansion_in(text, acronyms[0])
    else:
        found = next((a for a in acronyms_in(text) if any(shortens(a, n) for n in names)), None)
    if found is not None:
        group.names.append(found)
