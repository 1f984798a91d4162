# `make` builds everything (venv, tables, notebooks, charts); `make test` checks everything.
# Each step re-runs only when its inputs changed, so a second `make` is quick and writes nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := .make
SRC    := $(shell find src -name '*.py' -o -name '*.mplstyle' -o -name '*.toml')
NBS    := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
# Notebook kernels get their environment from korea_russia.notebooks (inline charts, fixed
# hash seed); nbval gets the same here, so committed outputs and test runs agree.
NBVAL_ENV := env -u MPLBACKEND PYTHONHASHSEED=0
# JupyterLab refuses to start as root (containers) unless told; elsewhere it needs no flag.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: all venv tables notebooks test lint unit nbval bench lab serve help clean

all: notebooks ## build the tables, execute the notebooks, export the charts

$(BIN)/korea-russia: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,archive,serve]'
	@touch $@

venv: $(BIN)/korea-russia ## create .venv and install the package with its pinned dependencies

$(STAMPS)/tables: $(BIN)/korea-russia $(SRC) data/sources.csv $(wildcard data/raw/*.txt data/reference/*.csv)
	$(BIN)/korea-russia build
	@mkdir -p $(STAMPS) && touch $@

tables: $(STAMPS)/tables ## build data/processed/ from data/raw/

$(STAMPS)/notebooks: $(STAMPS)/tables $(NBS) $(SRC) $(wildcard data/processed/* data/reference/*)
	$(BIN)/korea-russia notebooks
	@mkdir -p $(STAMPS) && touch $@

notebooks: $(STAMPS)/notebooks ## execute the notebooks in place and export reports/figures/

test: lint unit nbval ## lint, unit tests, notebook tests (nbval, strict)

lint: venv ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: venv ## pytest unit tests
	$(BIN)/pytest tests

nbval: venv ## re-run every notebook and compare its outputs with the committed ones
	$(NBVAL_ENV) $(BIN)/pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider notebooks

bench: venv ## accuracy and speed benchmarks against their baselines
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,archive,serve,bench]'
	$(BIN)/python benchmarks/run.py

serve: $(STAMPS)/tables ## browse the tables in Datasette on http://127.0.0.1:8001/
	$(BIN)/korea-russia serve

lab: venv ## open JupyterLab on notebooks/
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,archive,serve,lab]'
	$(BIN)/jupyter lab notebooks/ $(ALLOW_ROOT)

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

clean: ## remove the venv and make's stamps (keeps every committed output)
	rm -rf $(VENV) $(STAMPS)
