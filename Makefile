# Two commands for a newcomer: `make run` and `make test` (README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
API_PORT ?= 8000
SPA_PORT ?= 5000

.PHONY: install run test test-busy test-stack bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt bin/install
	bin/install $(VENV)
	@touch $@

## run: install, migrate, load demo data, start the API (:8000) and the SPA (:5000)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	API_PORT=$(API_PORT) SPA_PORT=$(SPA_PORT) bin/run-dev $(VENV)

## test: the whole suite on the embedded default (SQLite, local cache, eager Celery)
test: install
	bin/test-embedded $(VENV)

## test-busy: `make test` beside two busy loops, as on a shared, overloaded CI machine
test-busy: install
	bin/test-busy $(VENV)

## test-stack: the suite against MariaDB + Redis + a real Celery worker (.ci/run)
test-stack: install
	bin/test-stack $(VENV)

## bench: the benchmarks of bench/ on the production-like stack
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
