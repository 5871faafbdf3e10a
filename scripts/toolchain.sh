# Sourced by the other scripts: pins tool versions and puts the project's toolchain first on PATH.
# Kept in one place so the set-up, the build and the tests cannot disagree about which compiler runs.

# Must equal the wasm-bindgen crate pinned in Cargo.toml (the CLI refuses a mismatched crate).
WASM_BINDGEN_VERSION=0.2.130
# 0.22.x needs a newer rustc than Debian ships; 0.21.14 is the last that builds here.
TRUNK_VERSION=0.21.14
# Debian's binaryen 108 emits wasm that fails at start-up in Chromium; npm's 132 works.
WASM_OPT_VERSION=132
# The FHIR server of the SMART end-to-end test bed (e2e/smart/), a debug build: a release build
# takes about an hour on two cores, a debug build a fraction of that, and serves a few patients
# just as well.
HFS_VERSION=0.2.7

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM CHROMEDRIVER
# Where setup.sh puts the R4 search-parameter bundle hfs reads (`search-parameters-r4.json`):
# without it hfs silently ignores `patient`, `code` and `_sort`.
HFS_DATA_DIR="${HFS_DATA_DIR:-$PROJECT_ROOT/target/hfs-data}"
export HFS_DATA_DIR

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

# Release builds of the app (every `trunk build --release` and `trunk serve --release` of the
# scripts): the standard library rebuilt for size, with panics that stop at once
# (`-Cpanic=immediate-abort`: no panic message is formatted; in the browser a panic was already a
# bare `unreachable` trap, since nothing printed the message). About 13 KB brotli less (README,
# Performance). Needs the library's source (rustup's rust-src, or Debian's rust-web-src), which
# scripts/setup.sh installs with the crates it depends on; RUSTC_BOOTSTRAP lets a stable compiler
# take the two unstable flags. RUSTFLAGS replaces the rustflags of .cargo/config.toml, hence
# erase_components again. Browser tests (`cargo test`) build the ordinary way.
# Unstable flags may change: only the compilers it was tried with use them (rustup's 1.95,
# Debian's rustc-web 1.96); any other builds the ordinary way, and CI's size check notices.
#   env "${RELEASE_BUILD_ENV[@]}" trunk build --release
RELEASE_BUILD_ENV=()
if rustc --version 2>/dev/null | grep -qE '^rustc 1\.9[56]\.'; then
  RELEASE_BUILD_ENV=(
    RUSTC_BOOTSTRAP=1
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    "RUSTFLAGS=--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
  )
fi

# The standard library's source for the compiler on PATH (empty when there is none).
std_source() {
  local dir
  dir="$(rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library"
  [ -f "$dir/Cargo.lock" ] && echo "$dir"
}
