# Sistem Informasi Kerja Sama Daerah — the two commands of the README, and helpers.
#
#   make run            virtualenv, requirements, migrate, demo data, dev server
#   make test           ruff, Django checks, migrations check, the whole pytest suite
#   make test-postgres  the pytest suite against a throwaway PostgreSQL cluster
#   make lint           ruff check + ruff format --check + import-linter contracts
#   make serve          production server: migrate, collectstatic, gunicorn (env from README)
#   make messages       update and compile the Indonesian translations
#
# Every target can be run again: the requirements are installed only when
# requirements.txt changed since the last install (a stamp file inside .venv).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
HOST_PORT ?= 127.0.0.1:8000

# The development setup: DEBUG on, SQLite under var/ unless DATABASE_URL says otherwise.
DEV := DEBUG=1

.PHONY: run serve test test-postgres lint check pytest messages venv

venv: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $(STAMP)

var:
	mkdir -p var

run: $(STAMP) | var
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo --with-superuser
	$(DEV) $(PY) manage.py runserver $(HOST_PORT)

# Production: the environment of the README's "Production notes" (DEBUG off, SECRET_KEY,
# DATABASE_URL to PostgreSQL…); static files served by WhiteNoise from collectstatic.
serve: $(STAMP) | var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/gunicorn -c kerjasama/gunicorn.conf.py kerjasama.wsgi

test: lint check pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Checked with the test settings: DEBUG off like production, with a throwaway SECRET_KEY.
check: $(STAMP) | var
	$(PY) manage.py check --fail-level WARNING --settings=tests.settings
	$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings

pytest: $(STAMP)
	$(PY) -m pytest -q

test-postgres: $(STAMP)
	PYTHON=$(PY) scripts/with-postgres.sh $(PY) -m pytest -q

messages: $(STAMP)
	$(PY) manage.py makemessages -l id --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=locale-thirdparty
	$(PY) manage.py compilemessages -l id --ignore=.venv
