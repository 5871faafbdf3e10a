#!/usr/bin/env bash
# Performance benchmark (not part of the test command): builds the release and two floors (a
# static page of the same text, an empty Leptos app with the same profile), serves them on
# 127.0.0.1 and measures them in headless Chromium in one run. Usage: ./scripts/bench.sh [runs]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"
SETUP_SERVE_ONLY=1 bash scripts/setup.sh >/dev/null

out="$PROJECT_ROOT/target/bench"
mkdir -p "$out"
echo "==> building the calculator (release)"
env "${RELEASE_BUILD_ENV[@]}" trunk build --release >"$out/trunk-app.log" 2>&1 || { cat "$out/trunk-app.log"; exit 1; }
echo "==> building the empty Leptos floor (same release profile)"
(cd bench/empty-app && env "${RELEASE_BUILD_ENV[@]}" trunk build --release --dist "$out/empty-dist" >"$out/trunk-empty.log" 2>&1) || { cat "$out/trunk-empty.log"; exit 1; }
echo "==> timing the engine natively"
engine=$(cargo bench -q -p ketamine-engine --bench calculate 2>/dev/null | grep '^engine_calculate_us')
echo "==> measuring"
ENGINE_BENCH="$engine" node bench/run.mjs dist "$out/empty-dist" "$out/static-floor" "${1:-15}"
