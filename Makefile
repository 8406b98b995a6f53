# Cổng Mặt trận số — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 3
# Everything an instance writes goes under its folder (the app's default: instance/ here), so two
# instances on one machine (another PORT and PORTAL_INSTANCE) never share a file or a socket.
INSTANCE := $(or $(PORTAL_INSTANCE),instance)
FLASK  := $(BIN)/flask --app wsgi
PYBABEL := $(BIN)/pybabel

.PHONY: run test install install-test messages translations lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Compile the catalogs (.po → .mo); the .mo files are build output, not in git.
translations: $(VENV)/.installed
	@$(PYBABEL) compile -d translations 2>&1 | grep -v "^compiling" || true

# Re-extract strings after changing code or templates, then translate vi/ (a test checks it).
messages: $(VENV)/.installed
	$(PYBABEL) extract -F translations/babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 --no-location --sort-output -w 100 \
	  --ignore-dirs=".* __pycache__" --project "Cong Mat tran so" -o translations/messages.pot .
	$(PYBABEL) update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete -w 100

# Migrate, load the committees and the demo content on first start, then serve with gunicorn;
# its master loads the app once (--preload) and forks the web workers and the job worker
# (portal/jobs/forked_worker.py), which share what it loaded; Ctrl-C stops them all.
run: $(VENV)/.installed translations
	$(FLASK) init
	@echo ""
	@echo "  Cổng Mặt trận số: http://$(HOST):$(PORT)/"
	@echo "  Staff login:      http://$(HOST):$(PORT)/quan-tri/dang-nhap"
	@$(FLASK) demo-logins
	@echo ""
	@PORTAL_JOB_WORKER="--workers 2 --worker-type thread --logfile $(INSTANCE)/worker.log" \
	  $(BIN)/gunicorn -c python:portal.jobs.forked_worker --bind $(HOST):$(PORT) --workers $(WORKERS) --preload \
	    --access-logfile - --control-socket $(INSTANCE)/gunicorn-$(PORT).ctl \
	    --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms' wsgi:app

# The whole suite: unit, integration, crawler/budget, browser (JS on and off) and axe. First what
# pip cannot install (scripts/system-deps: installs it as root with apt-get, else says what to run),
# then .venv: on a fresh Debian machine even python3-venv may be missing.
test:
	@scripts/system-deps
	@$(MAKE) --no-print-directory install-test translations
	@[ -d tests/oidc/provider/node_modules/oidc-provider ] || (cd tests/oidc/provider && npm ci --no-audit --no-fund --loglevel=error)
	$(BIN)/ruff check portal tests bench wsgi.py
	$(BIN)/bandit -c pyproject.toml -r portal bench wsgi.py -q
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check portal tests bench wsgi.py
	$(BIN)/bandit -c pyproject.toml -r portal bench wsgi.py -q

bench: $(VENV)/.installed-test translations
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
