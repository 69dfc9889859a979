# `make run` sets up and serves a living consultation; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve setup test test-fast clean

run: setup
	$(FLASK) run --host $(HOST) --port $(PORT)

# Install, create or upgrade the SQLite database, import modules/, seed the demo.
setup: $(VENV)/.installed
	$(FLASK) consult init
	$(FLASK) consult demo

# The whole suite on SQLite; then again on PostgreSQL when CONSULT_TEST_POSTGRES_URL names a
# server where the role may create databases (.ci/run starts one with .ci/postgres.sh).
test: $(VENV)/.installed-dev
	env -u CONSULT_TEST_POSTGRES_URL $(BIN)/python -m pytest
	@if [ -n "$$CONSULT_TEST_POSTGRES_URL" ]; then \
		echo "== the same suite on PostgreSQL =="; \
		$(BIN)/python -m pytest; \
	fi

# Everything but the browser journeys.
test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not browser"

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) instance/*.sqlite3* .pytest_cache
