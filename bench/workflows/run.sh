#!/usr/bin/env bash
# Workflows benchmark, in one process with the host's modules (bench/ZonaWelfare.Bench.Workflows):
#   1. the admin's instance queries (WorkflowInstanceQuery) at N instances seeded by bulk insert: p50/p95 per query
#      (goal: p95 <= 200 ms at 100,000), on SQLite and, with --postgres, on PostgreSQL too;
#   2. instances finished per second when N items are published (SQLite, jobs running), and the publish rate of a
#      zone without workflows for comparison.
# Prints every RESULT line and writes them to bench/workflows/.work/results-<stamp>.txt (git-ignored).
#
# Usage: bench/workflows/run.sh [--instances 100000] [--rounds 50] [--warmup 5] [--items 10000] [--parallel 4]
#          [--postgres "<connection string to an existing, empty database>"] [--work DIR] [--no-build]
#          [--skip-query] [--skip-throughput]
# The query data are seeded once per size into the work folder and reused.
set -euo pipefail

INSTANCES=100000
ROUNDS=50
WARMUP=5
ITEMS=10000
PARALLEL=4
POSTGRES=""
BUILD=1
QUERY=1
THROUGHPUT=1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/.work"

die() { echo "run.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --items) ITEMS="$2"; shift 2 ;;
    --parallel) PARALLEL="$2"; shift 2 ;;
    --postgres) POSTGRES="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --skip-query) QUERY=0; shift ;;
    --skip-throughput) THROUGHPUT=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for v in "$INSTANCES" "$ROUNDS" "$ITEMS" "$PARALLEL"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "bad number: $v"; done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "bad --warmup"

PROJECT="$ROOT/bench/ZonaWelfare.Bench.Workflows"
BENCH="$PROJECT/bin/Release/net10.0/ZonaWelfare.Bench.Workflows.dll"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$WORK"
RESULTS="$WORK/results-$STAMP.txt"
: > "$RESULTS"

if [[ "$BUILD" -eq 1 ]]; then
  timeout 600 dotnet build "$PROJECT" -c Release -v quiet -nologo >/dev/null || die "build failed"
fi
[[ -f "$BENCH" ]] || die "$BENCH is missing (build it, or drop --no-build)"

run() {
  echo "run.sh: $*" >&2
  # Only the RESULT lines are kept; everything else goes to the log.
  timeout 1800 dotnet "$BENCH" "$@" 2>>"$WORK/bench-$STAMP.log" | tee -a "$WORK/bench-$STAMP.log" | grep '^RESULT' | tee -a "$RESULTS"
  return "${PIPESTATUS[0]}"
}

if [[ "$QUERY" -eq 1 ]]; then
  run query --data "$WORK/query-sqlite" --instances "$INSTANCES" --rounds "$ROUNDS" --warmup "$WARMUP"
  if [[ -n "$POSTGRES" ]]; then
    run query --data "$WORK/query-postgres" --postgres "$POSTGRES" --instances "$INSTANCES" --rounds "$ROUNDS" --warmup "$WARMUP"
  fi
fi

if [[ "$THROUGHPUT" -eq 1 ]]; then
  # A fresh folder each time: the rate of a new zone, not of one with the last run's items.
  rm -rf "$WORK/throughput"
  run throughput --data "$WORK/throughput" --items "$ITEMS" --parallel "$PARALLEL"
fi

echo "run.sh: results in $RESULTS"
