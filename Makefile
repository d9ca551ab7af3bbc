# Two commands on a fresh machine:  `make brochures`  and  `make test`.
# Both create a project-local virtual environment (.venv) the first time and reuse it after.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: brochures test check preview clean

brochures: $(STAMP)
	$(BIN)/brochure build

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/brochure check

# Refresh the README's preview pictures (needs pdftoppm from poppler-utils).
preview: brochures
	pdftoppm -r 60 -png output/medical-records-technician-handout.pdf docs/handout

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) output/*.pdf
