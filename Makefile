# The two commands a newcomer runs: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site test serve bench lint browser clean
AXE := node_modules/axe-core/axe.min.js

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

site: $(STAMP)
	$(BIN)/fazhi build
	@echo ""
	@echo "站点已生成 / site built: build/site/index.html"
	@echo "本地预览 / to serve it: make serve  ->  http://127.0.0.1:8000"

serve: $(STAMP)
	$(BIN)/fazhi serve

browser:
	@sh scripts/ensure-browser.sh

# axe-core for the accessibility tests, from the npm lock file; test-only, never used by the site build.
$(AXE): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(AXE)

lint: $(STAMP)
	$(BIN)/ruff check scripts tests

test: $(STAMP) browser $(AXE) lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	$(BIN)/fazhi bench

clean:
	rm -rf build
