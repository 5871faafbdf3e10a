#!/usr/bin/env bash
# Checks an institution profile the way the calculator will: prints what it sets, or each key
# that is wrong. Usage: scripts/check-profile.sh path/to/profile.json
# Exit status: 0 accepted, 1 rejected, 2 unreadable.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$PROJECT_ROOT"
path=$(realpath "$1")
exec cargo run --quiet --locked -p ketamine-engine --example check_profile -- "$path"
