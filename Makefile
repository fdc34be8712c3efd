# Counterpoint: `make run` to try it, `make test` to test it. See README.md.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint check bench messages clean

help:
	@echo "make run    install, migrate, load the demo and serve on http://127.0.0.1:8000"
	@echo "make test   install the dev dependencies and run the whole test suite"
	@echo "make lint   ruff, mypy, manage.py check, makemigrations --check, schema validation"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make messages  refresh locale/ur (makemessages) and compile it (compilemessages)"

$(BIN)/python:
	@PY=$$(bin/find-python) && echo "Using $$PY" && $$PY -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(VENV)/.installed-run $@

run: $(VENV)/.installed-run
	@mkdir -p "$${COUNTERPOINT_VAR_DIR:-var}"
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "Counterpoint is starting on http://127.0.0.1:$${COUNTERPOINT_PORT:-8000}/  (API docs: /api/docs/)"
	@echo "Press Ctrl-C to stop the web server, the workers and beat."
	@echo
	$(BIN)/honcho --procfile Procfile.dev start

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
test: $(VENV)/.installed-dev
	@bin/require-system-packages
	@$(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

# Small scale, on databases of its own: never the full-scale archive (cp_bench) that
# `bench_load.py --scale 1.0` is run on. About 15 min on a quiet 2-core machine.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cp_bench_make
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_LOAD_ARGS ?= --scale 0.1 --seconds 5
bench: $(VENV)/.installed-dev
	@set -e; export BENCH_DATABASE_URL="$(BENCH_DATABASE_URL)" BENCH_REDIS_URL="$(BENCH_REDIS_URL)"; \
	for script in bench_claim_checks bench_uploads bench_reports bench_evidence; do \
		echo "== bench/$$script.py"; $(BIN)/python bench/$$script.py; \
	done; \
	echo "== bench/bench_import.py (database $${BENCH_DATABASE_URL}_import)"; \
	BENCH_DATABASE_URL="$${BENCH_DATABASE_URL}_import" $(BIN)/python bench/bench_import.py; \
	if command -v wrk >/dev/null; then \
		echo "== bench/bench_load.py $(BENCH_LOAD_ARGS)"; $(BIN)/python bench/bench_load.py $(BENCH_LOAD_ARGS); \
	else \
		echo "== bench/bench_load.py skipped: it needs wrk (Debian/Ubuntu: apt-get install -y wrk; macOS: brew install wrk)"; \
		$(BIN)/python bench/generate_campaigns.py --scale 0.1; \
	fi; \
	echo "== bench/bench_explain.py"; $(BIN)/python bench/bench_explain.py

# Needs GNU gettext (msgfmt). The compiled .mo is committed, so running the app does not.
messages: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemessages -l ur --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py compilemessages -l ur --ignore=.venv

clean:
	rm -rf $(VENV) var staticfiles
