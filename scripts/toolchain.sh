# Sourced by the other scripts: pins tool versions and puts the project's toolchain first on PATH.
# Kept in one place so the set-up, the build and the tests cannot disagree about which compiler runs.

# Must equal the wasm-bindgen crate pinned in Cargo.toml (the CLI refuses a mismatched crate).
WASM_BINDGEN_VERSION=0.2.130
# 0.22.x needs a newer rustc than Debian ships; 0.21.14 is the last that builds here.
TRUNK_VERSION=0.21.14
# Debian's binaryen 108 emits wasm that fails at start-up in Chromium; npm's 132 works.
WASM_OPT_VERSION=132

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM CHROMEDRIVER

# True when the given rustc has a wasm32 standard library installed beside it.
wasm_std_present() {
  local rustc_bin="$1" libdir
  command -v "$rustc_bin" >/dev/null 2>&1 || return 1
  libdir="$("$rustc_bin" --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" || return 1
  compgen -G "$libdir/libstd-*.rlib" >/dev/null
}

# Prefer whatever rustc the PATH already gives (a laptop with rustup and the target); otherwise
# Debian's rustc-web in /usr/bin, which is the one that can target wasm32 on offline machines.
if ! wasm_std_present rustc && wasm_std_present /usr/bin/rustc; then
  PATH="/usr/bin:$PATH"
fi
# npm's wasm-opt must shadow Debian's older one; cargo-installed trunk and wasm-bindgen stay reachable.
PATH="$PROJECT_ROOT/node_modules/.bin:$PATH:$HOME/.cargo/bin"
export PATH
