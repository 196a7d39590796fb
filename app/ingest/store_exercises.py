"""An article's exercise mentions written: each merged into a stored exercise by folded name or
alias, or else by acronym ('RIMPAC' of a stored 'Rim of the Pacific'), linked to the article
with its edition's year and month, and its participants recorded.
"""

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import ArticleExercise, Exercise, ExerciseAlias, ExerciseParticipation
from app.core.text import fold
from app.extract.exercises.acronyms import is_acronym, shortens
from app.extract.types import ExerciseMention
from app.ingest.resolve import new_forms
from app.ingest.rows import known


def store_exercises(
    session: Session, article_id: int, mentions: list[ExerciseMention], codes: frozenset[str]
) -> set[int]:
    """Merge each mention into an exercise by folded name; link it and its participants."""
    linked: dict[int, ArticleExercise] = {}
    participations: set[tuple[int, str, str]] = set()
    for mention in mentions:
        key = fold(mention.name)
        if not key:
            continue
        exercise = _find_exercise(session, [mention.name, *mention.aliases])
        if exercise is None:
            exercise = Exercise(name=mention.name.strip(), key=key)
            session.add(exercise)
            session.flush()
        _add_exercise_aliases(session, exercise, [mention.name, *mention.aliases])
        exercise.kind = exercise.kind or mention.kind
        exercise.frequency = exercise.frequency or mention.frequency
        if (
            exercise.host_country_code is None
            and mention.host
            and known(mention.host, codes, "exercise host")
        ):
            exercise.host_country_code = mention.host
        link = linked.get(exercise.id)
        if link is None:
            linked[exercise.id] = link = ArticleExercise(
                article_id=article_id, exercise_id=exercise.id
            )
            session.add(link)
        link.year = link.year or mention.year
        link.month = link.month or mention.month
        for participant in mention.participants:
            identity = (exercise.id, participant.country, participant.role)
            if identity in participations or not known(
                participant.country, codes, "exercise participant"
            ):
                continue
            participations.add(identity)
            session.add(
                ExerciseParticipation(
                    exercise_id=exercise.id,
                    country_code=participant.country,
                    role=participant.role,
                    year=mention.year,
                    month=mention.month,
                    article_id=article_id,
                )
            )
    return set(linked)


def _find_exercise(session: Session, names: list[str]) -> Exercise | None:
    """The stored exercise any of `names` is: its name first, then an alias."""
    keys = [k for k in dict.fromkeys(fold(n) for n in names) if k]
    if not keys:
        return None
    for key in keys:
        found = session.scalar(select(Exercise).where(Exercise.key == key))
        if found is not None:
            return found
    found = session.scalar(
        select(Exercise)
        .join(ExerciseAlias, ExerciseAlias.exercise_id == Exercise.id)
        .where(ExerciseAlias.alias_key.in_(keys))
        .order_by(Exercise.id)
        .limit(1)
    )
    return found if found is not None else _find_by_acronym(session, names)


def _find_by_acronym(session: Session, names: list[str]) -> Exercise | None:
    """The stored exercise whose name or alias is the acronym of one of `names`, or the name
    one of them is the acronym of ('RIMPAC' stored, 'Rim of the Pacific' read)."""
    forms = [n.strip() for n in names if n.strip()]
    initials = {f[0].lower() for f in forms if is_acronym(f) or " " in f}
    if not initials:
        return None
    rows = session.execute(
        select(Exercise.id, Exercise.name)
        .where(func.substr(Exercise.key, 1, 1).in_(initials))
        .union_all(
            select(ExerciseAlias.exercise_id, ExerciseAlias.alias).where(
                func.substr(ExerciseAlias.alias_key, 1, 1).in_(initials)
            )
        )
    ).all()
    for exercise_id, stored in sorted(rows):
        if any(shortens(stored, f) or shortens(f, stored) for f in forms):
            return session.get(Exercise, exercise_id)
    return None


def _add_exercise_aliases(session: Session, exercise: Exercise, names: Iterable[str]) -> None:
    known_keys = set(
        session.scalars(
            select(ExerciseAlias.alias_key).where(ExerciseAlias.exercise_id == exercise.id)
        )
    )
    known_keys.add(exercise.key)
    for alias, key in new_forms(known_keys, names):
        session.add(ExerciseAlias(exercise_id=exercise.id, alias=alias, alias_key=key))
