#!/usr/bin/env bash
# Installs what the build or the tests need and is missing; says what it does; safe to re-run.
#   scripts/setup.sh build   Rust's wasm32 target and wasm-bindgen-cli (version from Cargo.lock)
#   scripts/setup.sh dist    the above, plus the tools for dist/ (esbuild, playwright-core: npm ci
#                            in scripts) and Chromium, which pre-renders the default page
#   scripts/setup.sh test    the above, plus ChromeDriver, Firefox ESR + geckodriver,
#                            WebKitGTK's WebKitWebDriver + MiniBrowser under Xvfb, the DejaVu
#                            fonts and the npm test packages
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
want="${1:-build}"

# Root installs directly; anyone else goes through sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock, or the generated
# JS glue and the wasm disagree.
if [ ! -f Cargo.lock ]; then
  say "generating Cargo.lock"
  cargo generate-lockfile
fi
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$wbg_version" ]; then
  say "installing wasm-bindgen-cli $wbg_version (found: ${have:-none}); this takes a few minutes, once"
  # No --locked: its lock file wants crate versions the registry mirror here may lack.
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

[ "$want" = "build" ] && exit 0

if ! (cd scripts && npm ls --silent >/dev/null 2>&1); then
  say "installing the tools for dist/ (npm ci in scripts: esbuild, playwright-core)"
  (cd scripts && npm ci --no-audit --no-fund --loglevel=error)
fi

# dist/ pre-renders its default page in Chromium (scripts/prerender.mjs); the tests drive it.
if [ ! -x /usr/bin/chromium ] || { [ "$want" = "test" ] && [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver (dist/ and the tests use them; nothing downloads a browser)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
[ "$want" = "test" ] || exit 0

chrome_v=$(/usr/bin/chromium --version | awk '{ print $2 }')
driver_v=$(/usr/bin/chromedriver --version | awk '{ print $2 }')
if [ "$chrome_v" != "$driver_v" ]; then
  say "warning: chromium $chrome_v and chromedriver $driver_v differ; updating both"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Firefox and WebKit (the engine of Safari), driven over WebDriver by the engine tests.
if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/Xvfb ]; then
  say "installing Debian's firefox-esr, webkit2gtk-driver and xvfb (Firefox and WebKit for the tests)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
fi
gecko_version=0.37.1
gecko="${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver"
if [ "$("$gecko" --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$gecko_version" ]; then
  say "installing geckodriver $gecko_version from crates.io (drives Firefox; a few minutes, once)"
  cargo install geckodriver --version "$gecko_version"
fi

if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  say "installing Debian's fonts-dejavu-core (DejaVu Sans: the text in the figure command's PNGs)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

if ! (cd tests/e2e && npm ls --silent >/dev/null 2>&1); then
  say "installing the end-to-end test packages (npm ci in tests/e2e)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
