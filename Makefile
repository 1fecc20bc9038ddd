# Quick start: `make serve` builds and serves the demo; `make test` runs every test.
# Both install what is missing first (see scripts/setup.sh).
PORT ?= 8080
HOST ?= 127.0.0.1

.PHONY: serve build dist test test-e2e bench soak setup clean

## Build the release wasm and serve www/ on http://$(HOST):$(PORT)/
serve: build
	node scripts/serve.mjs --dir www --port $(PORT) --host $(HOST)

## Build the release wasm into www/pkg/
build:
	scripts/setup.sh build
	scripts/build-wasm.sh

## Build the self-contained static site in dist/ (for any static host, any sub-path)
dist:
	scripts/dist.sh

## fmt, clippy, native tests, wasm tests in Chromium, end-to-end tests of the page
test:
	scripts/test.sh

## The end-to-end suite alone, REPEAT times in a row, in every engine: make test-e2e REPEAT=5
test-e2e: dist
	scripts/setup.sh test
	REPEAT=$(or $(REPEAT),1) scripts/test-e2e.sh

## Benchmark: surface compute (wasm, plain JS, native), frame times, load, memory
bench: dist
	scripts/setup.sh test
	cargo build --release --example bench_surface
	node scripts/bench.mjs

## The consistency oracle, long: ACTIONS seeded random actions (default 20000) from SEED,
## every number on the page checked after each against a fresh session: make soak SEED=7
soak: build
	scripts/setup.sh test
	cd tests/e2e && ORACLE_SEED=$(or $(SEED),$(shell date +%s)) ORACLE_ACTIONS=$(or $(ACTIONS),20000) \
		node --test --test-timeout=0 oracle.test.mjs

## Install everything the tests need, without running them
setup:
	scripts/setup.sh test

clean:
	cargo clean
	rm -rf www/pkg tests/e2e/node_modules tests/e2e/artifacts
