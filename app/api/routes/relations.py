"""What the detail pages of actors, exercises and countries relate to: people quoted alongside
an actor, an exercise's editions and articles, a country's exercise partners."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from app.api.errors import NotFoundError
from app.api.params import DETAIL_RESPONSES, CountryPath, SessionDep, id_path, problem_response
from app.api.schemas import ActorKind, ArticleItem
from app.core.models import Actor, Exercise
from app.queries import relations as queries
from app.queries.countries import get_country

router = APIRouter()

ARTICLES_SHOWN = 100
RESPONSES = {**DETAIL_RESPONSES, 422: problem_response("The path or `size` is invalid.")}
Size = Annotated[
    int, Query(ge=1, le=100, description="Most rows answered, 1 to 100.", examples=[10])
]


class CoQuoted(BaseModel):
    """A speaker quoted in some of the same articles as the actor."""

    id: int = Field(description="Actor id of the other speaker.", examples=[9])
    name: str = Field(description="Canonical name.", examples=["Kassym-Jomart Tokayev"])
    kind: ActorKind = Field(description="Person or organisation.", examples=["person"])
    article_count: int = Field(
        description="Articles quoting both: the actor and this speaker.", examples=[2]
    )
    statement_count: int = Field(
        description="This speaker's statements in those articles.", examples=[3]
    )


class CoQuotedList(BaseModel):
    """Speakers with statements in the articles where the actor has statements."""

    actor_id: int = Field(description="The actor asked about.", examples=[7])
    total: int = Field(description="How many other speakers those articles quote.", examples=[4])
    items: list[CoQuoted] = Field(
        description="Most shared articles first, then most statements, then by name."
    )


class Edition(BaseModel):
    """One year of an exercise as its articles report it."""

    year: int | None = Field(description="Year of the edition; null: undated.", examples=[2024])
    article_count: int = Field(description="Articles reporting this edition.", examples=[3])
    months: list[int] = Field(description="Months the articles give, ascending.", examples=[[6]])
    countries: list[str] = Field(
        description="Codes of the countries taking part (any role), alphabetical.",
        examples=[["KZ", "US"]],
    )


class ReportingArticle(ArticleItem):
    """An article reporting the exercise, with the edition it reports."""

    year: int | None = Field(description="Year of the edition it reports.", examples=[2024])
    month: int | None = Field(description="Month of the edition it reports.", examples=[6])


class ExerciseReports(BaseModel):
    """The editions of an exercise and the articles reporting it."""

    exercise_id: int = Field(description="The exercise asked about.", examples=[4])
    editions: list[Edition] = Field(description="Editions by year, oldest first, undated last.")
    total: int = Field(description="Articles reporting the exercise.", examples=[5])
    articles: list[ReportingArticle] = Field(
        description=f"Newest first (at most {ARTICLES_SHOWN})."
    )


class Partner(BaseModel):
    """A country hosting or taking part in some of the same exercises."""

    code: str = Field(description="ISO 3166-1 alpha-2 code.", examples=["US"])
    name: str = Field(description="Country name.", examples=["United States"])
    exercise_count: int = Field(description="Exercises both are in.", examples=[2])


class PartnerList(BaseModel):
    """Countries that host or join the exercises the country hosts or joins."""

    code: str = Field(description="The country asked about.", examples=["KZ"])
    total: int = Field(description="How many partner countries in all.", examples=[6])
    items: list[Partner] = Field(description="Most shared exercises first, then by name.")


@router.get(
    "/actors/{actor_id}/co-quoted",
    tags=["actors"],
    response_model=CoQuotedList,
    responses=RESPONSES,
)
def get_co_quoted(
    session: SessionDep, actor_id: Annotated[int, id_path("Actor id.")], size: Size = 20
) -> dict[str, Any]:
    """People and organisations quoted in the same articles as the actor, with counts."""
    if session.get(Actor, actor_id) is None:
        raise NotFoundError("actor", actor_id)
    total, items = queries.co_quoted(session, actor_id, size)
    return {"actor_id": actor_id, "total": total, "items": items}


@router.get(
    "/exercises/{exercise_id}/articles",
    tags=["exercises"],
    response_model=ExerciseReports,
    responses=RESPONSES,
)
def get_exercise_articles(
    session: SessionDep, exercise_id: Annotated[int, id_path("Exercise id.")]
) -> dict[str, Any]:
    """The exercise's editions by year and the articles that report it."""
    if session.get(Exercise, exercise_id) is None:
        raise NotFoundError("exercise", exercise_id)
    total, articles = queries.exercise_articles(session, exercise_id, ARTICLES_SHOWN)
    return {
        "exercise_id": exercise_id,
        "editions": queries.exercise_editions(session, exercise_id),
        "total": total,
        "articles": articles,
    }


@router.get(
    "/countries/{code}/partners",
    tags=["countries"],
    response_model=PartnerList,
    responses=RESPONSES,
)
def get_exercise_partners(
    session: SessionDep,
    code: CountryPath,
    size: Size = 20,
) -> dict[str, Any]:
    """Countries in the same exercises as this one (as host or participant), with counts."""
    country = get_country(session, code)
    if country is None:
        raise NotFoundError("country", code.upper(), "code")
    total, items = queries.exercise_partners(session, country["code"], size)
    return {"code": country["code"], "total": total, "items": items}
