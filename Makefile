# The two commands a newcomer needs: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := data/scrutinydesk.db
INDICATOR_FILES := data/official_values.csv $(sort $(wildcard data/dfe/*.csv))
BUILD_INPUTS := $(wildcard data/minutes/*) data/indicators.csv data/comparators/statistical_neighbours.csv \
                $(INDICATOR_FILES) $(shell find scrutinydesk/core scrutinydesk/ingest -name '*.py' 2>/dev/null)
ARGS ?=

.PHONY: run test lint db bench package clean

run: $(VENV)/.installed $(DB)
	$(BIN)/scrutinydesk $(ARGS)

test: $(VENV)/.installed-test $(DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 -q
	$(BIN)/ruff check scrutinydesk tests benchmarks

lint: $(VENV)/.installed-test
	$(BIN)/ruff check scrutinydesk tests benchmarks

# Ten years of every committee (issue 8): the county corpus is built once and cached in benchmarks/out/.
bench: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

db: $(DB)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# Rebuilt when the minutes, the reference data or the extractor change; ids carried over from the last build.
$(DB): $(VENV)/.installed $(BUILD_INPUTS)
	$(BIN)/scrutinydesk build $@ --minutes data/minutes $(addprefix --indicators ,$(INDICATOR_FILES)) \
		$(if $(wildcard $@),--keep-ids-from $@)

# A one-folder app in dist/scrutinydesk/ for this platform (packaging/README.md: installers, IT preconfiguration).
package: $(VENV)/.installed $(DB)
	$(BIN)/python -m pip install -q -e '.[package]'
	$(BIN)/python packaging/lean_numpy.py build/lean-numpy
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/scrutinydesk.spec
	@du -sh dist/scrutinydesk

clean:
	rm -rf $(VENV) $(DB) build dist
