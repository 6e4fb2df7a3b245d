# rmdesk: `make run` opens the app, `make test` runs every check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rmdesk

lint: $(STAMP)
	$(BIN)/ruff check rmdesk tests scripts
	$(BIN)/ruff format --check rmdesk tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/bench -s -q -p no:cacheprovider

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_dashboard.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_sessions.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/render_sample_agreement.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
