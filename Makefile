# The two commands of the README: `make run` and `make test`. Both install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help run test screenshots tools web lint clean bench

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/.installed: backend/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Cashbook needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e 'backend[test]'
	@touch $@

# The web app: npm packages from the lock file, and a build whenever a source is newer than it.
WEB := frontend
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f 2>/dev/null) \
	$(wildcard $(WEB)/index.html $(WEB)/vite.config.ts $(WEB)/tsconfig*.json)

$(WEB)/node_modules/.installed: $(WEB)/package-lock.json
	@command -v npm >/dev/null \
		|| { echo "The web app needs Node.js 20.19 or newer with npm (e.g. apt-get install nodejs npm)"; exit 1; }
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB)/dist/index.html: $(WEB)/node_modules/.installed $(WEB_SOURCES)
	cd $(WEB) && npm run --silent build
	@touch $@

web: $(WEB)/dist/index.html  ## Build the web app into frontend/dist (only when its sources changed)

run: $(BIN)/.installed web  ## Run Cashbook on this machine: API, worker and beat (SQLite in ./data, no servers)
	$(BIN)/cashbook run

test: $(BIN)/.installed tools web  ## Run the whole test suite (MariaDB and RabbitMQ too when reachable; required in CI)
	bash scripts/test.sh

# The browser tests write their screenshots (each screen in English and in Czech) to
# build/screenshots; this refreshes the committed ones. Lighthouse takes none, so it is left out.
screenshots: $(BIN)/.installed web  ## Refresh the README's screenshots in docs/screenshots (runs the browser tests)
	rm -f docs/screenshots/*.png
	CASHBOOK_TEST_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots bash scripts/test.sh tests/e2e -q \
		--ignore=tests/e2e/test_lighthouse.py

tools:  ## Install the checkers the platform tests use (into .tools/)
	bash scripts/tools.sh

bench: $(BIN)/.installed bench/node_modules/.installed  ## Benchmark the ledger API and the ingest (MariaDB at 127.0.0.1:3306, SQLite, beside Actual Budget)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/converted.py
	$(BIN)/python bench/peer.py

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

lint: $(BIN)/.installed $(WEB)/node_modules/.installed  ## Lint and format-check the backend and the web app
	cd backend && ../$(BIN)/ruff check . && ../$(BIN)/ruff format --check .
	cd $(WEB) && npm run --silent lint

clean:  ## Remove installed environments (keeps ./data)
	rm -rf $(VENV) .tools $(WEB)/node_modules $(WEB)/dist
