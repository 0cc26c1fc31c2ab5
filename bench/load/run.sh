#!/usr/bin/env bash
# Load scenario (issue 9): is the host steady when many people search at once?
#   1. C concurrent clients (default 500), each on its own keep-alive connection, send searches that are all
#      different (so the output cache never answers): the HTML search page, then the public API;
#   2. the same C clients on a cached service page;
#   3. 2,000 concurrent connections on the cached service page.
# Every case reports requests, errors (non-2xx, connection resets, timeouts: goal 0), p50/p95/p99 and
# requests/s; then the host's log is scanned for thread-pool starvation and connection errors.
# Bounded: each case runs --seconds after --warmup seconds; every request times out after 30 s; loopback only.
#
# Usage: bench/load/run.sh [--services 2000] [--clients 500] [--connections 2000] [--seconds 20] [--warmup 5]
#          [--port 5498] [--fresh] [--no-build] [--web DIR] [--work DIR]
set -euo pipefail

SERVICES=2000
CLIENTS=500
CONNECTIONS=2000
SECONDS_PER_CASE=20
WARMUP=5
PORT=5498
FRESH=0
BUILD=1
WEB=""
WORK=""
START_TIMEOUT_S=180

die() { echo "run.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --services) SERVICES="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_CASE="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --web) WEB="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for v in "$SERVICES" "$CLIENTS" "$CONNECTIONS" "$SECONDS_PER_CASE" "$PORT"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "bad number: $v"; done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "bad --warmup"
command -v curl >/dev/null || die "curl is required"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK:-$HERE/.work}"
WEB="${WEB:-$WORK/web}"
DATA="$WORK/data"
LOGS="$WORK/logs"
BENCH_PROJECT="$ROOT/bench/ZonaWelfare.Bench.BussolaSearch"
BENCH="$BENCH_PROJECT/bin/Release/net10.0/ZonaWelfare.Bench.BussolaSearch.dll"
ZONE="bussola-load"
BASE="http://127.0.0.1:$PORT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$WORK" "$LOGS"
RESULTS="$WORK/results-$STAMP.txt"
: > "$RESULTS"
quiet() { grep -v -e 'Microsoft.EntityFrameworkCore.Model\[10626\]' -e 'was first mapped explicitly' >&2; }

# 2,000 client sockets plus as many on the server side, in two processes: raise the soft limit to the hard one.
hard=$(ulimit -Hn)
if [[ "$hard" == unlimited ]] || (( hard > 65536 )); then hard=65536; fi
ulimit -n "$hard" 2>/dev/null || true
(( $(ulimit -n) > CONNECTIONS + 200 )) || die "open-file limit $(ulimit -n) is too low for $CONNECTIONS connections"

if [[ "$BUILD" -eq 1 ]]; then
  echo "== Build (Release): host published to $WEB, bench tool built"
  rm -rf "$WEB"
  timeout 1200 dotnet publish "$ROOT/src/Web/ZonaWelfare.Web/ZonaWelfare.Web.csproj" -c Release -o "$WEB" -nologo -v quiet
  timeout 1200 dotnet build "$BENCH_PROJECT/ZonaWelfare.Bench.BussolaSearch.csproj" -c Release -nologo -v quiet
fi
[[ -f "$WEB/ZonaWelfare.Web.dll" && -f "$BENCH" ]] || die "build output missing; run without --no-build"

if [[ "$FRESH" -eq 1 ]]; then rm -rf "$DATA"; fi
if [[ ! -f "$DATA/.seeded-$SERVICES" ]]; then
  rm -rf "$DATA"
  echo "== Seeding zone $ZONE: $SERVICES services, then its search index"
  timeout 3600 dotnet "$BENCH" seed --data "$DATA" --zone "$ZONE" --services "$SERVICES" --recipe "$ROOT/recipes/zona-grossetana.recipe.json" \
    --templates "$ROOT/tools/bussola-data" 2> >(quiet) > "$LOGS/seed.log" || die "seeding failed (see $LOGS/seed.log)"
  (cd "$WEB" && env ASPNETCORE_ENVIRONMENT=Production Storage__Provider=Sqlite Storage__DataPath="$DATA" \
     timeout 3600 dotnet ZonaWelfare.Web.dll search rebuild --zone "$ZONE") > "$LOGS/rebuild.log" 2>&1 || die "index rebuild failed (see $LOGS/rebuild.log)"
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

HOST_LOG="$LOGS/host-$STAMP.log"
(curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null) && die "port $PORT is already in use on 127.0.0.1; pick another with --port"
echo "== Starting the published host on $BASE"
(cd "$WEB" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Storage__Provider=Sqlite \
   Storage__DataPath="$DATA" Urls="$BASE" dotnet ZonaWelfare.Web.dll) > "$HOST_LOG" 2>&1 &
HOST_PID=$!
deadline=$(( $(date +%s) + START_TIMEOUT_S ))
until [[ "$(http_code "$BASE/$ZONE/")" == "200" ]]; do
  kill -0 "$HOST_PID" 2>/dev/null || die "host exited (see $HOST_LOG)"
  (( $(date +%s) < deadline )) || die "host did not answer within ${START_TIMEOUT_S}s (see $HOST_LOG)"
  sleep 0.2
done

path=$(dotnet "$BENCH" path --data "$DATA" --zone "$ZONE" 2>/dev/null | tail -1)
page="$BASE/$ZONE/$path"
# The first answer of a page renders it cold: on a busy machine that can take longer than one 5 s try.
deadline=$(( $(date +%s) + 60 ))
until [[ "$(http_code "$page")" == "200" ]]; do
  (( $(date +%s) < deadline )) || die "service page $page does not answer 200 within 60 s"
  sleep 0.5
done

run_case() { # label concurrency url
  local label="$1" concurrency="$2" url="$3" before after
  before=$(grep -a -c -i -E 'starvation|ThreadPool|connection reset|ECONNRESET' "$HOST_LOG" || true)
  echo "== $label: $concurrency concurrent clients, ${WARMUP}s warm-up + ${SECONDS_PER_CASE}s, $url"
  timeout $(( WARMUP + SECONDS_PER_CASE + 120 )) dotnet "$BENCH" load --url "$url" --label "$label" --concurrency "$concurrency" \
    --seconds "$SECONDS_PER_CASE" --warmup-seconds "$WARMUP" --server-pid "$HOST_PID" 2> >(quiet) | tee -a "$RESULTS" || true
  after=$(grep -a -c -i -E 'starvation|ThreadPool|connection reset|ECONNRESET' "$HOST_LOG" || true)
  echo "RESULT hostlog label=$label warnings=$(( after - before ))" | tee -a "$RESULTS"
}

run_case search-html "$CLIENTS" "$BASE/$ZONE/bussola?q=anziani+{n}"
run_case search-api "$CLIENTS" "$BASE/api/$ZONE/services?search=anziani+{n}"
run_case page-cached "$CLIENTS" "$page"
run_case page-cached-conn "$CONNECTIONS" "$page"
echo "RESULT host rss_mib=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$HOST_PID/status") threads=$(awk '/^Threads:/ { print $2 }' "/proc/$HOST_PID/status")" | tee -a "$RESULTS"
stop_host

val() { grep "^RESULT load label=$1 " "$RESULTS" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
echo
echo "| Case | Clients | Requests | Errors | p50 ms | p95 ms | p99 ms | req/s | Host log warnings |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for label in search-html search-api page-cached page-cached-conn; do
  warnings=$(grep "^RESULT hostlog label=$label " "$RESULTS" | sed 's/.*warnings=//')
  echo "| $label | $(val "$label" concurrency) | $(val "$label" ok) | $(val "$label" errors) | $(val "$label" p50_ms) | $(val "$label" p95_ms) | $(val "$label" p99_ms) | $(val "$label" rps) | ${warnings:-?} |"
done
echo
echo "Raw figures: $RESULTS; host log: $HOST_LOG"
errors=$(grep '^RESULT load ' "$RESULTS" | tr ' ' '\n' | awk -F= '$1 == "errors" { s += $2 } END { print s + 0 }')
cases=$(grep -c '^RESULT load ' "$RESULTS" || true)
(( cases == 4 )) || die "only $cases of 4 cases reported"
(( errors == 0 )) || { echo "run.sh: $errors failed requests" >&2; exit 1; }
