# OpenGov Platform — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= 2

.PHONY: audit run test test-years-ahead install install-test browser messages lint check serve bench bench-load docs clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

## This installation's own secret key, made once and read by the settings when SECRET_KEY is
## not set (they refuse to start without DEBUG and without a key of 50 characters or more).
var/secret_key:
	mkdir -p var
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(64))" > $@

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python var/secret_key
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python var/secret_key
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## The browser tests need Debian's Chromium (never a downloaded one) and axe-core from npm.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium package to run the browser tests."; fi; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --silent

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

## Install, migrate the SQLite database, load the demo once, and serve the site.
run: install messages
	mkdir -p var
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput -v0
	@echo ""
	@echo "  OpenGov Platform is running at http://$(HOST):$(PORT)/"
	@echo "  Workspace:   http://$(HOST):$(PORT)/en/sign-in/  (login: poc, agence, moderation, irm or forum / opengov-demo)"
	@echo "  Administration: http://$(HOST):$(PORT)/en/admin/  (login: admin / opengov-demo)"
	@echo "  Background tasks: one worker beside the web server; Ctrl-C stops both."
	@echo ""
	@$(MANAGE) db_worker --no-startup-delay --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(VENV)/bin/gunicorn opengov.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

## Install what the tests need and run the whole suite.
test: install-test browser messages
	mkdir -p var
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run -v0 --settings=opengov.test_settings
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

## The suite (less the browser journeys and the input fuzzing, which no date changes) with its
## fixed day one and three years ahead: no test and no page may read the real clock.
YEARS_AHEAD ?= 2027-11-27 2029-11-27
test-years-ahead: install-test messages
	mkdir -p var
	for day in $(YEARS_AHEAD); do \
	  echo "== Test suite on $$day =="; \
	  OPENGOV_TEST_TODAY=$$day $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not browser and not fuzz" -q || exit 1; \
	done

## Rewrite the rule catalogue of docs/rules.md from the rule registry.
docs: install
	$(PY) -m opengov.rules catalogue --tests tests --write docs/rules.md

## The pinned versions against the vulnerabilities published on PyPI (needs the network, so it
## is not part of `make test`; run it before each release and in a scheduled job).
audit: install-test
	$(VENV)/bin/pip install --quiet -e ".[test,audit]"
	mkdir -p var
	$(VENV)/bin/pip freeze --exclude-editable > var/pinned-requirements.txt
	$(VENV)/bin/pip-audit --progress-spinner off --strict -r var/pinned-requirements.txt

lint: install-test
	$(VENV)/bin/ruff check .

## At real size on PostgreSQL, with gunicorn, a task worker and locust (see bench/load.py).
bench-load: install-test
	$(VENV)/bin/pip install --quiet -e ".[test,bench]"
	$(PY) bench/load.py $(BENCH_LOAD_ARGS)

bench: install-test
	$(PY) bench/ogp_import.py
	$(PY) bench/run.py
	$(PY) bench/grouping.py
	$(PY) bench/repository.py
	$(PY) bench/documents.py

clean:
	rm -rf $(VENV) var node_modules
