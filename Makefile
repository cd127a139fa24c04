# The whole set-up interface: make run | test | lint | bench | load
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(CURDIR)/.venv-uv/bin/uv")
PY := .venv/bin/python

.PHONY: run test lint format bench load install

$(UV):
	@echo "uv not found: installing it with pip into .venv-uv"
	python3 -m venv .venv-uv && .venv-uv/bin/pip install --quiet uv

install: $(UV)
	@$(UV) sync --frozen --quiet

run: install
	@bin/run

test: install
	@$(UV) run --frozen pytest $(PYTEST_ARGS)

lint: install
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@PYTHONPATH=src $(UV) run --frozen lint-imports --no-cache

format: install
	@$(UV) run --frozen ruff check --fix .
	@$(UV) run --frozen ruff format .

# BIG=1: the player commands at the issue's big size (bench/big.py), not the small default.
# Results go to untracked bench/results/run*.json; SAVE=1 writes the tracked latest*.json.
bench: install
	@$(if $(BIG),BENCH_SIZE=big )$(if $(SAVE),SAVE=$(SAVE) )$(UV) run --frozen python bench/run.py

# The real game under 50 telnet players, 8 API clients and 25 open progression pages polling
# (LOAD_PAGES) for LOAD_SECONDS (120): PostgreSQL (DATABASE_URL's server, else the local one),
# DB=sqlite, or DB=both. Exits 1 on any error.
load: install
	@$(UV) run --frozen python -m bench.load $(if $(DB),--db $(DB))
