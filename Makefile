# Newsroom Archive: `make run` starts the app, `make test` runs the whole test suite.
# Both create a local virtual environment (.venv) with everything the app needs on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast bench installers system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,build]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsroom-archive $(ARGS)

# System packages the tests need on a fresh Debian/Ubuntu machine (run as root or with sudo).
system-deps:
	@if command -v apt-get >/dev/null 2>&1; then sh scripts/system-deps.sh; fi

test: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --durations=25

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_import.py

# Installers for this system (README: "Building installers"), into dist/.
installers: $(STAMP)
	$(BIN)/python packaging/build.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
