# Two commands set everything up on a fresh machine:
#   make run   - create .venv if missing, install josephson, run the main demo and write the
#                quick reproduction reports of every covered document under out/reproduce
#   make test  - create .venv with the dev extra if missing, run the test suite
#   make docs  - install the docs extra, build the site from scratch (warnings are errors):
#                runs the tutorials and the quick reproduction, writes docs/_build/html
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/josephson demo
	$(BIN)/josephson reproduce --all --quick --out out/reproduce

test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/iv_benchmark.py

# from scratch every time: the plot directive reuses figures newer than their page, and the
# tutorials and reports must be computed by this build
docs: $(VENV)/.installed-docs
	rm -rf docs/_build docs/_generated
	$(BIN)/sphinx-build -W --keep-going -b html -d docs/_build/doctrees docs docs/_build/html

clean:
	rm -rf $(VENV) out build src/*.egg-info .pytest_cache docs/_build docs/_generated
