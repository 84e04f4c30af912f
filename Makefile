# The two commands a newcomer needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install serve production test test-postgres lint format bench css clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_content
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# nginx in front of gunicorn on loopback, configured from the environment (see the README).
production: $(STAMP)
	bash deploy/run-production

test: $(STAMP)
	$(BIN)/python -m pytest

test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load test on loopback with production settings, plus Lighthouse; ends within 3 minutes.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Rebuild static/css/bootstrap.min.css from Bootstrap's Sass sources (needs Node and npm).
css:
	npm --prefix frontend ci --no-audit --no-fund
	npm --prefix frontend run build

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .coverage htmlcov test-output
