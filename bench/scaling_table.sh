#!/usr/bin/env bash
# Prints docs/performance.md's scaling table: `ccsim run scenarios/month-2000.yaml` (whole process tree: CPU time
# user+sys, peak RSS) beside the bare binary-heap loop on the same calls, for horizons of 1 day .. 12 months
# and for 200, 2,000 and 20,000 agents over one month (arrival rate, trunk channels and seats scaled with the
# agents). Each row is one bench_ratio run (bench/bench_ratio.cpp); rerun after any change to regenerate it.
#   usage: bench/scaling_table.sh [BUILD_DIR] [extra bench_ratio args, e.g. --arg -o --arg none]
# Long rows take minutes (12 months: ~120 million calls); the script runs them nice'd, one at a time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shift || true
bench="nice -n 10 $build/bench/bench_ratio"
scenario=$here/scenarios/month-2000.yaml

row() {  # row LABEL [bench_ratio args...]
  local label=$1
  shift
  $bench "$scenario" --ccsim "$build/ccsim" --row "$label" "$@" | sed -n 's/^ROW //p'
}

echo "| run | calls | bare loop CPU | bare loop peak RSS | ccsim run CPU (tree) | ccsim run peak RSS (tree) | calls/CPU-s vs bare |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for h in 1d:"1 day" 7d:"1 week" 30d:"1 month" 91d:"3 months" 365d:"12 months"; do
  row "${h#*:}, 2,000 agents" --set "horizon.length=${h%%:*}" "$@"
done
for a in 200 20000; do
  f=$(awk -v a="$a" 'BEGIN { print a / 2000 }')
  channels=$(awk -v f="$f" 'BEGIN { printf "%d", 2300 * f }')
  row "1 month, $a agents" --load "$f" --set "tenants[0].groups[0].agents=$a" \
    --set "tenants[0].trunks[0].channels=$channels" --set "tenants[0].seats.standard=$((a + 10))" "$@"
done
