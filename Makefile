# Two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,postgres,ray,export]'
	touch $(VENV)/.installed $@

## Install into .venv and run the main job on the bundled examples.
demo: $(VENV)/.installed
	$(BIN)/storyline analyze examples -o out/examples

## Install the dev, PostgreSQL and Ray extras and run the whole test suite (lint included).
test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -n 2 --dist loadfile -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(VENV)/.installed
	$(BIN)/python bench/ingest.py

clean:
	rm -rf out .pytest_cache .ruff_cache
