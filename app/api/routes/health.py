"""Liveness of the API and its database."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.api.errors import problem
from app.api.params import SessionDep, problem_response
from app.api.schemas import Health

router = APIRouter(prefix="/health", tags=["health"])


@router.get(
    "",
    response_model=Health,
    responses={503: problem_response("The database does not answer.")},
)
def check_health(session: SessionDep) -> Health | JSONResponse:
    """Answer `ok` when the database answers, 503 otherwise."""
    try:
        session.execute(select(1))
    except SQLAlchemyError:
        return problem(503, "The database is not answering.")
    return Health(status="ok")
