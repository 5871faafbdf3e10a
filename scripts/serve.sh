#!/usr/bin/env bash
# Sets the machine up if needed, then serves the release build on http://127.0.0.1:8080 and
# rebuilds it when a source file changes. Extra arguments go to `trunk serve` (e.g. --port 9000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"

SETUP_SERVE_ONLY=1 bash scripts/setup.sh

printf '\n==> serve: release build on http://127.0.0.1:8080 (Ctrl-C to stop)\n'
# No auto-reload script: the page served is exactly the one that ships, and makes no connections.
exec env "${RELEASE_BUILD_ENV[@]}" trunk serve --release --no-autoreload "$@"
