#!/usr/bin/env bash
# Builds the release wasm and its ES-module glue into www/pkg (no bundler needed): the SIMD build
# (backprop_lab.*) and, from the same source, a scalar one (backprop_lab_scalar.*) that the
# page loads where WebAssembly SIMD does not validate.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

say "cargo build --release --target wasm32-unknown-unknown"
cargo build --release --lib --target wasm32-unknown-unknown
say "wasm-bindgen --target web -> www/pkg/"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir www/pkg \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/backprop_lab.wasm"
size=$(wc -c < www/pkg/backprop_lab_bg.wasm)
gz=$(gzip -9 -c www/pkg/backprop_lab_bg.wasm | wc -c)
say "www/pkg/backprop_lab_bg.wasm: $((size / 1024)) KB raw, $((gz / 1024)) KB gzipped"

say "cargo build --release --target wasm32-unknown-unknown, scalar (no simd128) -> target/scalar"
scalar_dir="${CARGO_TARGET_DIR:-target}/scalar"
CARGO_TARGET_DIR="$scalar_dir" RUSTFLAGS="-C target-feature=-simd128" \
  cargo build --release --lib --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir www/pkg \
  --out-name backprop_lab_scalar "$scalar_dir/wasm32-unknown-unknown/release/backprop_lab.wasm"
size=$(wc -c < www/pkg/backprop_lab_scalar_bg.wasm)
gz=$(gzip -9 -c www/pkg/backprop_lab_scalar_bg.wasm | wc -c)
say "www/pkg/backprop_lab_scalar_bg.wasm: $((size / 1024)) KB raw, $((gz / 1024)) KB gzipped"
