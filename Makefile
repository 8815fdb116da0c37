# The two commands a fresh machine needs: `make demo` and `make test`. Each does its own set-up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= newsprism.db

.PHONY: demo test bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## demo: ingest the bundled example corpus into $(DB), list it, write report.html
demo: install
	$(BIN)/newsprism ingest examples/ --db $(DB)
	$(BIN)/newsprism docs --db $(DB)
	$(BIN)/newsprism report --db $(DB) -o report.html
	@echo "Open report.html in a browser; try: $(BIN)/newsprism show <ID> --db $(DB)"

## test: the whole suite (PostgreSQL tests run when NEWSPRISM_TEST_PG_URL is set; .ci/run sets it)
test: install-test
	$(BIN)/python -m pytest -q

## bench: quality benchmarks against ../shared/eval, checked against bench/baseline.json
bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm report.html .pytest_cache
