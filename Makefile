# Two commands: `make run` and `make test`. Both create the environment first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN_DIR ?= $(or $(TMPDIR),/tmp)/vinculo-sample-vault
export VINCULO_TODAY ?= 2026-11-29

.PHONY: run test bench lint clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

venv: $(VENV)/.installed

## run: copy sample_vault to a scratch folder and run the main job on it
run: venv
	rm -rf "$(RUN_DIR)" "$(RUN_DIR).state" && mkdir -p "$(RUN_DIR)" && cp -R sample_vault/. "$(RUN_DIR)/"
	VINCULO_STATE_DIR="$(RUN_DIR).state" $(BIN)/vinculo sync "$(RUN_DIR)"
	VINCULO_STATE_DIR="$(RUN_DIR).state" $(BIN)/vinculo contacts "$(RUN_DIR)"
	@echo "The synced copy is in $(RUN_DIR) (sample_vault/ itself is untouched)."

## test: install with test extras; lint, type-check (mypy) and run the whole suite
test: venv
	$(BIN)/ruff check .
	$(BIN)/python .ci/typecheck.py
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$rc

## bench: speed, memory and quality figures (not tests)
bench: $(VENV)/.bench-installed
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/python .ci/typecheck.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
