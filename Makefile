# Two commands: `make lab` (set up + open the course) and `make test` (set up + run every test).
# Both are idempotent: the venv is reinstalled only when pyproject.toml changes, so the second
# run is fast and works offline.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE_STAMP := $(VENV)/.installed-site
PORT   ?= 8888

.PHONY: lab lab-instructor test setup exercises check-exercises bench clean

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

clean:
	rm -rf $(VENV) build dist .pytest_cache
