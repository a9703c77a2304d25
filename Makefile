# The two commands of the README: `make run` and `make test`. Both install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help run test tools lint clean bench

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/.installed: backend/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Cashbook needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e 'backend[test]'
	@touch $@

run: $(BIN)/.installed  ## Run Cashbook on this machine: API, worker and beat (SQLite in ./data, no servers)
	$(BIN)/cashbook run

test: $(BIN)/.installed tools  ## Run the whole test suite (MariaDB and RabbitMQ too when reachable; required in CI)
	bash scripts/test.sh

tools:  ## Install the checkers the platform tests use (into .tools/)
	bash scripts/tools.sh

bench: $(BIN)/.installed  ## Benchmark the ledger API and the statement ingest against MariaDB (127.0.0.1:3306)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ingest.py

lint: $(BIN)/.installed  ## Lint and format-check the backend
	cd backend && ../$(BIN)/ruff check . && ../$(BIN)/ruff format --check .

clean:  ## Remove installed environments (keeps ./data)
	rm -rf $(VENV) .tools
