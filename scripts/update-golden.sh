#!/usr/bin/env bash
# Rewrites tests/golden/*.json from the current build after an intended change of figures; review the diff
# (git diff tests/golden) before committing it. Needs a build (bash scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CCSIM_UPDATE_GOLDEN=1 build/tests/ccsim_tests --gtest_filter='Scenarios/Golden.*' >/dev/null
git status --short tests/golden
