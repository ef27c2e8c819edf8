#!/usr/bin/env bash
# Configures and builds ccsim (Release) into ./build. Used by run-default.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
