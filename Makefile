# The two commands: `make run` serves the archive, `make test` runs the suite.
# Both build .venv from constraints.txt first, so a fresh clone needs only Python 3.11+.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run worker test lint format install migrate seed serve bench soak eval collectstatic gunicorn clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise. Background jobs
# (uploads, re-links) run inside the request unless JOBS_BACKEND=database is set, in which
# case `make worker` in a second terminal runs them.
run: export DEBUG ?= 1
run: export JOBS_BACKEND ?= immediate
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seeds
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# A job worker: takes queued jobs from the database and runs them (Ctrl+C stops it after
# the current job). Reloads on code changes when DEBUG is on.
worker: export DEBUG ?= 1
worker: export JOBS_BACKEND = database
worker: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py db_worker

migrate: install
	$(BIN)/python manage.py migrate --no-input

seed: install
	$(BIN)/python manage.py load_seeds

test: install
	$(BIN)/python manage.py check --fail-level WARNING --settings archive.test_settings
	$(BIN)/python manage.py makemigrations --check --dry-run --settings archive.test_settings
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Figures at 1,000 articles (and each size in BENCH_ARTICLES, e.g. BENCH_ARTICLES=10000, and
# with BENCH_COPIES=N on PostgreSQL N times the largest size, copied in SQL + 1,000 loaded),
# on a throwaway database: BENCH_DB (default archive_bench) on the PostgreSQL server of
# DATABASE_URL, else a temporary SQLite file. Rewrites the figures in docs/benchmarks.md.
bench: install
	@command -v wrk >/dev/null || echo "wrk is not installed (apt-get install wrk): the requests-per-second part will be skipped."
	$(BIN)/python -m benchmarks.run

# gunicorn on loopback with the configured database: 32 readers and one editor
# for SOAK_SECONDS (default 300); prints statuses, errors, latency, lost writes.
soak: install
	$(BIN)/python -m benchmarks.soak

# Accuracy against the gold splits, on a throwaway SQLite database in /tmp (never the archive),
# written to docs/accuracy.md. dev may be tuned on; test is only reported.
EVAL_DB ?= /tmp/archive-eval.sqlite3
eval: export DATABASE_URL = sqlite:///$(EVAL_DB)
eval: export DEBUG = 1
eval: install
	rm -f $(EVAL_DB) $(EVAL_DB)-wal $(EVAL_DB)-shm
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py evaluate --gold evaluation/dev --gold evaluation/test \
		--gold tests/gold --markdown docs/accuracy.md
	rm -f $(EVAL_DB) $(EVAL_DB)-wal $(EVAL_DB)-shm

collectstatic: install
	$(BIN)/python manage.py collectstatic --no-input

# The production server, as the container runs it (needs SECRET_KEY etc.).
gunicorn: install collectstatic
	$(BIN)/gunicorn -c gunicorn.conf.py archive.wsgi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts
