# reportedly: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
POLNEAR := $(SHARED)/polnear

.PHONY: install demo test eval bench bench-ingest bench-web train typecheck clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

DEMO_DB := build/demo.db

# The example corpus in a demo ledger, served as a web app (prints the URL; Ctrl+C stops it).
demo: $(STAMP)
	mkdir -p build
	$(BIN)/reportedly ingest examples/corpus/ --db sqlite:///$(DEMO_DB)
	$(BIN)/reportedly serve --db sqlite:///$(DEMO_DB) $(if $(PORT),--port $(PORT))

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Dev-set scores, checked against the stored floors (skips when PolNeAR is absent).
eval: $(STAMP)
	@if [ -d $(POLNEAR)/dev ]; then \
	  $(BIN)/reportedly evaluate $(POLNEAR)/dev --floors eval/floors.json; \
	else echo "eval: $(POLNEAR)/dev not found; skipping"; fi

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py $(or $(DOCS),$(POLNEAR)/dev/text)

# Ledger ingest throughput and size, SQLite and (with REPORTEDLY_TEST_POSTGRES_URL) PostgreSQL.
bench-ingest: $(STAMP)
	$(BIN)/python benchmarks/ingest.py $(or $(DOCS),$(POLNEAR)/train/text)

# Cost against corpus size (100, 300, 840 articles): 1 and 2 workers, a 2-worker Dask LocalCluster, parse only (~12 min).
.PHONY: bench-scale
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py $(or $(DOCS),$(POLNEAR)/train/text)

# Web app page and JSON times on a 5,000-article ledger (built once under build/; p50/p95 ms).
bench-web: $(STAMP)
	$(BIN)/python benchmarks/web.py

# Retrain the shipped models from PolNeAR train (needs scikit-learn).
train: $(STAMP)
	$(BIN)/python -m pip install --quiet "scikit-learn>=1.5,<1.9"
	$(BIN)/python scripts/train.py --polnear $(POLNEAR)

typecheck: $(STAMP)
	$(BIN)/python -m pip install --quiet "mypy>=1.10"
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
