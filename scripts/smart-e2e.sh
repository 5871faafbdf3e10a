#!/usr/bin/env bash
# The SMART on FHIR end-to-end test on its own (scripts/test.sh runs it as its own layer):
#   1. writes the test bed's institution profile (target/smart/profile.json: an `ehr` section
#      naming 127.0.0.1:$SMART_FHIR_PORT and :$SMART_AUTH_PORT, 8311 and 8312 by default);
#   2. makes the SMART release build with it (target/dist-smart; the build widens the CSP);
#   3. runs e2e/smart.spec.mjs with e2e/smart.config.mjs, which starts the test bed (hfs and the
#      authorization server, e2e/smart/testbed.mjs) and the static server, and stops them after;
#   4. fails if either server is still listening afterwards.
# Extra arguments go to `playwright test` (e.g. -g "standalone"). Set E2E_PORT (the app's port).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"

# test.sh has already run the set-up.
[ -n "${SMART_SKIP_SETUP:-}" ] || bash scripts/setup.sh || exit 1

FHIR_PORT="${SMART_FHIR_PORT:-8311}"
AUTH_PORT="${SMART_AUTH_PORT:-8312}"
PROFILE=target/smart/profile.json
DIST=target/dist-smart

listening() { node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$1"; }

for port in "$FHIR_PORT" "$AUTH_PORT" "${E2E_PORT:-4173}"; do
  if listening "$port"; then
    echo "smart-e2e: something already listens on 127.0.0.1:$port; stop it or choose other ports (SMART_FHIR_PORT, SMART_AUTH_PORT, E2E_PORT)" >&2
    exit 1
  fi
done

node e2e/smart/write-profile.mjs "$PROFILE" || exit 1
echo "--> KETAMINE_PROFILE=$PROFILE trunk build --release --dist $DIST"
if ! env "${RELEASE_BUILD_ENV[@]}" KETAMINE_PROFILE="$PROFILE" trunk build --release --dist "$DIST"; then
  echo "smart-e2e: the SMART release build failed" >&2
  exit 1
fi

SMART_DIST="$DIST" playwright test --config e2e/smart.config.mjs "$@"
status=$?

for port in "$FHIR_PORT" "$AUTH_PORT"; do
  if listening "$port"; then
    echo "smart-e2e: a test-bed server is still listening on 127.0.0.1:$port after the run" >&2
    status=1
  fi
done
exit "$status"
