# The two commands of the README: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Nothing a run writes lands in the checkout but under build/ (and the virtual environment).
export PYTHONPYCACHEPREFIX := $(CURDIR)/build/pycache

.PHONY: run test

run: $(VENV)/.runtime
	$(BIN)/streamlit run dashboard.py

test: $(VENV)/.dev
	bash scripts/install-test-packages
	$(BIN)/ruff check .
	$(BIN)/pytest

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime
