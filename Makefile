# Gongkai: `make run` (embedded default, SQLite) and `make test` (real PostgreSQL, Redis, OpenSearch, Celery).
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make-stamps
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	if command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then echo $$p; break; fi; done)

.PHONY: run setup test bench services-up services-down services-status clean

run: setup
	@echo "Gongkai: http://127.0.0.1:$(PORT)/  后台: http://127.0.0.1:$(PORT)/admin/  (admin / gongkai-demo)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: $(STAMPS)/venv $(STAMPS)/e5
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo --inbox --history

$(STAMPS)/venv: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本 (Python 3.11+ is required)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@

# the query-embedding engine (search/native): without a C compiler the packaged one is used
$(STAMPS)/e5: search/native/e5.c search/native/e5.h scripts/build-e5
	scripts/build-e5
	@mkdir -p $(STAMPS) && touch $@

test: $(STAMPS)/venv $(STAMPS)/e5
	scripts/test

bench: $(STAMPS)/venv $(STAMPS)/e5
	scripts/bench

services-up:
	scripts/services up
services-down:
	scripts/services down
services-status:
	scripts/services status

clean:
	rm -rf $(STAMPS) var db.sqlite3
