#!/usr/bin/env bash
# Mutation testing of the clinical engine: cargo-mutants makes hundreds of small deliberate bugs
# in engine/src (a `<` turned into `<=`, a `-` into `+`, a function returning a constant) and runs
# the engine's tests against each. A mutant that no test fails on ("missed") is a bug of that
# shape the tests would let through. Prints the score (caught / viable) and lists the survivors.
#
# Not part of scripts/test.sh: it rebuilds the engine once per mutant (about 730 of them; 30-60 min
# on a shared 2-core machine). Run it after changing engine/src or its tests.
#
#   scripts/mutants.sh                               # the whole engine
#   scripts/mutants.sh -f engine/src/targets.rs      # one module (any cargo-mutants option works)
#   MUTANTS_JOBS=2 scripts/mutants.sh                # two mutants at a time, on an idle machine
#   MUTANTS_OUT=target/mutants-six scripts/mutants.sh -f ...   # keep another run beside it
#
# Output stays under target/mutants/mutants.out (caught.txt, missed.txt, timeout.txt,
# unviable.txt, and a log per mutant). After changing tests, `scripts/mutants.sh --iterate`
# re-tests only the mutants that were not caught last time (minutes instead of an hour). Exit status: 0 when every viable mutant is caught,
# otherwise cargo-mutants' own (2: some missed, 3: some timed out, 4: the tests fail unmutated).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"

if ! command -v cargo-mutants >/dev/null 2>&1; then
  echo "Installing cargo-mutants from crates.io (a few minutes, once)..." >&2
  cargo install --locked cargo-mutants || cargo install cargo-mutants
fi

out_dir="${MUTANTS_OUT:-target/mutants}"
mkdir -p "$out_dir"

# The engine's tests take about 10 s unmutated; 120 s leaves room for a loaded machine while still
# stopping a mutant that makes a loop run forever. Builds get longer: each mutant rebuilds the
# engine, its 9 test binaries and its doc tests.
status=0
nice -n 15 cargo mutants \
  --package ketamine-engine \
  --output "$out_dir" \
  --timeout 120 \
  --build-timeout 900 \
  --jobs "${MUTANTS_JOBS:-1}" \
  "$@" || status=$?

result="$out_dir/mutants.out"
# With --iterate, cargo-mutants re-tests only the mutants the last run did not catch: the score
# adds the catches of the runs before it, kept in all-caught.txt and all-unviable.txt.
for kind in caught unviable; do
  {
    if [[ " $* " == *" --iterate "* && -f "$out_dir/all-$kind.txt" ]]; then cat "$out_dir/all-$kind.txt"; fi
    if [[ -f "$result/$kind.txt" ]]; then cat "$result/$kind.txt"; fi
  } | sort -u >"$out_dir/all-$kind.txt.new"
  mv "$out_dir/all-$kind.txt.new" "$out_dir/all-$kind.txt"
done
count() { if [[ -f "$1" ]]; then grep -c . "$1" || true; else echo 0; fi; }
caught=$(count "$out_dir/all-caught.txt")
missed=$(count "$result/missed.txt")
timeout=$(count "$result/timeout.txt")
unviable=$(count "$out_dir/all-unviable.txt")
viable=$((caught + missed + timeout))

echo
echo "Mutation score: caught ${caught} of ${viable} viable mutants" \
  "($( ((viable > 0)) && echo "$((100 * caught / viable)) %" || echo "n/a")); ${missed} missed," \
  "${timeout} timed out, ${unviable} unviable (did not build, not counted)."
if ((missed > 0)); then
  echo "Survivors (no test failed on these; see docs for the ones known to be equivalent):"
  sed 's/^/  /' "$result/missed.txt"
fi
if ((timeout > 0)); then
  echo "Timed out (a test hung: counted as neither caught nor missed):"
  sed 's/^/  /' "$result/timeout.txt"
fi
exit "$status"
