# All set-up happens here: `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install translations syslibs run tour test test-fast test-faults test-keyring lint typecheck bench screenshots dist test-dist clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Qt .qm files are built from the .ts sources in resources/translations/, never committed.
translations: install
	$(BIN)/python -m ui.build_translations

# Qt's X11 plugin needs system libraries (libxcb-cursor0 and others, see the README): say in one
# line what to install, before Qt says it in English. `make run SYSLIBS=--install` installs them
# (as root with apt-get).
syslibs: install
	$(BIN)/python installer/syslibs.py $(SYSLIBS)

run: install translations syslibs
	$(BIN)/assessment-app $(ARGS)

# The scripted tour: the real app under Xvfb, driven with xdotool from the first run to both
# PDFs; a PNG per step in docs/tour/. Fails on an error dialog or banner, a traceback, or a
# step that does not reach its screen. Installs xvfb, xdotool and poppler-utils (as root).
TOUR_TOOLS := xvfb-run:xvfb xdotool:xdotool pdftoppm:poppler-utils
tour: install translations
	@for pair in $(TOUR_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null && continue; \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
	    { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $${pair#*:} >/dev/null; } || exit 1; \
	  else echo "Installera / install: sudo apt-get install $${pair#*:}"; exit 1; fi; \
	done
	$(BIN)/python installer/syslibs.py --install
	xvfb-run -a -s "-screen 0 1366x900x24" timeout -k 10 300 $(BIN)/python -m tests.tour.run_tour --out docs/tour $(TOUR_ARGS)

# The whole suite: lint, types, then every test (server-database tests skip with a reason
# when no server is reachable, and fail instead when CI=true).
test: install translations lint typecheck test-keyring
	$(BIN)/python -m pytest -m "not keyring_real" $(PYTEST_ARGS)

# The tests that need the real OS keyring run against GNOME Keyring (Secret Service) in a
# private D-Bus session. Without dbus/gnome-keyring they are skipped, except in CI.
test-keyring: install
	@if command -v dbus-run-session >/dev/null && command -v dbus-send >/dev/null && command -v gnome-keyring-daemon >/dev/null; then \
	  dbus-run-session -- .ci/keyring-session.sh $(BIN)/python -m pytest -m keyring_real -q -p no:cacheprovider; \
	else \
	  echo "SKIPPED: real OS keyring tests (install dbus and gnome-keyring to run them)"; \
	  [ "$$CI" != "true" ]; \
	fi

test-fast: install
	$(BIN)/python -m pytest -x -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check assessment_app ui tests benchmarks installer
	$(BIN)/ruff format --check assessment_app ui tests benchmarks installer

typecheck: install
	$(BIN)/mypy assessment_app

bench: install translations
	$(BIN)/python -m benchmarks.run

screenshots: install translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots --out docs/screenshots

DIST_STAMP := $(VENV)/.installed-dist
$(DIST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

# The one-folder app in dist/assessment-app (PyInstaller); prints its size and build time.
dist: $(DIST_STAMP) translations
	$(BIN)/python installer/build.py

# Slow (~1.5 min): builds the bundle in a temp folder, runs its --self-test offscreen, the
# bundle check, template check and a command-line run (installer/check_dist.py).
test-dist: $(DIST_STAMP) translations
	ASSESSMENT_TEST_DIST=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/installer/test_dist.py -q -p no:cacheprovider $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info

# The long fault run: 300 kill rounds, the audit bit-fiddle at every character (tests/faults).
test-faults: install
	ASSESSMENT_FAULT_ROUNDS=300 ASSESSMENT_FAULTS_FULL=1 $(BIN)/python -m pytest tests/faults -q -p no:cacheprovider $(PYTEST_ARGS)
