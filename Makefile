# The two commands that matter: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint schema outputs score clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

## make run: set up and extract facts from seeds/ into outputs/seeds.jsonl, with a summary
run: $(STAMP_RUN)
	$(BIN)/zhfacts extract seeds -o outputs/seeds.jsonl

## make test: set up with the test extras and run ruff and the whole pytest suite
test: $(STAMP_TEST)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/python -m pytest

schema: $(STAMP_RUN)
	$(BIN)/zhfacts schema

## make score: score the committed outputs with the shared scorer
score:
	$(PYTHON) ../shared/tools/score_facts.py ../shared/gold outputs/seeds.jsonl

clean:
	rm -rf $(VENV) .pytest_cache
