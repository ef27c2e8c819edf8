#!/usr/bin/env bash
# Fresh Debian 12 machine -> dependencies, build, and a run of the bundled default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/ccsim run scenarios/small-center.yaml --replications 5 --jobs 2 --output build/small-center.h5 "$@"
