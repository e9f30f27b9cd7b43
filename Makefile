# Two entry points for a fresh machine (see README):
#   make run   installs abogado, indexes the law once, and opens the chat (local profile)
#   make test  installs everything and runs lint, types, import contracts and the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LFT ?= ../shared/data/lft/lft_2026-05-01_lexmx.md
STAMP := $(VENV)/.installed

.PHONY: run test install check lint types contracts pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,infra]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/abogado ingest --source $(LFT)
	$(BIN)/abogado chat

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest

check: lint types contracts pytest

test: check

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .abogado .pytest_cache .mypy_cache .ruff_cache cdk.out
