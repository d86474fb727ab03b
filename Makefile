# Two commands on a fresh clone: `make run` and `make test`. Everything installs from uv.lock.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
UV := $(shell command -v uv 2>/dev/null || echo $(VENV)/bin/uv)
BIN := $(VENV)/bin
DB ?= sqlite:///$(CURDIR)/data/timeline.db
HTMX_VERSION := 2.0.11
HTMX_SHA256 := d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717

.PHONY: install install-run run test eval eval-real test-browser test-fast lint format vendor-htmx bench schemathesis load clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv

install: $(UV)  ## create .venv and sync it exactly from uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --python $(PYTHON)

install-run: $(UV)  ## .venv with what serving and ingesting need, no dev tools (what `make run` uses)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --no-dev --python $(PYTHON)

run: install-run  ## migrate, ingest the seeds (once), serve on http://127.0.0.1:8000
	$(BIN)/csto-timeline --db $(DB) migrate
	$(BIN)/csto-timeline --db $(DB) ingest seeds/
	$(BIN)/csto-timeline --db $(DB) serve

test: install  ## the whole suite (browser tests included when Chromium is installed)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-browser: install  ## only the Playwright tests (screenshots in test-artifacts/browser/)
	$(BIN)/python -m pytest -q -m browser tests/browser

test-fast: install
	$(BIN)/python -m pytest -q -x -m "not browser and not slow"

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

vendor-htmx:  ## re-fetch htmx from npm and verify its sha256
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null \
	  && tar xzf htmx.org-$(HTMX_VERSION).tgz \
	  && echo "$(HTMX_SHA256)  package/dist/htmx.min.js" | sha256sum --check --quiet \
	  && cp package/dist/htmx.min.js $(CURDIR)/static/htmx-$(HTMX_VERSION).min.js \
	  && echo "static/htmx-$(HTMX_VERSION).min.js verified ($(HTMX_SHA256))"

schemathesis: install  ## schemathesis on a real server (127.0.0.1), every phase; figures in test-artifacts/schemathesis/
	$(BIN)/python tests/load/run_schemathesis.py --max-examples $(or $(MAX_EXAMPLES),200)

load: install  ## CLIENTS for LOAD_SECONDS on 127.0.0.1 while ARTICLES ingest: zero 5xx, none lost
	$(BIN)/python tests/load/run_load.py --clients $(or $(CLIENTS),8) --seconds $(or $(LOAD_SECONDS),20) \
	  --articles $(or $(ARTICLES),300)

eval: install  ## extraction figures on every gold set (seeds, held-out sets), via the real ingest
	$(BIN)/python -m bench.evaluate

eval-real: install  ## real-corpus figures (SPLIT=dev|blind|all, WITH_URL=1, EVAL_ARGS=--verbose)
	$(BIN)/python -m bench.real.evaluate --split $(or $(SPLIT),dev) $(if $(WITH_URL),--with-url) $(EVAL_ARGS)

bench: install  ## ingest + serving benchmark vs Datasette (< 15 min cold); bench/results/latest.md
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --group bench
	command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || true)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache test-artifacts
