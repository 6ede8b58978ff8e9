# boxoffice: `make run` to sell seats, `make test` to check everything. `make help` lists every rule.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DEBIAN_PACKAGES := libncursesw5-dev libsqlite3-dev libhiredis-dev redis-server tmux jq libqrencode-dev libcairo2-dev zbar-tools poppler-utils sqlite3
# The HTTP server: libcrypto for API keys' SHA-256; curl and a Python venv (schemathesis) for its tests.
DEBIAN_PACKAGES += libssl-dev curl python3-venv
# make deb and the venue test: Depends from dpkg-shlibdeps, the units checked by systemd-analyze, clerks over SSH.
DEBIAN_PACKAGES += dpkg-dev systemd openssh-server openssh-client
# What `make bench` needs besides: hyperfine times the command line's start-up (cli_*), wrk an HTTP server.
BENCH_PACKAGES := hyperfine wrk
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
BIN := .build/debug/boxoffice
RELEASE_BIN := .build/release/boxoffice
VAR := $(CURDIR)/var
# A checkout never reads the venue's /etc/boxoffice/boxoffice.conf (nor ~/.config): its ./var, or what the
# environment says. Every rule and every test inherits this.
export BOXOFFICE_CONFIG := none
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
RELEASE_DIR := .build/release
PREFIX ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?= /etc
UNITDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,/etc/systemd/system)

.PHONY: help deps build run serve test stress bench redis-up redis-down clean release deb install static-libs

help: ## List the rules
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

deps: ## Install the Debian packages boxoffice needs, if any is missing
	@missing=$$(for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps ## Build the debug binary of the CLI and seat picker (not the HTTP server)
	swift build --product boxoffice

redis-up: ## Start the private Redis of `make run` (unix socket var/redis.sock, mode 770, no TCP port)
	@if [ -S $(VAR)/redis.sock ] && redis-cli -s $(VAR)/redis.sock ping >/dev/null 2>&1; then :; \
	else scripts/redis-start.sh $(VAR); fi

redis-down: ## Stop the private Redis of `make run`
	@scripts/redis-stop.sh $(VAR)

run: build ## Install what is missing, start a private Redis (unless REDIS_URL is set), create the demo, open the seat picker
	@if [ -z "$$REDIS_URL" ]; then $(MAKE) --no-print-directory redis-up; fi
	@if [ ! -f "$${BOXOFFICE_DB:-$(VAR)/boxoffice.sqlite}" ]; then $(BIN) init --demo; fi
	@$(BIN)

serve: build ## Start the HTTP server (old API and /v1) on 127.0.0.1:8000 against `make run`'s database and Redis, with --anonymous-writes
	swift build --product boxoffice-server
	@if [ -z "$$REDIS_URL" ]; then $(MAKE) --no-print-directory redis-up; fi
	@if [ ! -f "$${BOXOFFICE_DB:-$(VAR)/boxoffice.sqlite}" ]; then $(BIN) init --demo; fi
	$(BIN)-server --host 127.0.0.1 --port $${PORT:-8000} --anonymous-writes

test: deps ## Run every test against a throwaway Redis and SQLite files (started and stopped here)
	swift build --build-tests
	scripts/with-redis.sh scripts/test.sh

stress: deps ## Race 100+ clerk processes under injected faults and check nothing was oversold or lost
	swift build -c release --product boxoffice-stress
	$(RELEASE_BIN)-stress  # starts, restarts and stops its own Redis in a temporary folder

# The release programs: the Swift runtime linked in, and no $ORIGIN in their library path (the loader searched the
# program's folder and its ~20 glibc-hwcaps subfolders before every library, at every start; nothing lives there).
# Every module's generic types reached through their metadata accessors, not looked up by mangled name: a lookup
# checks the type's generic requirements at run time, and each first check of a type against a protocol (a
# Set<X>'s X: Hashable) scans all ~7,000 conformance records of the static binary (~0.3 M instructions each, 21 of
# them in a `boxoffice book`: 25.8 -> 19.6 M instructions).
RELEASE_FLAGS := --static-swift-stdlib --disable-local-rpath \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors

bench: ## Measure the hot paths against this machine's own Redis round trip and fsync rate
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	@$(MAKE) --no-print-directory static-libs
	swift build -c release $(RELEASE_FLAGS)
	scripts/with-redis.sh scripts/bench.sh

clean: ## Remove build products (keeps var/)
	rm -rf .build

release: deps static-libs ## Build the release programs with the Swift runtime linked in (what make deb and make install ship)
	swift build -c release $(RELEASE_FLAGS) --product boxoffice
	@if grep -q '"boxoffice-server"' Package.swift; then swift build -c release $(RELEASE_FLAGS) --product boxoffice-server; fi
	packaging/man.sh $(RELEASE_DIR) .build/man

deb: release ## Build the Debian package dist/boxoffice_<version>_amd64.deb (dpkg-deb, no network)
	packaging/build-deb.sh $(RELEASE_DIR) .build/man $(VERSION)

install: release ## Install without packaging (PREFIX=/usr/local DESTDIR= SYSCONFDIR=/etc UNITDIR=…); as root and without DESTDIR, also set this server up as the package does
	PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) SYSCONFDIR=$(SYSCONFDIR) UNITDIR=$(UNITDIR) packaging/install.sh $(RELEASE_DIR) .build/man
	@# The package's postinst runs the same setup script (the group, /var/lib/boxoffice, boxoffice init).
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
	  $(PREFIX)/lib/boxoffice/setup || exit 1; \
	  if [ -d /run/systemd/system ]; then systemctl daemon-reload && systemctl enable --now boxoffice-redis.service boxoffice-backup.timer; \
	  else echo "systemd is not running here: start the box office's Redis as $(UNITDIR)/boxoffice-redis.service says."; fi; \
	else \
	  echo "Installed the files under $(DESTDIR)$(PREFIX). Left to do, as root on the server:"; \
	  echo "  $(PREFIX)/lib/boxoffice/setup && systemctl daemon-reload && systemctl enable --now boxoffice-redis.service boxoffice-backup.timer"; \
	  echo "(the setup creates the boxoffice group and /var/lib/boxoffice, and creates or upgrades the database)"; \
	fi

# The release boxoffice links these from Debian's .a files (Package.swift, `releaseStartUp`: start-up time).
STATIC_LIBS := sqlite3 hiredis ncursesw tinfo
static-libs: deps
	@mkdir -p .build/static-libs && for l in $(STATIC_LIBS); do \
	  a=/usr/lib/$$(uname -m)-linux-gnu/lib$$l.a; [ -f $$a ] || { echo "static-libs: $$a is missing" >&2; exit 1; }; \
	  ln -sfn $$a .build/static-libs/lib$$l.a; done

.PHONY: readme-keys
readme-keys: deps ## Rewrite the README's key table from the seat picker's bindings (a test fails while they differ)
	swift build --build-tests && TUI_RECORD=1 swift test --skip-build --filter BindingsTests

.PHONY: test-fresh-install
test-fresh-install: ## As root: make deb, then install it with apt on a debootstrapped Debian 12, use it, remove and purge it
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="debootstrap"
	bash Tests/Install/fresh-debian.sh
