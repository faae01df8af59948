# Quick start:  make serve   (set up .venv, build the index, run the API on 127.0.0.1:8000)
# Tests:        make test    (set up dev extras, run every test incl. integration + LLM, lint the Dockerfile)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup setup-dev index serve test test-unit lint bench quality

$(VENV)/.installed: pyproject.toml scripts/install.sh
	VENV=$(VENV) sh scripts/install.sh
	touch $@

$(VENV)/.installed-dev: pyproject.toml scripts/install.sh
	VENV=$(VENV) EXTRAS=dev,llm-test sh scripts/install.sh
	touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

index: setup
	$(BIN)/ragqa ingest

serve: setup
	$(BIN)/ragqa serve --host $(HOST) --port $(PORT)

test: setup-dev
	$(BIN)/python -m pytest -m "" $(PYTEST_ARGS)
	$(BIN)/hadolint Dockerfile

test-unit: setup-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check src service tests benchmarks
	$(BIN)/hadolint Dockerfile

quality: setup
	$(BIN)/python benchmarks/quality.py

bench: setup-dev
	$(BIN)/python benchmarks/latency.py
	$(BIN)/python benchmarks/slack.py
