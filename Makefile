# Development and test entry points. Everything runs inside .venv, made from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Development mode: debug pages, a development secret key and, unless DATABASE_URL is set,
# the embedded PostgreSQL under var/. Production runs through docker compose; only its
# `backup` and `restore` are here, as shorthands for `docker compose run`.
export DEBUG ?= on

.PHONY: run test install db migrate demo lint check stack compose-test hostile-test backup restore bench messages stop-db clean

# load_demo prints the site and admin addresses and the demo accounts.
run: migrate demo
	$(MANAGE) runserver 127.0.0.1:8000

test: install db lint check
	$(BIN)/pytest -n auto --dist loadfile

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
	$(BIN)/hadolint Dockerfile docker/standins/*/Dockerfile
	$(BIN)/shellcheck docker/entrypoint.sh docker/backup.sh docker/standins/*.sh docker/upgrade.sh \
		docker/standins/*/entrypoint.sh .ci/run
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(BIN)/compose-lint check --quiet --skip-suppressed --no-env --strict-config --fail-on low \
		--config docker/compose-lint.yml docker-compose.yml

check: install db
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# The production stack without containers, in seconds: the image's setup steps and gunicorn
# command behind nginx with the compose template (also part of `make test`).
stack: install db
	$(BIN)/pytest -q tests/test_stack.py

# The compose stack in real containers (root; needs docker.io and debootstrap, which .ci/run
# installs): a Docker engine of its own, local stand-ins for the official base images, then
# README's deployment, upgrade, backup/restore, scale-out and fault steps (tests/compose/).
compose-test: install
	$(BIN)/pip install --quiet --require-hashes -r docker/compose-test-requirements.txt
	$(BIN)/pytest -m compose tests/compose

# The hostile-string corpus (tests/hostile_corpus.py, 245 strings) through every text field a
# person can type into, then every page that shows them in Chromium: public pages, search, feeds,
# the admin's forms, lists and revision comparisons; nothing may run (about two minutes; needs
# chromium). `make test` checks the stored HTML and the escaping without a browser.
hostile-test: install db
	$(BIN)/pytest -m hostile tests/test_hostile_browser.py

# Speed figures (not tests; needs wrk and nginx). bench.run: the production stack (gunicorn,
# nginx) under wrk on a generated archive of BENCH_ARTICLES articles (default 100,000) next to
# 1,000, page cache off and on; tables printed, everything in var/bench/results.json (README,
# "Speed"). Then admin query counts at 50 and 5,000 articles, and the search quality figures.
bench: install db
	$(BIN)/python -m bench.run
	$(BIN)/pytest -q bench/test_admin_queries.py
	$(BIN)/pytest -q -s tests/test_search_quality.py

# Refresh the Vietnamese catalogue after changing strings (needs GNU gettext: apt-get install
# gettext); commit both the .po and the compiled .mo. djangojs.po is kept by hand (its head says why).
messages: install db
	$(MANAGE) makemessages -l vi --ignore=.venv --ignore=var --ignore=media --ignore=staticfiles --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv

# One archive of the database and media under backups/; restore one into the stack.
backup:
	docker compose run --rm backup backup

restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/portal-<time>.tar"; exit 2; }
	docker compose run --rm --volume "$(abspath $(FILE)):/restore/archive.tar:ro" \
		backup restore /restore/archive.tar

stop-db: install
	$(BIN)/python -m portal.embedded_db stop

clean: stop-db
	rm -rf $(VENV) var staticfiles
