# Two entry points for a fresh machine (see README):
#   make run   installs abogado alone (what running needs), indexes the law once, opens the chat
#   make test  installs everything (dev tools, CDK libraries) and runs lint, types, import
#              contracts and the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LFT ?= ../shared/data/lft/lft_2026-05-01_lexmx.md
# Two stamps: running needs `pip install -e .`; testing adds the [dev,infra] extras.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install check lint types contracts pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,infra]'
	touch $(TEST_STAMP) $(RUN_STAMP)

install: $(TEST_STAMP)

run: $(RUN_STAMP)
	$(BIN)/abogado ingest --source $(LFT)
	$(BIN)/abogado chat

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(TEST_STAMP)
	$(BIN)/mypy

contracts: $(TEST_STAMP)
	$(BIN)/lint-imports

pytest: $(TEST_STAMP)
	$(BIN)/pytest

check: lint types contracts pytest

test: check

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .abogado .pytest_cache .mypy_cache .ruff_cache cdk.out
