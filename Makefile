# The README's two commands are `make run` and `make test`; both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench real-code fuzz vsix system-deps clean

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

## make fuzz: the long versions of the generated-input tests that `make test` runs short:
## hypothesmith programs and generated modules, damaged real files, the protocol fuzz, random
## edits against the server's text, message framing, 100,000 edits for memory, and generated
## multi-module projects checked by the CLI and the server. It prints what each tried
## (hypothesis statistics: examples, outcomes, events) and what it found.
FUZZ_TESTS := tests/engine/test_properties.py tests/engine/test_mutated_files.py \
	tests/lsp/test_framing.py tests/lsp/test_text_sync.py tests/lsp/test_protocol_fuzz.py \
	tests/lsp/test_protocol_memory.py tests/project/test_cli_and_server_agree.py \
	tests/project/test_generated_projects.py
fuzz: $(STAMP)
	LOOPLINT_FUZZ=1 $(BIN)/pytest $(FUZZ_TESTS) -q -s -rA --hypothesis-show-statistics

## make vsix: package the VS Code extension as vscode-client/looplint.vsix. It carries looplint and its
## pure-Python dependencies in bundled/libs, so it runs on any Python >= 3.10 without a pip install;
## prune_bundled_libs.py leaves out what the server never uses (most of jedi's stubs).
BUNDLED_LIBS := vscode-client/bundled/libs
NODE_STAMP := vscode-client/node_modules/.installed
vsix: $(STAMP) $(NODE_STAMP)
	@echo "make vsix: installing looplint and its dependencies into $(BUNDLED_LIBS)"
	rm -rf $(BUNDLED_LIBS)
	$(BIN)/pip install --quiet --no-compile --target $(BUNDLED_LIBS) --no-deps --only-binary=:all: \
		--implementation py --python-version 3.10 --platform any -r vscode-client/requirements-bundled.txt
	$(BIN)/pip install --quiet --no-compile --target $(BUNDLED_LIBS) --no-deps .
	$(BIN)/python vscode-client/prune_bundled_libs.py $(BUNDLED_LIBS)
	@echo "make vsix: bundling the extension and packaging it"
	cd vscode-client && npm run --silent package

$(NODE_STAMP): vscode-client/package-lock.json
	@echo "make vsix: installing the extension's Node packages (npm ci)"
	cd vscode-client && npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

## make clean: remove everything the build, the tests and the benchmark made (the virtual environment,
## Node packages, code-server, the bundled libraries, the .vsix, caches, test artifacts, the benchmark's
## corpus and downloads); `make run` / `make test` make what they need again.
BUILT := $(VENV) build dist server/*.egg-info .pytest_cache .ruff_cache .hypothesis .looplint_cache \
	vscode-client/node_modules vscode-client/dist vscode-client/out vscode-client/bundled vscode-client/*.vsix \
	tests/artifacts tests/vscode/.cache tests/vscode/driver/node_modules \
	tests/jupyterlab/.cache tests/jupyterlab/driver/node_modules bench/corpus bench/.cache bench/real-code
clean:
	rm -rf $(BUILT)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
