# Community one-stop services — build, test, demo, benchmark.
# `make test` and `make demo` work on a fresh Debian machine: they install what is missing first.

SWIFT ?= swift
APT_PACKAGES := libprotobuf-c-dev protobuf-c-compiler libsqlite3-dev protobuf-compiler python3-protobuf pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help deps build release proto proto-check lint format test smoke demo bench bench-trust clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

deps: ## Install the Debian packages the project needs (when missing)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps ## Debug build of every target
	$(SWIFT) build

release: deps ## Release build (benchmarks, deployment)
	$(SWIFT) build -c release

proto: deps ## Regenerate the protobuf-c code from proto/ (commit the result)
	./scripts/gen-protos.sh

proto-check: deps ## Fail if the committed protobuf-c code is not what proto/ generates
	@tmp=$$(mktemp -d); ./scripts/gen-protos.sh $$tmp; status=0; \
	for dir in $$(cd $$tmp && find . -type f | xargs -n1 dirname | sort -u); do \
	  diff -r $$tmp/$$dir $$dir >/dev/null 2>&1 || { diff -r $$tmp/$$dir $$dir | head -40; status=1; }; \
	done; rm -rf $$tmp; \
	if [ $$status = 0 ]; then echo "proto-check: generated code is up to date"; \
	else echo "proto-check: FAILED — run 'make proto' and commit"; exit 1; fi

# Hand-written Swift (generated contract code is checked by proto-check instead).
SWIFT_SOURCES = Package.swift $$(find Shared Services Tests Benchmarks -name '*.swift' -not -path 'Shared/Contracts/*' -not -path '*/Generated/*')

lint: ## Check the formatting of the hand-written Swift (.swift-format)
	$(SWIFT) format lint --strict --configuration .swift-format $(SWIFT_SOURCES)
	@echo "lint: formatting is clean"

format: ## Format the hand-written Swift in place (.swift-format)
	$(SWIFT) format format -i --configuration .swift-format $(SWIFT_SOURCES)

test: deps proto-check lint ## Build everything and run all tests (what CI runs)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

smoke: release ## Run the demo once against the release binaries (catches optimizer-only bugs)
	BIN=$$($(SWIFT) build -c release --show-bin-path) DEMO_EXIT=1 DEMO_PORT=$${DEMO_PORT:-17090} ./scripts/demo.sh

demo: build ## Run the stack (broker + services) with demo data and show it working; Ctrl-C stops it
	./scripts/demo.sh

bench: release ## Benchmark: calls/s and latency through the broker and direct
	./scripts/bench.sh

bench-trust: release ## The trust boundary's cost: open against everything on, in alternating pairs (BENCH_PAIRS)
	./scripts/bench-trust.sh

clean:
	rm -rf .build data
