# Two commands on a fresh machine:  `make brochures`  and  `make test`.
# Both create a project-local virtual environment (.venv) the first time and reuse it after:
# `make brochures` installs only what building needs, `make test` adds the test tools.
PYTHON ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
CREATED := $(VENV)/.created
RUNTIME := $(VENV)/.installed-runtime
TESTING := $(VENV)/.installed-test
PORT    ?= 8000

.PHONY: brochures test check serve goldens bench preview screenshots clean FORCE

brochures: $(RUNTIME)
	$(BIN)/brochure build

test: $(TESTING)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

check: $(RUNTIME)
	$(BIN)/brochure check

# The web page, on this computer only: open http://127.0.0.1:8000/ (PORT=8080 for another).
serve: $(RUNTIME)
	$(BIN)/brochure serve --port $(PORT)

# Rewrite tests/goldens/ from fresh builds; marks them UNREVIEWED (README: Golden PDFs).
goldens: $(TESTING)
	$(BIN)/pytest tests/test_goldens.py --update-goldens

# Speed, beside the Typst and WeasyPrint peers (WeasyPrint needs Pango:
# apt-get install libpango-1.0-0 libpangoft2-1.0-0). Takes a while: every career, every peer.
bench: $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench.py

# Refresh the README's preview pictures (needs pdftoppm from poppler-utils).
preview: $(RUNTIME)
	$(BIN)/brochure build medical-records-technician --out build/preview
	$(BIN)/brochure build medical-records-technician --layout trifold \
		--brand examples/brand.yaml --out build/preview
	$(BIN)/brochure build medical-records-technician --layout flyer --out build/preview
	pdftoppm -r 60 -png build/preview/medical-records-technician-handout.pdf docs/handout
	pdftoppm -r 50 -png build/preview/medical-records-technician-trifold--riverside-community-college.pdf docs/trifold
	pdftoppm -r 60 -png build/preview/medical-records-technician-flyer.pdf docs/flyer

# Refresh the README's pictures of the web page (needs Debian's chromium and Playwright).
screenshots: $(TESTING)
	$(BIN)/python docs/screenshots.py

# --- The environment ------------------------------------------------------------------
# The oldest Python the package supports, from requires-python in pyproject.toml.
MIN_PYTHON := $(shell sed -n 's/^requires-python *= *">= *\([0-9.]*\)".*/\1/p' pyproject.toml)
# The major.minor version of the Python $(1), or nothing when it does not run.
version_of = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
# "yes" when the version $(1) is older than MIN_PYTHON.
older = $(shell echo '$(1) $(MIN_PYTHON)' | awk '{ split($$1, a, "."); split($$2, b, "."); \
	print ((a[1] + 0 < b[1] + 0 || (a[1] + 0 == b[1] + 0 && a[2] + 0 < b[2] + 0)) ? "yes" : "no") }')

# Why an existing .venv cannot be reused (nothing when it can): its Python is gone or too
# old, or no install into it ever finished (stopped, or failed half way). `.installed` is
# the stamp older versions of this file wrote.
ifneq ($(wildcard $(VENV)),)
  VENV_PYTHON := $(call version_of,$(BIN)/python)
  ifeq ($(VENV_PYTHON),)
    STALE := its Python no longer runs
  else ifeq ($(call older,$(VENV_PYTHON)),yes)
    STALE := it was made with Python $(VENV_PYTHON)
  else ifeq ($(wildcard $(RUNTIME) $(TESTING) $(VENV)/.installed),)
    STALE := a previous setup did not finish
  endif
endif

# Checked before anything is removed or made, so a Python too old never leaves a .venv.
# A .venv that is kept but has no .created (the older Makefile made it) is only stamped.
PYTHON_VERSION = $(call version_of,$(PYTHON))
GOAL = $(firstword $(MAKECMDGOALS) brochures)
HINT = hint: install Python $(MIN_PYTHON) or newer, then run: make PYTHON=python$(MIN_PYTHON) $(GOAL)
python_check = $(if $(PYTHON_VERSION),$(if $(filter yes,$(call older,$(PYTHON_VERSION))),\
	@printf '%s\n' "error: $(PYTHON) is Python $(PYTHON_VERSION); this project needs Python $(MIN_PYTHON) or newer" "  $(HINT)" >&2; exit 1),\
	@printf '%s\n' "error: cannot run $(PYTHON); this project needs Python $(MIN_PYTHON) or newer" "  $(HINT)" >&2; exit 1)

$(CREATED): $(if $(STALE),FORCE)
ifneq ($(and $(wildcard $(VENV)),$(if $(STALE),,kept)),)
	touch $@
else
	$(python_check)
	$(if $(STALE),@echo "rebuilding $(VENV): $(STALE)")
	$(if $(STALE),rm -rf $(VENV))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@
endif

$(RUNTIME): pyproject.toml $(CREATED)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test tools come with everything building needs, so this is the runtime too.
$(TESTING): pyproject.toml $(CREATED)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUNTIME)

clean:
	rm -rf $(VENV) output/*.pdf
