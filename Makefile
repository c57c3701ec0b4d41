# The README's two commands are `make run` and `make test`; both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench real-code vsix system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## make run: check the example programs, show findings with their fixes, then the safe-fix diff.
run: $(STAMP)
	@$(BIN)/looplint check examples/ ; status=$$?; [ $$status -le 1 ] || exit $$status
	@echo; echo "--- what 'looplint check --fix examples/' would change (safe fixes only):"
	@$(BIN)/looplint check --diff examples/ ; status=$$?; [ $$status -le 1 ] || exit $$status

## make test: install everything the tests need, then lint and run every test.
test: $(STAMP) system-deps
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix server tests bench
	$(BIN)/ruff format server tests bench

system-deps:
	bash .ci/install-system-deps

bench: $(STAMP)
	$(BIN)/python bench/run.py

## make real-code: looplint over 20+ pinned public async packages; every finding and its verdict in
## bench/REAL_CODE.md (verdicts: bench/real_code_verdicts.toml).
real-code: $(STAMP)
	$(BIN)/python bench/real_code.py

## make vsix: package the VS Code extension as vscode-client/looplint.vsix. It carries looplint and its
## pure-Python dependencies in bundled/libs, so it runs on any Python >= 3.10 without a pip install.
BUNDLED_LIBS := vscode-client/bundled/libs
vsix: $(STAMP)
	rm -rf $(BUNDLED_LIBS)
	$(BIN)/pip install --quiet --target $(BUNDLED_LIBS) --no-deps --only-binary=:all: \
		--implementation py --python-version 3.10 --platform any -r vscode-client/requirements-bundled.txt
	$(BIN)/pip install --quiet --target $(BUNDLED_LIBS) --no-deps .
	rm -rf $(BUNDLED_LIBS)/bin
	cd vscode-client && npm ci --no-audit --no-fund && npm run package

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
