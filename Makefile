# Development and test entry points. Everything runs inside .venv, made from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Development mode: debug pages, a development secret key and, unless DATABASE_URL is set,
# the embedded PostgreSQL under var/. Production never runs through this Makefile.
export DEBUG ?= on

.PHONY: run test install db migrate demo lint check bench stop-db clean

run: migrate demo
	@echo "Cổng thông tin: http://127.0.0.1:8000/   Quản trị: http://127.0.0.1:8000/admin/"
	$(MANAGE) runserver 127.0.0.1:8000

test: install db lint check
	$(BIN)/pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Starts the embedded PostgreSQL (no-op when DATABASE_URL points at a server).
db: install
	@$(BIN)/python -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); django.setup(); from django.db import connection; connection.ensure_connection(); print('PostgreSQL', connection.pg_version // 10000, 'at', connection.settings_dict['HOST'] or 'localhost', 'database', connection.settings_dict['NAME'])"

migrate: db
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install db
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

stop-db: install
	$(BIN)/python -m portal.embedded_db stop

clean: stop-db
	rm -rf $(VENV) var staticfiles
