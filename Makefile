# revmentor: `make run` serves the demo, `make test` runs every check and test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 found: the pyenv version in .python-version, then the usual names.
PYTHON_CANDIDATES := $(shell command -v pyenv >/dev/null 2>&1 && pyenv prefix 2>/dev/null | sed 's|$$|/bin/python|') \
	python3.13 python3.12 python3.14 python3 python
FIND_PYTHON := for p in $(PYTHON_CANDIDATES); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done

.PHONY: run test test-python lint fmt messages check-messages worker clean

# DEBUG is off unless asked for: the local targets turn it on (and with it the development
# secret key); the checks run in testing mode. Production sets DJANGO_SECRET_KEY instead.
run worker messages: export DJANGO_DEBUG = 1
lint test test-python: export REVMENTOR_TESTING = 1

$(VENV)/.installed: pyproject.toml
	@py="$$($(FIND_PYTHON))"; \
	if [ -z "$$py" ]; then echo "ERROR: revmentor needs Python 3.12 or newer; none was found (tried: $(PYTHON_CANDIDATES))." >&2; exit 1; fi; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# E-mailed links (sign-in, manager confirmation, receipts, calendar events) point at the address
# the app runs on, also from a worker started on its own (`make worker PORT=8102`, which
# renders e-mails at send time); a REVMENTOR_SITE_URL already set (production, a proxy) is kept.
run worker: export REVMENTOR_SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py schedule
	@echo ""
	@echo "revmentor runs on http://$(HOST):$(PORT)/  (links in e-mails: $(REVMENTOR_SITE_URL); Ctrl-C stops it; e-mails, with sign-in codes, print here)"
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: $(VENV)/.installed
	$(PY) manage.py db_worker

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -c pyproject.toml -r src
	$(VENV)/bin/lint-imports

fmt: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

# Extract new strings and compile; translate the new entries in locale/sv before committing.
messages: $(VENV)/.installed-dev
	for d in src/revmentor $$(ls -d src/revmentor/*/locale 2>/dev/null | xargs -r -n1 dirname); do (cd $$d && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l sv --no-location --no-obsolete $$( [ $$d = src/revmentor ] && echo "-i core -i programs -i applications -i matching -i mentorships -i surveys -i reports -i privacy -i wishes -i archive" )); done
	for d in src/revmentor $$(ls -d src/revmentor/*/locale 2>/dev/null | xargs -r -n1 dirname); do (cd $$d && $(CURDIR)/$(PY) $(CURDIR)/manage.py compilemessages -v0); done

test: $(VENV)/.installed-dev lint
	REVMENTOR_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	REVMENTOR_TESTING=1 $(PY) manage.py check --fail-level WARNING
	REVMENTOR_TESTING= DJANGO_PRODUCTION=1 DJANGO_SECRET_KEY=check-deploy-only-$$RANDOM$$RANDOM-a7f3e9c1b5d2f8a4c6e0b9d7f1a3c5e8 \
		DJANGO_ALLOWED_HOSTS=revmentor.example $(PY) manage.py check --deploy --fail-level WARNING
	for d in src/revmentor $$(ls -d src/revmentor/*/locale 2>/dev/null | xargs -r -n1 dirname); do (cd $$d && $(CURDIR)/$(PY) $(CURDIR)/manage.py compilemessages -v0); done
	$(MAKE) test-python

test-python: $(VENV)/.installed-dev
	$(PY) -m pytest

clean:
	rm -rf $(VENV) db.sqlite3* staticfiles
