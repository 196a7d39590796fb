"""The API key that guards write endpoints; the read API stays public.

A write request without `X-API-Key` answers 401; with a wrong key, 403. When no key is
configured (`DOSSIER_API_KEY` unset) the service is read-only and every write answers 403.
"""

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Security, status
from fastapi.security import APIKeyHeader

from app.core.config import Settings, get_settings

API_KEY_HEADER = "X-API-Key"

_api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="The key set in DOSSIER_API_KEY; required by write endpoints only.",
)


def require_api_key(
    supplied: Annotated[str | None, Security(_api_key_header)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> None:
    """Dependency of every write route: 401 without a key, 403 with a wrong one."""
    if not supplied:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail=f"This endpoint requires an API key in the {API_KEY_HEADER} header.",
            headers={"WWW-Authenticate": API_KEY_HEADER},
        )
    expected = settings.api_key.get_secret_value() if settings.api_key else ""
    if not expected:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="Writes are disabled on this server: DOSSIER_API_KEY is not set.",
        )
    if not secrets.compare_digest(supplied.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="The API key is not valid.")
