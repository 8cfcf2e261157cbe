# dyad: `make demo` sets everything up and runs the main job on the bundled samples;
# `make test` runs the linters, the type checker and the test suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB := demo.duckdb

.PHONY: install demo test lint typecheck unit clean lock

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB).wal $(DEMO_DB).lock
	$(BIN)/dyad ingest samples/ --db $(DEMO_DB)
	$(BIN)/dyad articles --db $(DEMO_DB)
	$(BIN)/dyad quotes --db $(DEMO_DB) --speaker "Barack Obama" --limit 8
	$(BIN)/dyad timeline "Barack Obama" "Vladimir Putin" --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal $(DEMO_DB).lock .pytest_cache .mypy_cache .ruff_cache

lock: install
	(echo "# Pinned dependencies (pip freeze of a working .venv); regenerate with \`make lock\`."; \
	 $(BIN)/pip freeze --exclude-editable | grep -v '^dyad') > requirements.lock
