# Quick start:  make serve   (set up .venv, build the index, run the API on 127.0.0.1:8000)
# Tests:        make test    (set up dev extras, run every test incl. integration + LLM in random order, lint the
#                              Dockerfile, then the dev-set quality gate: `ragqa eval ... --fail-under ...`;
#                              every part runs even if one fails, with a summary line per part)
# Image:        make image-test  (build the Dockerfile with buildah over a debootstrap'd base, run it, check it)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Gold questions: the shared dev set when it sits beside the repo, else the committed copy.
QA ?= $(firstword $(wildcard ../shared/eval/dev_qa.jsonl) tests/data/dev_qa.jsonl)
EVAL_OUT ?= artifacts/eval
# Quality gate on the dev set, extractive mode (README "Evaluation" explains each threshold).
EVAL_GATE ?= --fail-under retrieval_hit@5=0.85 mrr=0.80 answer_accuracy=0.65 abstention_recall=0.60 \
	citation_validity=1.0 citation_recall=0.95 citation_precision=0.95 --fail-over false_abstention=0.10
# Regression gate on the held-out split (benchmarks/data/qa_heldout.jsonl, never tuned on): measured figures
# (README "Measured quality") minus a margin of about .05. The issue's targets (.80/.85/.08/.90) are higher.
HELDOUT_GATE ?= --fail-under answer_accuracy=0.84 abstention_recall=0.81 mrr=0.78 citation_validity=1.0 \
	citation_precision=0.95 lead_accuracy=0.74 concise_accuracy=0.55 --fail-over false_abstention=0.09
# the blind held-out set (stop 25): its figures minus about 0.05 (lead and concise raised at stops 27, 31 and 32,
# abstention at stops 33, 35, 36 and 47, answers at stop 37)
BLIND_GATE ?= --fail-under answer_accuracy=0.84 abstention_recall=0.83 mrr=0.80 citation_validity=1.0 \
	citation_precision=0.95 lead_accuracy=0.72 concise_accuracy=0.50 --fail-over false_abstention=0.07
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup setup-dev index serve test test-unit lint bench quality eval-gate fit-abstention fit-reranker fit-grounding browser-deps image-test

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
	@bash scripts/run-parts.sh \
	  "pytest=mkdir -p artifacts && $(BIN)/python -m pytest -m '' --basetemp=$(CURDIR)/artifacts/pytest-tmp $(PYTEST_ARGS)" \
	  "hadolint=$(BIN)/hadolint Dockerfile" \
	  "eval-gate=$(MAKE) --no-print-directory eval-gate"

# Build the Dockerfile without a Docker daemon and run the image (needs root or sudo for apt/debootstrap).
image-test:
	bash scripts/image-test.sh

eval-gate: setup
	$(BIN)/ragqa eval --qa $(QA) --in-process --mode extractive --quiet --out $(EVAL_OUT) $(EVAL_GATE)
	$(BIN)/ragqa eval --qa benchmarks/data/qa_heldout.jsonl --in-process --mode extractive --quiet \
	  --out $(EVAL_OUT)-heldout $(HELDOUT_GATE)
	$(BIN)/ragqa eval --qa benchmarks/data/qa_heldout_blind.jsonl --in-process --mode extractive --quiet \
	  --out $(EVAL_OUT)-heldout-blind $(BLIND_GATE)

# Refit the abstention model on the tuning split (writes src/ragqa/answer/abstention_model.json; it reads the
# fused ranking, whatever the reranker).
fit-abstention: setup
	$(BIN)/python benchmarks/fit_abstention.py

# Refit the sentence reranker on the tuning split (writes src/ragqa/retrieval/rerank_model.json).
fit-reranker: setup
	$(BIN)/python benchmarks/fit_reranker.py

# Refit the grounding model of LLM answers on the tuning split of benchmarks/data/grounding.jsonl (writes
# src/ragqa/answer/grounding_model.json and benchmarks/results/grounding_fit.json, held-out figures included).
fit-grounding: setup
	$(BIN)/python benchmarks/fit_grounding.py

# Debian's chromium and fonts with Korean, Chinese and emoji glyphs, for the web chat browser test
# (needs root or sudo; .ci/run calls it). Without chromium that test is skipped unless RAGQA_REQUIRE_BROWSER=1.
browser-deps:
	@need=""; command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need="$$need fonts-noto-cjk"; \
	fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || need="$$need fonts-noto-color-emoji"; \
	if [ -n "$$need" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "installing:$$need"; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$need; \
	fi

test-unit: setup-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check src service tests benchmarks
	$(BIN)/hadolint Dockerfile

quality: setup
	$(BIN)/ragqa eval --qa $(QA) --in-process --mode extractive --out benchmarks/results/eval

bench: setup-dev
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/slack.py
	$(BIN)/python benchmarks/omp_contention.py
