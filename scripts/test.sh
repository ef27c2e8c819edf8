#!/usr/bin/env bash
# Fresh Debian 12 machine -> dependencies, build, and the whole test suite (unit + integration + validation).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Fuzz smoke runs (docs/fuzzing.md): the libFuzzer harnesses, built with clang + ASan/UBSan, each run for 20 s
# from its seed corpus, so they never rot. CCSIM_SKIP_FUZZ=1 skips them for a quick local run.
if [ "${CCSIM_SKIP_FUZZ:-0}" != 1 ]; then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCCSIM_FUZZ=ON -DCCSIM_BUILD_TESTS=OFF >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target fuzz_scenario fuzz_ledger_csv fuzz_call_log fuzz_values fuzz_results_h5
  (cd build-fuzz && ctest -L fuzz --output-on-failure --timeout 300)
fi
# The whole suite last: its summary is the run's closing line.
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600
