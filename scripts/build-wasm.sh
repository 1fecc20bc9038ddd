#!/usr/bin/env bash
# Builds the release wasm and its ES-module glue into www/pkg (no bundler needed), three builds
# of one source:
# - backprop_lab_first.*: the first part, everything but the drawings (--no-default-features)
#   and without SIMD, so it runs everywhere, optimised for size; the page shows its numbers
#   with it;
# - backprop_lab.*: the whole core with the drawings and WebAssembly SIMD, loaded next;
# - backprop_lab_scalar.*: the same without SIMD, for browsers where SIMD does not validate.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[build]\033[0m %s\n' "$*"; }
target="${CARGO_TARGET_DIR:-target}"

# build NAME TARGET_DIR [cargo flags...]: cargo build, then wasm-bindgen as www/pkg/NAME.*
build() {
  local name=$1 dir=$2
  shift 2
  say "cargo build --release --target wasm32-unknown-unknown $* -> $name"
  CARGO_TARGET_DIR="$dir" cargo build --release --lib --target wasm32-unknown-unknown "$@"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir www/pkg \
    --out-name "$name" "$dir/wasm32-unknown-unknown/release/backprop_lab.wasm"
  local size gz
  size=$(wc -c < "www/pkg/${name}_bg.wasm")
  gz=$(gzip -9 -c "www/pkg/${name}_bg.wasm" | wc -c)
  say "www/pkg/${name}_bg.wasm: $((size / 1024)) KB raw, $((gz / 1024)) KB gzipped"
}

build backprop_lab "$target"
# Without simd128 (RUSTFLAGS replaces .cargo/config.toml's flags): its own target directory,
# so neither build invalidates the other's cache.
export RUSTFLAGS="-C target-feature=-simd128"
build backprop_lab_scalar "$target/scalar"
# The first part is optimised for size (opt-level z, not the profile's s): it only carries the
# session until the whole core arrives, and its gzipped bytes are what a first visit waits for
# (measured: 85 -> 79 KB gzipped). Its own target directory, as its flags differ.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z build backprop_lab_first "$target/first" --no-default-features
