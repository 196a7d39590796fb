"""What the store's writers share: link rows in one INSERT, and the country codes a row may name."""

import logging
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.core.models import Base, Country

log = logging.getLogger(__name__)


def table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """The rows in one INSERT (executemany) of the table, without an ORM object each: link
    tables that nothing reads back before the commit."""
    if rows:
        session.execute(insert(table(model)), rows)


def country_codes(session: Session) -> frozenset[str]:
    """The ISO codes in `country`, read once per session: unknown codes would break foreign keys."""
    codes = session.info.get("country_codes")
    if codes is None:
        codes = frozenset(session.scalars(select(Country.code)))
        session.info["country_codes"] = codes
    return codes


def known(code: str, codes: frozenset[str], what: str) -> bool:
    """Whether `code` is among `codes`; an unknown one is logged as ignored (`what` it was)."""
    if code in codes:
        return True
    log.warning("ignoring unknown %s code %r", what, code)
    return False
