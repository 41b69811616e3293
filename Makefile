# Two commands: `make run` opens the dashboard on the seed articles; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
export INCIDENT_MAP_DB ?= sqlite:///data/incidents.sqlite

.PHONY: run test setup setup-test assets seed lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

static/node_modules/.installed: static/package.json
	cd static && (npm ci --no-audit --no-fund --ignore-scripts 2>/dev/null || npm install --no-audit --no-fund --ignore-scripts)
	touch $@

setup: $(VENV)/.installed static/node_modules/.installed
setup-test: $(VENV)/.installed-test static/node_modules/.installed

assets: static/node_modules/.installed

seed: setup
	$(PY) -m geo ingest --if-empty seeds/

run: seed
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT) --server.headless true

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest -q

bench: setup-test
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/gazetteer_bench.py
	$(PY) bench/ingest_bench.py
	$(PY) bench/dashboard_bench.py

clean:
	rm -rf $(VENV) static/node_modules data/incidents.sqlite
