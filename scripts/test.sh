#!/usr/bin/env bash
# Sets the machine up if needed, then runs every test layer, fastest first:
#   1. native        cargo test -p ketamine-engine (the clinical engine, with its doc tests)
#   2. browser       wasm-bindgen-test: components mounted in headless Chromium
#   3. end-to-end    Playwright against the release build (trunk build --release, dist/)
#   4. accessibility axe-core scan of the release build, light and dark, WCAG 2.x A/AA
#   5. smart-on-fhir Playwright against a SMART release build (target/dist-smart), with a real FHIR
#                    server and authorization server on 127.0.0.1 (scripts/smart-e2e.sh)
#   and a size check of the release build (bench/size-check.mjs), before the browser runs
# Every layer runs even when an earlier one fails, so one run shows everything that is broken.
# The last line is always "N passed, N failed"; the exit status is non-zero on any failure.
# A layer that cannot run, or that runs no tests, counts as one failure: silence is not a pass.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"

LOGS="$PROJECT_ROOT/target/test-logs"
E2E_REPORT="$PROJECT_ROOT/target/playwright/report.json"
mkdir -p "$LOGS"

total_passed=0
total_failed=0
table=()

header() { printf '\n==================== %s ====================\n' "$*"; }

# record LAYER PASSED FAILED EXIT_STATUS SECONDS
record() {
  local layer=$1 passed=$2 failed=$3 status=$4 secs=$5 note=""
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    note=" (exited with status $status before any test failed: see the output above)"
  elif [ "$status" -eq 0 ] && [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    note=" (ran no tests)"
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  local line
  line=$(printf '%-14s %4d passed, %d failed  %4ss%s' "$layer" "$passed" "$failed" "$secs" "$note")
  table+=("$line")
  printf -- '--> %s\n' "$line"
}

# Sums libtest's "test result: ok. N passed; M failed; ..." lines; wasm-bindgen-test prints the same.
cargo_counts() {
  awk '/^test result:/ {
         for (i = 2; i <= NF; i++) {
           if ($i ~ /^passed;?$/) p += $(i - 1)
           if ($i ~ /^failed;?$/) f += $(i - 1)
         }
       }
       END { print p + 0, f + 0 }' "$1"
}

# run LOG COMMAND...: shows the output and keeps a copy; returns the command's exit status.
run() {
  local log=$1
  shift
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

finish() {
  header "summary"
  printf '%s\n' "${table[@]}"
  echo
  echo "$total_passed passed, $total_failed failed"
  [ "$total_failed" -eq 0 ]
  exit
}

started=$SECONDS

header "set-up"
if ! bash scripts/setup.sh; then
  record "set-up" 0 1 1 $((SECONDS - started))
  finish
fi

header "1/5 native: cargo test -p ketamine-engine"
t=$SECONDS
run "$LOGS/native.log" cargo test --locked -p ketamine-engine
status=$?
read -r passed failed < <(cargo_counts "$LOGS/native.log")
record "native" "$passed" "$failed" "$status" $((SECONDS - t))

# The engine's and the app's modules never import in a circle (docs/developers.md, the clinical
# engine): one check, counted as one test.
t=$SECONDS
run "$LOGS/module-cycles.log" node scripts/module-cycles.mjs engine/src src
status=$?
record "module cycles" $((status == 0 ? 1 : 0)) $((status == 0 ? 0 : 1)) "$status" $((SECONDS - t))

header "2/5 browser: wasm-bindgen-test in headless Chromium"
t=$SECONDS
run "$LOGS/browser.log" cargo test --locked --target wasm32-unknown-unknown -p ketamine-calculator
status=$?
read -r passed failed < <(cargo_counts "$LOGS/browser.log")
record "browser" "$passed" "$failed" "$status" $((SECONDS - t))

header "3/5 and 4/5 end-to-end and accessibility: Playwright on the release build"
t=$SECONDS
rm -f "$E2E_REPORT"
echo "--> trunk build --release"
if run "$LOGS/trunk-build.log" env "${RELEASE_BUILD_ENV[@]}" trunk build --release; then
  # Size first: deterministic, and a regression should be seen even when a browser test fails.
  size_t=$SECONDS
  run "$LOGS/size.log" node bench/size-check.mjs dist
  size_status=$?
  read -r size_passed size_failed < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3 }' "$LOGS/size.log")
  record "size" "${size_passed:-0}" "${size_failed:-0}" "$size_status" $((SECONDS - size_t))
  run "$LOGS/playwright.log" playwright test --config e2e/playwright.config.mjs
  status=$?
else
  record "size" 0 1 1 0
  status=1
  echo "--> the release build failed: no end-to-end or accessibility test could run"
fi
e2e_passed=0 e2e_failed=0 a11y_passed=0 a11y_failed=0
if [ -f "$E2E_REPORT" ]; then
  while read -r file passed failed; do
    case "$file" in
      a11y.spec.mjs) a11y_passed=$((a11y_passed + passed)) a11y_failed=$((a11y_failed + failed)) ;;
      *) e2e_passed=$((e2e_passed + passed)) e2e_failed=$((e2e_failed + failed)) ;;
    esac
  done < <(node e2e/count.mjs "$E2E_REPORT")
fi
secs=$((SECONDS - t))
# One Playwright exit status covers both files: charge it to the file(s) with failing tests, or to
# both when no test failed (the build or the server broke, so neither layer really ran).
e2e_status=0 a11y_status=0
if [ "$status" -ne 0 ]; then
  { [ "$e2e_failed" -gt 0 ] || [ "$a11y_failed" -eq 0 ]; } && e2e_status=$status
  { [ "$a11y_failed" -gt 0 ] || [ "$e2e_failed" -eq 0 ]; } && a11y_status=$status
fi
record "end-to-end" "$e2e_passed" "$e2e_failed" "$e2e_status" "$secs"
record "accessibility" "$a11y_passed" "$a11y_failed" "$a11y_status" "$secs"

header "5/5 SMART on FHIR end-to-end: hfs and an authorization server on 127.0.0.1"
# Its own build (the test bed's profile, which widens the CSP) and its own servers, started and
# stopped by scripts/smart-e2e.sh. Never skipped: setup.sh installed hfs, and a bed that cannot
# start counts as a failure like any other layer that cannot run.
t=$SECONDS
SMART_REPORT="$PROJECT_ROOT/target/playwright/smart-report.json"
rm -f "$SMART_REPORT"
SMART_SKIP_SETUP=1 run "$LOGS/smart.log" bash scripts/smart-e2e.sh
status=$?
smart_passed=0 smart_failed=0
if [ -f "$SMART_REPORT" ]; then
  while read -r _file passed failed; do
    smart_passed=$((smart_passed + passed)) smart_failed=$((smart_failed + failed))
  done < <(node e2e/count.mjs "$SMART_REPORT")
fi
record "smart-on-fhir" "$smart_passed" "$smart_failed" "$status" $((SECONDS - t))

printf '\nall layers: %ss\n' $((SECONDS - started))
finish
