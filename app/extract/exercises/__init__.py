"""Named military exercises, their kind, frequency, host, dates and participants.

A capitalised name becomes an exercise when the text ties it to an exercise word ("exercise
Iron X", "the Foo 2019 drills", "'Bar' peacekeeping exercise", "X is an annual exercise") or
gives it a year ("Foo 2019") in an article about exercises (names.py). Mentions of one exercise
are grouped (aliases in brackets, acronyms, "Exercise X" and "X"; groups.py), then the sentences
that mention it give its year and month (dates.py), kind and frequency (kinds.py), host
(host.py) and the countries taking part with their role (participants.py, roles.py).
All word lists live in app/extract/data/exercises.json (lexicon.py).
"""

from app.extract.countries import CountryHit
from app.extract.exercises.article import read_article
from app.extract.exercises.dates import edition_month, edition_year
from app.extract.exercises.groups import focus_on, group_candidates
from app.extract.exercises.host import host_and_cohosts
from app.extract.exercises.kinds import exercise_frequency, exercise_kind
from app.extract.exercises.names import find_candidates
from app.extract.exercises.participants import participants
from app.extract.types import ExerciseMention


def extract_exercises(text: str, countries: list[CountryHit]) -> list[ExerciseMention]:
    """Exercises named in `text` (`countries` = find_countries(text)), most mentioned first.

    Participants are read for the first, most mentioned exercise only.
    """
    article = read_article(text, countries)
    if not article.spans:
        return []
    groups = group_candidates(text, find_candidates(article))
    mentions: list[ExerciseMention] = []
    for rank, group in enumerate(groups):
        primary = rank == 0
        focus = focus_on(article, group, primary)
        year = edition_year(focus)
        host, cohosts = host_and_cohosts(focus)
        mentions.append(
            ExerciseMention(
                name=group.display,
                aliases=[n for n in group.names if n != group.display],
                kind=exercise_kind(focus),
                frequency=exercise_frequency(focus),
                host=host,
                year=year,
                month=edition_month(focus, year),
                participants=participants(article, host, cohosts) if primary else [],
            )
        )
    return mentions
