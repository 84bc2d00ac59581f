# Two commands: `make lab` (set up + open the course) and `make test` (set up + run every test).
# Both are idempotent: the venv is reinstalled only when pyproject.toml changes, so the second
# run is fast and works offline.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE_STAMP := $(VENV)/.installed-site
PORT   ?= 8888

.PHONY: lab lab-instructor test setup exercises check-exercises bench bench-peers clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (coursekit)" >/dev/null
	@touch $(STAMP)

# The tests also build the offline course website: they add the extra .[site] (Sphinx, MyST-NB),
# which `make lab` does not need. Reinstalled whenever the base install is.
$(SITE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,site]"
	@touch $(SITE_STAMP)

# Students: nbgrader's authoring tools are switched off (jupyter-config/README.md).
lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config/student" $(BIN)/jupyter lab --allow-root --port=$(PORT) --ServerApp.root_dir=. notebooks/00_welcome.ipynb

# Instructors: the same JupyterLab with nbgrader's menu, sidebar and formgrader.
lab-instructor: $(STAMP)
	$(BIN)/jupyter lab --allow-root --port=$(PORT) --ServerApp.root_dir=. notebooks/00_welcome.ipynb

# Unit, property, doctest, widget and integration tests, plus every notebook executed by nbval.
test: $(SITE_STAMP)
	$(BIN)/python -m pytest -q tests coursekit --nbval-lax --nbval-current-env notebooks solutions exercises

exercises: $(STAMP)
	$(BIN)/coursekit build-exercises

check-exercises: $(STAMP)
	$(BIN)/coursekit build-exercises --check

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

# The BTYD comparison with PyMC-Marketing too, which needs Python >= 3.12: its own venv
# .venv-peers with the extra .[bench-peers]; `make test` and `make lab` do not use it.
# PYTHON312 is the first of python3.12, python3.13 on PATH that runs (a pyenv shim without that
# version does not), else a pyenv 3.12/3.13 build. Override: make bench-peers PYTHON312=/path/python
# Arguments for the benchmark: make bench-peers BENCH_ARGS="--sizes 100000 --cap 60"
PEERS_VENV  := .venv-peers
PEERS_BIN   := $(PEERS_VENV)/bin
PEERS_STAMP := $(PEERS_VENV)/.installed
PYTHON312 ?= $(shell for c in python3.12 python3.13 \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python $(HOME)/.pyenv/versions/3.13*/bin/python); \
	do $$c -c 'import sys; assert sys.version_info >= (3, 12); print(sys.executable)' \
	2>/dev/null && break; done)
BENCH_ARGS ?=

$(PEERS_STAMP): pyproject.toml
	@py="$(PYTHON312)"; if [ -z "$$py" ]; then \
	  echo "make bench-peers needs Python >= 3.12 (pymc-marketing 1.3.0 does): no python3.12 or" \
	    "python3.13 on PATH runs and no $(HOME)/.pyenv/versions/3.12*/bin/python exists." \
	    "Install one, or run: make bench-peers PYTHON312=/path/to/python3.12" >&2; exit 1; fi; \
	test -x $(PEERS_BIN)/python || "$$py" -m venv $(PEERS_VENV)
	$(PEERS_BIN)/python -m pip install --quiet --upgrade pip
	$(PEERS_BIN)/python -m pip install --quiet -e ".[bench-peers]"
	@touch $(PEERS_STAMP)

bench-peers: $(PEERS_STAMP)
	$(PEERS_BIN)/python benchmarks/btyd_vs_peers.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(PEERS_VENV) build dist .pytest_cache
