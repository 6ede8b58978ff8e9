# boxoffice: `make run` to sell seats, `make test` to check everything. `make help` lists every rule.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DEBIAN_PACKAGES := libncursesw5-dev libsqlite3-dev libhiredis-dev redis-server tmux jq libqrencode-dev libcairo2-dev zbar-tools poppler-utils sqlite3
# What `make bench` needs besides: hyperfine times the command line's start-up (cli_*), wrk an HTTP server.
BENCH_PACKAGES := hyperfine wrk
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
BIN := .build/debug/boxoffice
RELEASE_BIN := .build/release/boxoffice
VAR := $(CURDIR)/var

.PHONY: help deps build run test stress bench redis-up redis-down clean

help: ## List the rules
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

deps: ## Install the Debian packages boxoffice needs, if any is missing
	@missing=$$(for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps ## Build the debug binary
	swift build

redis-up: ## Start the private Redis of `make run` (unix socket var/redis.sock, mode 770, no TCP port)
	@if [ -S $(VAR)/redis.sock ] && redis-cli -s $(VAR)/redis.sock ping >/dev/null 2>&1; then :; \
	else scripts/redis-start.sh $(VAR); fi

redis-down: ## Stop the private Redis of `make run`
	@scripts/redis-stop.sh $(VAR)

run: build ## Install what is missing, start a private Redis (unless REDIS_URL is set), create the demo, open the seat picker
	@if [ -z "$$REDIS_URL" ]; then $(MAKE) --no-print-directory redis-up; fi
	@if [ ! -f "$${BOXOFFICE_DB:-$(VAR)/boxoffice.sqlite}" ]; then $(BIN) init --demo; fi
	@$(BIN)

test: deps ## Run every test against a throwaway Redis and SQLite files (started and stopped here)
	swift build --build-tests
	scripts/with-redis.sh scripts/test.sh

stress: deps ## Race 100+ clerk processes under injected faults and check nothing was oversold or lost
	swift build -c release --product boxoffice-stress
	$(RELEASE_BIN)-stress  # starts, restarts and stops its own Redis in a temporary folder

bench: ## Measure the hot paths against this machine's own Redis round trip and fsync rate
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	swift build -c release --static-swift-stdlib
	scripts/with-redis.sh scripts/bench.sh

clean: ## Remove build products (keeps var/)
	rm -rf .build
