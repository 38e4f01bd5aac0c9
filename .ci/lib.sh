# Shared by the project's scripts: paths, tool checks and installs. Sourced, not run.
# Every ensure_* step is idempotent: it installs only what is missing and says what it does.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Builds live outside the clone so a fresh clone (CI) reuses them.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/mirps-hub/target}
# Incremental caches only help an editor session; in scripts they just fill the disk.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
# The npm wasm-opt (binaryen 132) must win over any other on PATH: older ones break hydration.
export PATH="$ROOT/frontend/node_modules/.bin:$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.10
SITE_ROOT="$ROOT/target/site"

say() { printf '\033[1;34m==>\033[0m \033[1m%s\033[0m\n' "$*"; }
fail() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }
# within DURATION CMD...: runs CMD, failing with a clear message if it outlives DURATION.
within() {
  local limit=$1; shift
  local rc=0
  timeout --kill-after=30s "$limit" "$@" || rc=$?
  [ "$rc" -eq 124 ] && fail "timed out after $limit: $*"
  return "$rc"
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (once; it takes a while on 2 cores)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked
  fi
  local wb
  wb=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
    say "Installing wasm-bindgen-cli $wb (the version in Cargo.lock)"
    # Without --locked: its lock file pins a crate version the registry mirror may lack.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
}

npm_install() { # folder
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "Installing npm packages in ${dir#"$ROOT"/}"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

ensure_frontend_assets() {
  npm_install "$ROOT/frontend"
  local vendor="$ROOT/frontend/assets/vendor"
  if [ ! -f "$vendor/mirps-countries.geo.json" ] || [ "$ROOT/frontend/build-assets.mjs" -nt "$vendor/mirps-countries.geo.json" ] \
     || [ "$ROOT/frontend/package-lock.json" -nt "$vendor/echarts.min.js" ]; then
    say "Preparing browser assets from npm (ECharts, country outlines)"
    node "$ROOT/frontend/build-assets.mjs"
  fi
  case "$(wasm-opt --version 2>/dev/null)" in
    *"version 132"*) ;;
    *) fail "wasm-opt from frontend/node_modules (binaryen 132) is not first on PATH" ;;
  esac
}

ensure_browser_test_tools() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Debian's chromium for the browser tests"
    if [ "$(id -u)" = 0 ]; then
      apt-get update && apt-get install -y chromium
    else
      sudo apt-get update && sudo apt-get install -y chromium
    fi
  fi
  npm_install "$ROOT/end2end"
}

# Builds the release server and the size-optimised wasm into target/site, then pre-compresses
# the static files so they are served as brotli/gzip without compressing on every request.
build_release() {
  say "Building the release server and browser bundle (cargo leptos build --release)"
  cargo leptos build --release --split
  say "Pre-compressing static files"
  node "$ROOT/.ci/precompress.mjs" "$SITE_ROOT"
}

# The wasm splitter moves each lazy page's read-only data (its texts) into that page's chunk,
# unless the new layout comes out longer than the linker's; then it quietly leaves all data in
# the main module (about 35 KB brotli more). A sentence only the event page uses, found in the
# main module, means that happened: give the splitter more room (SPLIT_SLACK, frontend/src/lib.rs).
check_wasm_split() {
  local probe="This event has no registration on the platform."
  if grep -qaF "$probe" "$SITE_ROOT/pkg/mirps-hub.wasm"; then
    fail "the main wasm holds the lazy chunks' data: raise SPLIT_SLACK in frontend/src/lib.rs"
  fi
  grep -qaF "$probe" "$SITE_ROOT"/pkg/chunk_*.wasm || fail "check_wasm_split: probe text not found in any chunk"
}

# HAProxy from Debian, the real reverse proxy the two-server test puts in front of the app.
ensure_proxy_tools() {
  if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
    say "Installing Debian's haproxy for the two-server test"
    if [ "$(id -u)" = 0 ]; then
      apt-get update && apt-get install -y haproxy
    else
      sudo apt-get update && sudo apt-get install -y haproxy
    fi
  fi
}

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return 0; fi
  say "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && return 0
    sleep 1
  done
  fail "PostgreSQL is not reachable on 127.0.0.1:5432; the store tests need it and never skip it"
}

# Prints a TCP port on 127.0.0.1 that is free right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until the server at $1 answers /healthz.
wait_healthy() {
  for _ in $(seq 1 120); do
    curl -fsS "$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  fail "the server at $1 did not become healthy"
}
