#!/usr/bin/env bash
# Builds the self-contained static site in dist/: the page, its modules and the release wasm.
# Relative URLs only, nothing from other origins: it works from any static host, under any
# sub-path (https://host/some/path/), and offline once loaded (its service worker caches it).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[dist]\033[0m %s\n' "$*"; }

scripts/setup.sh dist
scripts/build-wasm.sh
say "copying www/ to dist/"
rm -rf dist
mkdir -p dist
cp -R www/. dist/
# Only what the page loads: no stray files from wasm-bindgen.
rm -f dist/pkg/.gitignore dist/pkg/package.json
say "bundling and minifying the page's modules into js/main.js (esbuild)"
node scripts/bundle.mjs dist
say "pre-rendering the default page into index.html (headless Chromium: a first visit paints before any wasm)"
node scripts/prerender.mjs dist
say "writing the service worker's file list and version (offline, instant next visit)"
node scripts/offline.mjs dist
say "precompressing dist/ (brotli 11 and gzip 9 beside each file, as a static host serves them)"
node scripts/precompress.mjs dist
files=$(find dist -type f | wc -l)
bytes=$(du -sb dist | cut -f1)
say "dist/: $files files, $((bytes / 1024)) KB. Serve it with any static server, e.g. node scripts/serve.mjs --dir dist"
