#!/usr/bin/env bash
# Bussola search benchmark (issue 4): for each size (default 10,000 and 100,000 services in one zone), in ONE run:
#   - index build rate: the published host's own `search rebuild --zone` CLI, services/s;
#   - search latency, one client thread, the same fixed query mix three ways, interleaved round by round:
#     HTTP on the published host (Kestrel, separate process, output cache bypassed), the Search module's
#     ISearchService in-process, and the module's raw Lucene query code on the index; p50/p95/p99 and HTTP/raw
#     (goal: HTTP p95 <= 1.5x raw p95);
#   - throughput of a cached service page vs a static file of about the same size from the same Kestrel, same
#     client, concurrency and duration, keep-alive, alternating (goal: page >= 0.8x static); host and client pinned
#     to one core each (--no-pin: not), on a second start of the host.
# Prints a markdown table and writes it with the raw figures to bench/bussola-search/.work/ (git-ignored).
#
# Usage: bench/bussola-search/run.sh [--sizes 10000,100000] [--rounds 30] [--warmup 100] [--concurrency 16]
#          [--load-seconds 10] [--load-reps 3] [--port 5499] [--no-pin] [--fresh] [--no-build]
# Seeding is done once per size and reused (--fresh re-seeds). Everything stays on 127.0.0.1.
set -euo pipefail

SIZES="10000,100000"
ROUNDS=30
# 100 warm-up rounds (1,100 requests per way): with 10, the host's tiered JIT had not yet optimised the
# page's code paths, and the HTTP figures measured a half-warm process (p50 ~14 ms where a warm host
# answers the same page in ~4-5 ms).
WARMUP=100
CONCURRENCY=16
LOAD_SECONDS=10
LOAD_WARMUP=3
LOAD_REPS=3
PORT=5499
PIN=1
FRESH=0
BUILD=1
START_TIMEOUT_S=180

die() { echo "run.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --load-seconds) LOAD_SECONDS="$2"; shift 2 ;;
    --load-reps) LOAD_REPS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --no-pin) PIN=0; shift ;;
    --fresh) FRESH=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$SIZES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "bad --sizes (e.g. 10000,100000)"
for v in "$ROUNDS" "$CONCURRENCY" "$LOAD_SECONDS" "$LOAD_REPS" "$PORT"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "bad number: $v"; done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "bad --warmup"
command -v curl >/dev/null || die "curl is required"
command -v taskset >/dev/null || PIN=0
(( $(nproc) >= 2 )) || PIN=0
IFS=, read -r -a SIZE_LIST <<<"$SIZES"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/.work"
WEB="$WORK/web"
DATA="$WORK/data"
LOGS="$WORK/logs"
BENCH_PROJECT="$ROOT/bench/ZonaWelfare.Bench.BussolaSearch"
BENCH="$BENCH_PROJECT/bin/Release/net10.0/ZonaWelfare.Bench.BussolaSearch.dll"
RECIPE="$ROOT/recipes/zona-grossetana.recipe.json"
TEMPLATES="$ROOT/tools/bussola-data"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$WORK/results-$STAMP"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK" "$LOGS" "$OUT"
RESULTS="$OUT/results.txt"   # every RESULT line of the run
: > "$RESULTS"

# Throughput only: host on CPU 0, load client on CPU 1, or on 2 cores they compete for the same core. Latency runs
# unpinned: one request at a time, so client and host never run together, and a process pinned to one CPU runs
# .NET without background GC, which costs the allocation-heavy search more (see bench/README.md).
SERVER_CPU=(); CLIENT_CPU=()
if [[ "$PIN" -eq 1 ]]; then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi
bench() { timeout 3600 dotnet "$BENCH" "$@" 2> >(grep -v -e 'Microsoft.EntityFrameworkCore.Model\[10626\]' -e 'was first mapped explicitly' >&2); }
bench_pinned() { timeout 600 "${CLIENT_CPU[@]}" dotnet "$BENCH" "$@" 2> >(grep -v -e 'Microsoft.EntityFrameworkCore.Model\[10626\]' -e 'was first mapped explicitly' >&2); }
zone_of() { echo "bussola-$1"; }

# ---------------------------------------------------------------- build
if [[ "$BUILD" -eq 1 ]]; then
  echo "== Build (Release): host published to $WEB, bench tool built"
  rm -rf "$WEB"
  timeout 1200 dotnet publish "$ROOT/src/Web/ZonaWelfare.Web/ZonaWelfare.Web.csproj" -c Release -o "$WEB" -nologo -v quiet
  timeout 1200 dotnet build "$BENCH_PROJECT/ZonaWelfare.Bench.BussolaSearch.csproj" -c Release -nologo -v quiet
fi
[[ -f "$WEB/ZonaWelfare.Web.dll" && -f "$BENCH" ]] || die "build output missing; run without --no-build"

# ---------------------------------------------------------------- seed (once per size; resumable)
if [[ "$FRESH" -eq 1 ]]; then rm -rf "$DATA"; fi
for n in "${SIZE_LIST[@]}"; do
  zone=$(zone_of "$n")
  if [[ -f "$DATA/.seeded-$n" ]]; then echo "== Reusing zone $zone ($n services; --fresh to recreate)"; continue; fi
  echo "== Seeding zone $zone: $n services + organizations and locations, through the content manager"
  timeout 7200 dotnet "$BENCH" seed --data "$DATA" --zone "$zone" --services "$n" --recipe "$RECIPE" --templates "$TEMPLATES" \
    2> >(grep -v -e 'Microsoft.EntityFrameworkCore.Model\[10626\]' -e 'was first mapped explicitly' >&2) | tee "$LOGS/seed-$n.log" \
    || die "seeding failed (see $LOGS/seed-$n.log)"
  grep '^SEED' "$LOGS/seed-$n.log" | sed 's/^SEED/RESULT seed/' >> "$RESULTS"
  touch "$DATA/.seeded-$n"
done

# ---------------------------------------------------------------- helpers for the host
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }
stop_host() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
HOST_PID=""
cleanup() { if [[ -n "$HOST_PID" ]]; then stop_host "$HOST_PID"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
host_env() { env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Storage__Provider=Sqlite Storage__DataPath="$DATA" "$@"; }

# ---------------------------------------------------------------- index build rate (host not running)
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load $LOAD_START, dotnet $(dotnet --version), throughput pinning $([[ $PIN -eq 1 ]] && echo 'host CPU 0 / client CPU 1' || echo off)"
for n in "${SIZE_LIST[@]}"; do
  zone=$(zone_of "$n")
  log="$LOGS/rebuild-$STAMP-$n.log"
  echo "== Index build: search rebuild --zone $zone (published host's CLI)"
  start=$EPOCHREALTIME
  # Each line gets a timestamp ($EPOCHREALTIME: no fork per line), so the rate excludes the CLI's start-up.
  (cd "$WEB" && host_env timeout 3600 dotnet ZonaWelfare.Web.dll search rebuild --zone "$zone") 2>&1 \
    | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done > "$log" || die "rebuild failed (see $log)"
  end=$EPOCHREALTIME
  grep -q 'ricostruito' "$log" || die "rebuild did not finish (see $log)"
  # Also the rate over the second half of the items: the CLI is a cold process, so the first seconds run unoptimised code.
  awk -v n="$n" -v start="$start" -v end="$end" '
    / Indicizzati 0\// && !first { first = $1; split($3, a, "/"); items = a[2] }
    / Indicizzati [0-9]+\// && !half { split($3, a, "/"); if (items > 0 && a[1] >= items / 2) { half = $1; halfDone = a[1] } }
    / Indicizzati [0-9]+\// { split($3, a, "/"); if (a[1] == items && !last) last = $1 }
    /ricostruito/ { done = $1 }
    END { secs = done - first
          printf "RESULT rebuild size=%d items=%d seconds=%.2f services_per_s=%.1f items_per_s=%.1f second_half_items_per_s=%.1f cli_seconds=%.2f\n", n, items, secs, n / secs, items / secs, (items - halfDone) / (last - half), end - start }' "$log" \
    | tee -a "$RESULTS"
done

# ---------------------------------------------------------------- the host (one process, every zone)
start_host() { # $1 = 1 to pin to CPU 0; sets HOST_PID
  local pin="$1" log="$LOGS/host-$STAMP-$2.log" deadline prefix=()
  [[ "$pin" -eq 1 ]] && prefix=("${SERVER_CPU[@]}")
  (curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null) && die "port $PORT is already in use on 127.0.0.1; pick another with --port"
  echo "== Starting the published host on $BASE$([[ ${#prefix[@]} -gt 0 ]] && echo ', pinned to CPU 0')"
  (cd "$WEB" && exec "${prefix[@]}" env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Storage__Provider=Sqlite \
     Storage__DataPath="$DATA" Urls="$BASE" dotnet ZonaWelfare.Web.dll) > "$log" 2>&1 &
  HOST_PID=$!
  deadline=$(( $(date +%s) + START_TIMEOUT_S ))
  until [[ "$(http_code "$BASE/$(zone_of "${SIZE_LIST[0]}")/")" == "200" ]]; do
    kill -0 "$HOST_PID" 2>/dev/null || die "host exited (see $log)"
    (( $(date +%s) < deadline )) || die "host did not answer within ${START_TIMEOUT_S}s (see $log)"
    sleep 0.2
  done
  tr '\0' ' ' < "/proc/$HOST_PID/cmdline" | grep -q 'ZonaWelfare.Web.dll' || die "pid $HOST_PID is not the host (see $log)"
}

start_host 0 latency
# ---------------------------------------------------------------- search latency
for n in "${SIZE_LIST[@]}"; do
  zone=$(zone_of "$n")
  echo "== Search latency, $zone: $WARMUP warm-up + $ROUNDS measured rounds of the query mix (raw, service, HTTP interleaved)"
  bench latency --data "$DATA" --zone "$zone" --base "$BASE" --size "$n" --warmup "$WARMUP" --rounds "$ROUNDS" --out "$OUT/latency-$n.csv" --server-pid "$HOST_PID" \
    | tee "$LOGS/latency-$STAMP-$n.log"
  grep '^RESULT' "$LOGS/latency-$STAMP-$n.log" >> "$RESULTS"
done
echo "RESULT host size=all rss_mib_after_search=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$HOST_PID/status")" >> "$RESULTS"
stop_host "$HOST_PID"
HOST_PID=""
start_host "$PIN" throughput

# ---------------------------------------------------------------- throughput: cached service page vs static file
for n in "${SIZE_LIST[@]}"; do
  zone=$(zone_of "$n")
  path=$(dotnet "$BENCH" path --data "$DATA" --zone "$zone" 2>/dev/null | tail -1)
  page="$BASE/$zone/$path"
  [[ "$(http_code "$page")" == "200" ]] || die "service page $page does not answer 200"
  age=$(curl -s -D - -o /dev/null "$page" | tr -d '\r' | awk -F': ' 'tolower($1) == "age" { print $2 }')
  [[ -n "$age" ]] || die "service page $page is not served from the output cache (no Age header)"
  page_bytes=$(curl -s -o /dev/null -w '%{size_download}' "$page")
  # The static file: the one in the published wwwroot closest in size to the page (compressed twins excluded).
  static=$(cd "$WEB/wwwroot" && find . -type f ! -name '*.gz' ! -name '*.br' -printf '%s %P\n' \
    | awk -v p="$page_bytes" '{ d = $1 - p; if (d < 0) d = -d; if (best == "" || d < bd) { bd = d; best = $2 } } END { print best }')
  static_url="$BASE/$static"
  [[ "$(http_code "$static_url")" == "200" ]] || die "static file $static_url does not answer 200"
  echo "== Throughput, $zone: cached page /$zone/$path ($page_bytes bytes) vs static /$static, $CONCURRENCY connections, ${LOAD_SECONDS}s x $LOAD_REPS each, alternating"
  echo "RESULT loadsetup size=$n page=/$zone/$path page_bytes=$page_bytes static=/$static" >> "$RESULTS"
  for r in $(seq 1 "$LOAD_REPS"); do
    if (( r % 2 == 1 )); then order=(page static); else order=(static page); fi
    for what in "${order[@]}"; do
      url=$page; [[ "$what" == static ]] && url=$static_url
      bench_pinned load --url "$url" --label "$what" --concurrency "$CONCURRENCY" --seconds "$LOAD_SECONDS" --warmup-seconds "$LOAD_WARMUP" \
        --server-pid "$HOST_PID" | sed "s/^RESULT load /RESULT load size=$n rep=$r /" | tee -a "$RESULTS"
    done
  done
done

stop_host "$HOST_PID"
HOST_PID=""
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report
val() { # $1 = kind, $2 = size, $3 = extra match (e.g. layer=http), $4 = key
  awk -v kind="$1" -v size="size=$2" -v extra="$3" -v key="$4" '
    $2 == kind && index(" " $0 " ", " " size " ") && (extra == "" || index(" " $0 " ", " " extra " ")) {
      for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' "$RESULTS"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() { printf '| %s |' "$1"; shift; for c in "$@"; do printf ' %s |' "$c"; done; printf '\n'; }
verdict() { awk -v r="$1" -v g="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (r <= g) : (r >= g); printf "%.2f× — %s", r, ok ? "met" : "MISSED" }'; }

REPORT="$OUT/results.md"
{
  echo "Run $STAMP UTC — commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "load average $LOAD_START at start and $LOAD_END at end; latency unpinned; throughput $([[ $PIN -eq 1 ]] && echo 'with the host on CPU 0 and the load client on CPU 1' || echo unpinned);"
  echo "latency: $WARMUP warm-up + $ROUNDS measured rounds × ${#SIZE_LIST[@]} sizes; throughput: $CONCURRENCY connections, ${LOAD_SECONDS} s × $LOAD_REPS alternating runs each (median)."
  echo
  header="| Metric |"; sep="|---|"
  for n in "${SIZE_LIST[@]}"; do header+=" $(printf "%'d" "$n" 2>/dev/null || echo "$n") services |"; sep+="---|"; done
  echo "$header"; echo "$sep"
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(printf '%.0f' "$(val rebuild "$n" "" services_per_s)") ($(val rebuild "$n" "" seconds) s for $(val rebuild "$n" "" items) items; second half $(printf '%.0f' "$(val rebuild "$n" "" second_half_items_per_s)") items/s)"); done
  row "Index build, \`search rebuild --zone\`: services/s (time from first progress line to done)" "${cells[@]}"
  for layer in http service raw; do
    label="Search latency p50 / p95 / p99 (ms), "; case $layer in http) label+="HTTP \`/{zone}/bussola?…\`";; service) label+="ISearchService in-process (breakdown)";; raw) label+="raw Lucene (module's ZoneSearch)";; esac
    cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(val latency "$n" "layer=$layer" p50) / $(val latency "$n" "layer=$layer" p95) / $(val latency "$n" "layer=$layer" p99)"); done
    row "$label" "${cells[@]}"
  done
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(verdict "$(awk -v a="$(val latency "$n" layer=http p95)" -v b="$(val latency "$n" layer=raw p95)" 'BEGIN { print a / b }')" 1.5 le)"); done
  row "**Goal: HTTP p95 ≤ 1.5 × raw p95** (pooled over the whole mix)" "${cells[@]}"
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(awk -v a="$(val latency "$n" layer=http p95_without_typos)" -v b="$(val latency "$n" layer=raw p95_without_typos)" 'BEGIN { printf "%.2f× (%.1f / %.1f ms)", a / b, a, b }')"); done
  row "HTTP p95 / raw p95 pooled without the two typo (fuzzy) queries" "${cells[@]}"
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(val perquery "$n" "" ratio_p95_median)× ($(val perquery "$n" "" ratio_p95_min)–$(val perquery "$n" "" ratio_p95_max)×), $(val perquery "$n" "" queries_within_goal) queries ≤ 1.5×"); done
  row "HTTP p95 / raw p95 query by query: median (min–max)" "${cells[@]}"
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(val perquery "$n" "" http_extra_p50_ms_median) ms"); done
  row "HTTP p50 − raw p50, median over the queries (the fixed cost of a request)" "${cells[@]}"
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(val cpu "$n" "" http_server_cpu_ms_mean) / $(val cpu "$n" "" raw_thread_cpu_ms_mean) ms = $(val cpu "$n" "" ratio)× (without typos $(val cpu "$n" "" http_without_typos) / $(val cpu "$n" "" raw_without_typos) ms); raw allocates $(val cpu "$n" "" raw_alloc_mb_mean) MB per search"); done
  row "CPU per search, mean: host process per HTTP request / raw search thread (not inflated by waiting for a core)" "${cells[@]}"
  for what in page static; do
    cells=(); for n in "${SIZE_LIST[@]}"; do
      cells+=("$(val load "$n" "label=$what" rps | median) (server CPU $(val load "$n" "label=$what" server_cpu | tr -d '%' | median)%, client CPU $(val load "$n" "label=$what" client_cpu | tr -d '%' | median)%)")
    done
    if [[ $what == page ]]; then row "Cached service page: requests/s" "${cells[@]}"; else row "Static file, same size class: requests/s" "${cells[@]}"; fi
  done
  cells=(); for n in "${SIZE_LIST[@]}"; do cells+=("$(verdict "$(awk -v a="$(val load "$n" label=page rps | median)" -v b="$(val load "$n" label=static rps | median)" 'BEGIN { print a / b }')" 0.8 ge)"); done
  row "**Goal: page ≥ 0.8 × static**" "${cells[@]}"
  echo
  for n in "${SIZE_LIST[@]}"; do
    echo "Throughput setup ($n): $(grep "^RESULT loadsetup size=$n " "$RESULTS" | cut -d' ' -f4-)."
  done
  echo "Host RSS after the searches: $(awk '$2 == "host" { split($4, a, "="); print a[2] }' "$RESULTS") MiB."
  echo
  echo "Per query (one client thread; p95 over $ROUNDS rounds):"
  for n in "${SIZE_LIST[@]}"; do echo; cat "$OUT/latency-$n.md"; done
} > "$REPORT"

echo
cat "$REPORT"
echo
echo "All RESULT lines: $RESULTS"
echo "Samples:          $OUT/latency-*.csv"
echo "Table:            $REPORT"
