# The two commands of the README: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Nothing a run writes lands in the checkout but under build/ (and the virtual environment): every
# Python of the environment (the dashboard, tests, benchmarks, tools) keeps its bytecode there.
PYCACHE := import sys; sys.pycache_prefix = sys.pycache_prefix or '$(CURDIR)/build/pycache'
SITE = $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')

.PHONY: run test messages

run: $(VENV)/.runtime
	$(BIN)/streamlit run server.py

test: $(VENV)/.dev
	bash scripts/install-test-packages
	$(BIN)/ruff check .
	$(BIN)/pytest

# The catalogues of words brought up to date with the code: new messages in, unused ones out
# (translate the new ones in locale/vi/LC_MESSAGES/messages.po; tests/test_words.py checks).
messages: $(VENV)/.runtime
	mkdir -p build
	$(BIN)/pybabel -q extract -F babel.cfg -o build/messages.pot .
	$(BIN)/pybabel -q update -i build/messages.pot -d locale --ignore-obsolete --no-fuzzy-matching \
		--width 100

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	echo "$(PYCACHE)" > $(SITE)/build-pycache.pth
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	echo "$(PYCACHE)" > $(SITE)/build-pycache.pth
	touch $@ $(VENV)/.runtime
