"""An article's countries, actors, actor titles, exercises and exercise participants scored
against a gold entry of a Dossier gold file, each miss and extra listed."""

from collections.abc import Iterable
from typing import Any

from app.core.text import fold
from app.evaluate.scores import PRF, Report, set_prf
from app.extract.types import ArticleExtraction, ExerciseMention

GoldEntry = dict[str, Any]  # one article of a gold file, as read from its JSON


def score_countries(report: Report, label: str, entry: GoldEntry, got: set[str]) -> None:
    """The countries extracted (`got`) against the entry's required ones."""
    countries = entry.get("countries", {})
    want = set(countries.get("required", []))
    report.countries.add(set_prf(got, want))
    for code in sorted(want - got):
        report.miss("missed country", label, code)
    for code in sorted(got - want):
        report.miss("extra country", label, code)


def _actor_names(actor_list: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(fold(a["name"]), a["kind"]) for a in actor_list}


def score_actors(
    report: Report, label: str, entry: GoldEntry, extraction: ArticleExtraction
) -> None:
    """Actors by folded name and kind: an extracted actor is correct when its name or an alias
    is a required or optional gold actor; the required ones are to be found."""
    actors = entry.get("actors", {})
    required = _actor_names(actors.get("required", []))
    allowed = required | _actor_names(actors.get("optional", []))
    predicted: set[tuple[str, str]] = set()
    for a in extraction.actors:
        forms = {(fold(n), a.kind) for n in [a.name, *a.aliases]}
        predicted |= forms & allowed or {(fold(a.name), a.kind)}
    prf = PRF(
        correct_predictions=len(predicted & allowed),
        predictions=len(predicted),
        found_gold=len(predicted & required),
        gold=len(required),
    )
    report.actors.add(prf)
    for name, kind in sorted(required - predicted):
        report.miss("missed actor", label, f"{name} ({kind})")


def score_titles(
    report: Report, label: str, entry: GoldEntry, extraction: ArticleExtraction
) -> None:
    """Each required gold actor with a `title_contains`: right when the actor extracted under
    its name (or an alias) has a title containing it; a missing actor counts as wrong."""
    titles: dict[tuple[str, str], str] = {}
    for a in extraction.actors:
        for form in [a.name, *a.aliases]:
            titles.setdefault((fold(form), a.kind), a.title or "")
    for g in entry.get("actors", {}).get("required", []):
        if not g.get("title_contains"):
            continue
        got = titles.get((fold(g["name"]), g["kind"]))
        report.titles_judged += 1
        if got is not None and fold(g["title_contains"]) in fold(got):
            report.titles_right += 1
        else:
            report.miss("wrong title", label, f"{g['name']}: {got!r}, want {g['title_contains']!r}")


def score_exercises(
    report: Report, label: str, entry: GoldEntry, extraction: ArticleExtraction
) -> None:
    """Exercise names, then participants (exercise, country, role), against the required gold.

    An exercise is known by its name or any alias, on either side ("BALTOPS", "Baltic
    Operations"); it is scored under the gold's name."""
    gold_ex = entry.get("exercises", {}).get("required", [])
    canonical: dict[str, str] = {}
    for e in gold_ex:
        for form in [e["name"], *e.get("aliases", [])]:
            canonical[fold(form)] = fold(e["name"])

    def scored_name(mention: ExerciseMention) -> str:
        for form in [mention.name, *mention.aliases]:
            if fold(form) in canonical:
                return canonical[fold(form)]
        return fold(mention.name)

    want_ex = {fold(e["name"]) for e in gold_ex}
    got_ex = {scored_name(e) for e in extraction.exercises}
    report.exercise_names.add(set_prf(got_ex, want_ex))
    for name in sorted(want_ex - got_ex):
        report.miss("missed exercise", label, name)
    for name in sorted(got_ex - want_ex):
        report.miss("extra exercise", label, name)
    want_p = {
        (fold(e["name"]), c, role)
        for e in gold_ex
        for role, codes in e.get("participants", {}).items()
        for c in codes
    }
    got_p = {
        (scored_name(e), p.country, p.role) for e in extraction.exercises for p in e.participants
    }
    report.participants.add(set_prf(got_p, want_p))
    for item in sorted(want_p ^ got_p):
        report.miss(
            "missed participant" if item in want_p else "extra participant", label, str(item)
        )
