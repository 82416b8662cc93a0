# The project's verbs. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test e2e lint format setup system messages content superuser demo-superuser clean serve bench-load bench-scale bench-faults backup restore

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_content
	@echo
	@echo "  Readiness is starting on http://$(HOST):$(PORT)/"
	@echo "  Advisors' admin: http://$(HOST):$(PORT)/admin/"
	@echo "  No account ships with the app. Create the first one with:  make superuser"
	@echo "  (or, on a laptop only, DEMO_SUPERUSER=1 make run creates one with a random password)"
	@echo
	@if [ "$(DEMO_SUPERUSER)" = "1" ]; then $(BIN)/python manage.py create_demo_superuser; fi
	@echo "  One task worker runs beside the server (e-mail, PDFs); Ctrl-C stops both."
	scripts/with-worker $(BIN)/python manage.py runserver $(HOST):$(PORT)

# As in production: DEBUG off, gunicorn (readiness/gunicorn.conf.py), static files collected for
# WhiteNoise, and one task worker beside it (more, or on machines of their own: docs/deploy.md,
# "Background work"). Needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; see docs/deploy.md.
serve: setup
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DEBUG=0 $(BIN)/python manage.py createcachetable
	DEBUG=0 $(BIN)/python manage.py load_content
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DEBUG=0 HOST=$(HOST) PORT=$(PORT) scripts/with-worker $(BIN)/gunicorn -c readiness/gunicorn.conf.py

# Load benchmarks on loopback against a throw-away PostgreSQL database; each prints markdown
# tables (docs/benchmarks.md, "Load and scale"). bench-load runs with database sessions, then
# with Redis sessions.
bench-load: setup
	scripts/system-deps bench
	scripts/redis-up
	$(BIN)/python bench/run.py load
	$(BIN)/python bench/run.py load --redis redis://127.0.0.1:6379/0

bench-scale: setup
	scripts/system-deps bench
	$(BIN)/python bench/run.py scale

# A backup of the configured database (DATABASE_URL, else db.sqlite3) into backups/, and the
# restore of one: `make restore FILE=backups/readiness-….dump`. See docs/deploy.md, "Backups".
backup: $(INSTALLED)
	$(BIN)/python scripts/backup.py backup

restore: $(INSTALLED)
	@test -n "$(FILE)" || { echo "make restore FILE=<a backup file>"; exit 2; }
	$(BIN)/python scripts/backup.py restore "$(FILE)"

# PostgreSQL (a throw-away cluster of its own) restarted under load; see docs/benchmarks.md.
bench-faults: setup
	$(BIN)/python bench/faults.py --firm-table

test: setup
	scripts/redis-up
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

e2e: setup
	scripts/system-deps e2e
	$(BIN)/pytest -m e2e tests/e2e

setup: system $(INSTALLED) messages

system:
	scripts/system-deps

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(INSTALLED)

messages: $(INSTALLED)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

content: $(INSTALLED)
	$(BIN)/python manage.py load_content

superuser: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py createsuperuser

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles test-results db.sqlite3 db.sqlite3-wal db.sqlite3-shm var
