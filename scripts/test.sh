#!/usr/bin/env bash
# Fresh Debian 12 machine -> dependencies, build, and the whole test suite (unit + integration + validation).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600
