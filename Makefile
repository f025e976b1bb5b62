# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
ZD := $(VENV)/bin/zerodesk
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ZERODESK_DATA_DIR ?= var

.PHONY: install ingest seed run serve test lint typecheck bench eval eval-retrieval eval-guardrails replay browser clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first, by itself: pip finds the CPU wheel locally; a plain `torch` pulls CUDA.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --upgrade pip
	$(PIP) install torch==2.13.0
	$(PIP) install -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(ZD) ingest

seed: install
	$(ZD) seed

run: install ingest seed
	$(ZD) serve

serve: install
	$(ZD) serve

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: install browser
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: install
	$(PY) -m evals.bench
	$(PY) -m evals.http_load

eval-retrieval: install
	$(PY) -m evals.retrieval
	$(PY) -m evals.retrieval --kb foreign
	$(PY) -m evals.retrieval --kb faq

eval-guardrails: install
	$(PY) -m evals.guardrails_eval

eval: install
	$(PY) -m evals.run

replay: install ingest seed
	$(ZD) month replay-full

clean:
	rm -rf var reports .pytest_cache .mypy_cache .ruff_cache
