"""An article's actor mentions written: each resolved to an actor and linked to the article,
with its country and organisation; and the actors' titles, from all the articles that link them.
"""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.models import Actor, ArticleActor
from app.core.text import fold
from app.extract.types import ActorMention
from app.ingest.resolve import lookup_actor, resolve_actor
from app.ingest.rows import insert_rows, known


def store_actors(
    session: Session, article_id: int, mentions: list[ActorMention], codes: frozenset[str]
) -> dict[str, int]:
    """Merge each mention into an actor; return fold(mention name) -> actor id."""
    actors: dict[str, Actor] = {}
    links: dict[int, dict[str, Any]] = {}  # actor id -> its article_actor row
    for mention in mentions:
        actor = resolve_actor(session, mention)
        actors[fold(mention.name)] = actor
        if (
            actor.country_code is None
            and mention.country
            and known(mention.country, codes, "actor country")
        ):
            actor.country_code = mention.country
        # Two mentions of one article may resolve to one actor (a name and its alias).
        link = links.setdefault(
            actor.id, {"article_id": article_id, "actor_id": actor.id, "title": None, "mentions": 0}
        )
        link["mentions"] += max(mention.mentions, 1)
        link["title"] = link["title"] or mention.title
    insert_rows(session, ArticleActor, list(links.values()))
    for mention in mentions:
        if not mention.organization:
            continue
        actor = actors[fold(mention.name)]
        organization = actors.get(fold(mention.organization)) or lookup_actor(
            session, "organization", [mention.organization]
        )
        if actor.organization_id is None and organization is not None and organization is not actor:
            actor.organization_id = organization.id
    return {key: actor.id for key, actor in actors.items()}


def refresh_titles(session: Session, actor_ids: set[int]) -> None:
    """Set each actor's title to the one its articles give most often (ties: the latest), with
    one query for all the actors."""
    if not actor_ids:
        return
    rows = session.execute(
        select(
            ArticleActor.actor_id,
            ArticleActor.title,
            func.count(),
            func.max(ArticleActor.article_id),
        )
        .where(ArticleActor.actor_id.in_(actor_ids), ArticleActor.title.is_not(None))
        .group_by(ArticleActor.actor_id, ArticleActor.title)
    )
    best: dict[int, tuple[int, int, str | None]] = {}
    for actor_id, title, count, latest in rows:
        if actor_id not in best or (count, latest) > best[actor_id][:2]:
            best[actor_id] = (count, latest, title)
    for actor in session.scalars(select(Actor).where(Actor.id.in_(actor_ids))):
        chosen = best.get(actor.id)
        title = chosen[2] if chosen else None
        if actor.title != title:
            actor.title = title
