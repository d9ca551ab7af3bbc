# Two commands on a fresh machine:  `make brochures`  and  `make test`.
# Both create a project-local virtual environment (.venv) the first time and reuse it after.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: brochures test check bench preview screenshots clean

brochures: $(STAMP)
	$(BIN)/brochure build

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/brochure check

# Speed, beside the Typst and WeasyPrint peers (WeasyPrint needs Pango:
# apt-get install libpango-1.0-0 libpangoft2-1.0-0). Takes a while: every career, every peer.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench.py

# Refresh the README's preview pictures (needs pdftoppm from poppler-utils).
preview: $(STAMP)
	$(BIN)/brochure build medical-records-technician --out build/preview
	$(BIN)/brochure build medical-records-technician --layout trifold \
		--brand examples/brand.yaml --out build/preview
	$(BIN)/brochure build medical-records-technician --layout flyer --out build/preview
	pdftoppm -r 60 -png build/preview/medical-records-technician-handout.pdf docs/handout
	pdftoppm -r 50 -png build/preview/medical-records-technician-trifold.pdf docs/trifold
	pdftoppm -r 60 -png build/preview/medical-records-technician-flyer.pdf docs/flyer

# Refresh the README's pictures of the web page (needs Debian's chromium).
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) output/*.pdf
