#!/usr/bin/env bash
# Many-zones resource benchmark (issue 9, point 9): do descriptors and memory stay flat when one web node serves
# thousands of zones over a day?
#   1. seeds N small Bussola zones (zona-0001 … : the Livornese recipe's types, settings and synonyms, and a few
#      generated services each), once;
#   2. starts the published host with Platform:MaxActiveZones = B and requests every zone in turn: its home page,
#      then a Bussola search (which opens the zone's Lucene index);
#   3. after 100, 1,000 and N zones, reads the host's open file descriptors, its RSS and how many zone folders it
#      holds files of (descriptors or memory maps), and counts failed requests (goal 0).
# --bound 0 keeps every zone activated: the behaviour before the release existed, for comparison.
#
# Usage: bench/zones-release/run.sh [--zones 5000] [--bound 200] [--checkpoints 100,1000] [--services 5]
#          [--parallel 2] [--port 5597] [--fresh] [--no-build] [--web DIR] [--work DIR]
# Everything stays on 127.0.0.1. Work files go to bench/zones-release/.work/ (git-ignored), or to --work DIR.
set -euo pipefail

ZONES=5000
BOUND=200
CHECKPOINTS="100,1000"
SERVICES=5
PARALLEL=2
PORT=5597
FRESH=0
BUILD=1
WEB=""
WORK=""
START_TIMEOUT_S=180

die() { echo "run.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --zones) ZONES="$2"; shift 2 ;;
    --bound) BOUND="$2"; shift 2 ;;
    --checkpoints) CHECKPOINTS="$2"; shift 2 ;;
    --services) SERVICES="$2"; shift 2 ;;
    --parallel) PARALLEL="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --web) WEB="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for v in "$ZONES" "$SERVICES" "$PARALLEL" "$PORT"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "bad number: $v"; done
[[ "$BOUND" =~ ^[0-9]+$ ]] || die "bad --bound"
[[ "$CHECKPOINTS" =~ ^[0-9,]*$ ]] || die "bad --checkpoints"
(( ZONES <= 9999 )) || die "at most 9999 zones"
command -v curl >/dev/null || die "curl is required"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK:-$HERE/.work}"
WEB="${WEB:-$WORK/web}"
DATA="$WORK/data-$ZONES"
LOGS="$WORK/logs"
BENCH_PROJECT="$ROOT/bench/ZonaWelfare.Bench.BussolaSearch"
BENCH="$BENCH_PROJECT/bin/Release/net10.0/ZonaWelfare.Bench.BussolaSearch.dll"
BASE="http://127.0.0.1:$PORT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$WORK" "$LOGS"
RESULTS="$WORK/results-$STAMP-bound$BOUND.txt"
quiet() { grep -v -e 'Microsoft.EntityFrameworkCore.Model\[10626\]' -e 'was first mapped explicitly' >&2; }

if [[ "$BUILD" -eq 1 ]]; then
  echo "== Build (Release): host published to $WEB, bench tool built"
  rm -rf "$WEB"
  timeout 1200 dotnet publish "$ROOT/src/Web/ZonaWelfare.Web/ZonaWelfare.Web.csproj" -c Release -o "$WEB" -nologo -v quiet
  timeout 1200 dotnet build "$BENCH_PROJECT/ZonaWelfare.Bench.BussolaSearch.csproj" -c Release -nologo -v quiet
fi
[[ -f "$WEB/ZonaWelfare.Web.dll" && -f "$BENCH" ]] || die "build output missing; run without --no-build"

if [[ "$FRESH" -eq 1 ]]; then rm -rf "$DATA"; fi
if [[ ! -f "$DATA/.seeded-$SERVICES" ]]; then
  echo "== Seeding $ZONES zones of $SERVICES services into $DATA (resumes an interrupted seeding)"
  timeout 7200 dotnet "$BENCH" zones --data "$DATA" --count "$ZONES" --services "$SERVICES" \
    --recipe "$ROOT/recipes/zona-livornese.recipe.json" --templates "$ROOT/tools/bussola-data" 2> >(quiet) \
    | grep --line-buffered -v -e 'Microsoft.EntityFrameworkCore.Model\[10626\]' -e 'was first mapped explicitly' | tee "$LOGS/seed-$ZONES.log" \
    || die "seeding failed (see $LOGS/seed-$ZONES.log)"
  touch "$DATA/.seeded-$SERVICES"
fi

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }
HOST_PID=""
stop_host() {
  local i
  [[ -n "$HOST_PID" ]] || return 0
  kill -TERM "$HOST_PID" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$HOST_PID" 2>/dev/null || true
  wait "$HOST_PID" 2>/dev/null || true
  HOST_PID=""
}
trap stop_host EXIT
trap 'exit 130' INT TERM

HOST_LOG="$LOGS/host-$STAMP-bound$BOUND.log"
(curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null) && die "port $PORT is already in use on 127.0.0.1; pick another with --port"
echo "== Starting the published host on $BASE with Platform:MaxActiveZones=$BOUND (open-file limit $(ulimit -n))"
# Warnings only: an information line per zone activation would make the log the largest file of the run.
(cd "$WEB" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Storage__Provider=Sqlite \
   Storage__DataPath="$DATA" Urls="$BASE" Platform__MaxActiveZones="$BOUND" Logging__LogLevel__Default=Warning \
   dotnet ZonaWelfare.Web.dll) > "$HOST_LOG" 2>&1 &
HOST_PID=$!
deadline=$(( $(date +%s) + START_TIMEOUT_S ))
until [[ "$(http_code "$BASE/")" == "200" ]]; do
  kill -0 "$HOST_PID" 2>/dev/null || die "host exited (see $HOST_LOG)"
  (( $(date +%s) < deadline )) || die "host did not answer within ${START_TIMEOUT_S}s (see $HOST_LOG)"
  sleep 0.2
done

echo "== Touching $ZONES zones in turn ($PARALLEL at a time): home page + /bussola?q=anziani each"
status=0
timeout 7200 dotnet "$BENCH" touch --base "$BASE" --count "$ZONES" --pid "$HOST_PID" --checkpoints "$CHECKPOINTS,$ZONES" \
  --parallel "$PARALLEL" 2> >(quiet) | tee "$RESULTS" || status=$?
kill -0 "$HOST_PID" 2>/dev/null || { echo "run.sh: the host died during the run (see $HOST_LOG)" >&2; status=1; }
stop_host

echo
echo "Bound $BOUND, $ZONES zones, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores:"
echo
echo "| Zones touched | Open fds | RSS MiB | Zones holding files | Requests | Errors | p50 ms | p95 ms |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
grep '^RESULT touch ' "$RESULTS" | while read -r line; do
  val() { tr ' ' '\n' <<<"$line" | awk -F= -v k="$1" '$1 == k { print $2 }'; }
  echo "| $(val zones) | $(val fds) | $(val rss_mib) | $(val zones_holding_files) | $(val requests) | $(val errors) | $(val p50_ms) | $(val p95_ms) |"
done
echo
echo "Raw figures: $RESULTS; host log: $HOST_LOG"
(( status == 0 )) || die "failed requests or a failed run (exit $status)"
