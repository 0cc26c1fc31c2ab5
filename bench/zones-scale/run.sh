#!/usr/bin/env bash
# Zone-count scaling benchmark: does start-up time and idle memory stay flat with the number of zones?
#
# Builds Release, seeds two data folders (few zones, many zones) once, then in ONE run starts the published
# host alternately against each folder, R times, and measures
#   - wall time from process start to the first HTTP 200 on /zona-0001/ (polled every ~10 ms), and
#   - VmRSS of the host 2 s after /zona-0001/ and /zona-0002/ answered 200;
# and, for information, the host's CPU time at the first 200 and its peak RSS (VmHWM).
# Prints median, min and max per configuration, the ratio many/few of the medians, and a markdown table.
#
# Usage: bench/zones-scale/run.sh [--reps N] [--small N] [--large N] [--warmup N] [--port P] [--fresh] [--no-build]
#          [--web DIR] [--work DIR] [--config Release]
# Everything stays on 127.0.0.1. Work files go to bench/zones-scale/.work/ (git-ignored), or to --work DIR.
# --web DIR runs the host from DIR (e.g. its build output) instead of publishing it; the test suite's smoke
# run uses it with tiny sizes (tests/ZonaWelfare.Bench.Tests).
set -euo pipefail

REPS=5
SMALL=2
LARGE=600
WARMUP=1
PORT=5399
FRESH=0
BUILD=1
WEB_DIR=""
WORK_DIR=""
CONFIG=Release
GOAL=1.2
START_TIMEOUT_S=120   # bound on waiting for the first 200
POLL_S=0.01           # sleep between polls of the first 200
SETTLE_S=2            # wait after touching the zones, before reading RSS

die() { echo "run.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --small) SMALL="$2"; shift 2 ;;
    --large) LARGE="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --web) WEB_DIR="$2"; shift 2 ;;
    --work) WORK_DIR="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$REPS" =~ ^[1-9][0-9]*$ && "$WARMUP" =~ ^[0-9]+$ && "$PORT" =~ ^[0-9]+$ ]] || die "bad --reps/--warmup/--port"
[[ "$SMALL" =~ ^[0-9]+$ && "$LARGE" =~ ^[0-9]+$ && "$SMALL" -ge 2 && "$LARGE" -ge "$SMALL" ]] || die "need 2 <= --small <= --large"
command -v curl >/dev/null || die "curl is required"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK_DIR:-$HERE/.work}"
WEB="${WEB_DIR:-$WORK/web}"
SEEDER_PROJECT="$ROOT/bench/ZonaWelfare.Bench.ZoneSeeder"
SEEDER="$SEEDER_PROJECT/bin/$CONFIG/net10.0/ZonaWelfare.Bench.ZoneSeeder.dll"
RECIPE="$ROOT/recipes/zona-base.recipe.json"
LOGS="$WORK/logs"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$WORK/results-$STAMP.csv"
REPORT="$WORK/results-$STAMP.md"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK" "$LOGS"

# ---------------------------------------------------------------- build
if [[ "$BUILD" -eq 1 ]]; then
  if [[ -z "$WEB_DIR" ]]; then
    echo "== Build ($CONFIG): host published to $WEB"
    rm -rf "$WEB"
    timeout 1200 dotnet publish "$ROOT/src/Web/ZonaWelfare.Web/ZonaWelfare.Web.csproj" -c "$CONFIG" -o "$WEB" -nologo -v quiet
  fi
  echo "== Build ($CONFIG): seeder"
  timeout 1200 dotnet build "$SEEDER_PROJECT/ZonaWelfare.Bench.ZoneSeeder.csproj" -c "$CONFIG" -nologo -v quiet
fi
[[ -f "$WEB/ZonaWelfare.Web.dll" && -f "$SEEDER" ]] || die "build output missing; run without --no-build"

# ---------------------------------------------------------------- seed (once; reused unless --fresh)
seed() { # $1 = number of zones
  local n="$1" dir="$WORK/data-$1"
  if [[ "$FRESH" -eq 1 ]]; then rm -rf "$dir"; fi
  if [[ -f "$dir/.seeded" && "$(cat "$dir/.seeded")" == "$n" ]]; then
    echo "== Reusing $dir ($n zones; --fresh to recreate)"
    return
  fi
  echo "== Seeding $n zones into $dir"
  # The seeder skips zones that already exist, so an interrupted seeding resumes.
  # Full per-zone timings go to the log; the console shows the first three, every 100th and the summary.
  if ! timeout 1800 dotnet "$SEEDER" --data "$dir" --count "$n" --recipe "$RECIPE" | tee "$LOGS/seed-$n.log" \
    | awk '!/^\[/ || ++k <= 3 || k % 100 == 0 { print; fflush() }'; then
    die "seeding $n zones failed (see $LOGS/seed-$n.log)"
  fi
  local made; made=$(find "$dir/zones" -mindepth 1 -maxdepth 1 -type d -name 'zona-*' | wc -l)
  [[ "$made" -eq "$n" ]] || die "expected $n zone folders in $dir/zones, found $made"
  echo "$n" > "$dir/.seeded"
}
seed "$SMALL"
seed "$LARGE"

# ---------------------------------------------------------------- one measured start
now_ns() { date +%s%N; }
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true; }

port_free() { [[ "$(http_code "$BASE/")" == "000" ]]; }

stop_host() { # $1 = pid; SIGTERM, then SIGKILL after 10 s
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

# CPU time (user + system, ms, all threads) a process has used so far: less sensitive than wall time to
# other load on the machine, so it is reported next to it.
CLK_TCK=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t) }' "/proc/$1/stat"; }

# One start of the host on data folder $1; sets MS (to first 200), CPU (ms used by then), RSS and HWM (kB).
# Runs in this shell (not in $(...)), so the EXIT trap can always stop the host.
MS="" CPU="" RSS="" HWM=""
measure() {
  local n="$1" label="$2" dir="$WORK/data-$1" log start end code deadline
  log="$LOGS/host-$STAMP-$label-$n.log"
  port_free || die "port $PORT is already in use on 127.0.0.1; pick another with --port"
  start=$(now_ns)
  # Content root = publish folder (cwd), as a deployed host. The registry is non-empty, so the
  # Platform:InitialZones of appsettings.json are skipped; the administrator already exists.
  (cd "$WEB" && exec env \
      ASPNETCORE_ENVIRONMENT=Production \
      DOTNET_ENVIRONMENT=Production \
      Storage__Provider=Sqlite \
      Storage__DataPath="$dir" \
      Urls="$BASE" \
      dotnet ZonaWelfare.Web.dll) >"$log" 2>&1 &
  HOST_PID=$!
  deadline=$(( start + START_TIMEOUT_S * 1000000000 ))
  code=000
  while :; do
    code=$(http_code "$BASE/zona-0001/")
    [[ "$code" == "200" ]] && break
    kill -0 "$HOST_PID" 2>/dev/null || die "host exited before answering (see $log)"
    (( $(now_ns) < deadline )) || { stop_host "$HOST_PID"; die "no 200 on /zona-0001/ within ${START_TIMEOUT_S}s (last $code; see $log)"; }
    sleep "$POLL_S"
  done
  end=$(now_ns)
  # `dotnet X.dll` runs the app inside the muxer's process: $! must be the host itself, not a wrapper.
  tr '\0' ' ' < "/proc/$HOST_PID/cmdline" | grep -q 'ZonaWelfare.Web.dll' \
    || { stop_host "$HOST_PID"; die "pid $HOST_PID is not the host process (see $log)"; }
  CPU=$(cpu_ms "$HOST_PID")
  code=$(http_code "$BASE/zona-0002/")
  [[ "$code" == "200" ]] || { stop_host "$HOST_PID"; die "/zona-0002/ answered $code (see $log)"; }
  sleep "$SETTLE_S"
  RSS=$(awk '/^VmRSS:/ { print $2 }' "/proc/$HOST_PID/status")
  HWM=$(awk '/^VmHWM:/ { print $2 }' "/proc/$HOST_PID/status")
  stop_host "$HOST_PID"
  HOST_PID=""
  # Sanity: the host created no other zones (e.g. initial zones of appsettings.json).
  local others; others=$(find "$dir/zones" -mindepth 1 -maxdepth 1 -type d ! -name 'zona-*' | wc -l)
  [[ "$others" -eq 0 ]] || die "unexpected non-bench zones in $dir/zones"
  MS=$(( (end - start) / 1000000 ))
}

# ---------------------------------------------------------------- the run
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 " RAM, " $7 " available" }'), load $(cut -d' ' -f1-3 /proc/loadavg), dotnet $(dotnet --version)"
echo "== $WARMUP warm-up start(s) per configuration (discarded), then $REPS measured, alternating ($SMALL/$LARGE, then $LARGE/$SMALL, ...)"
echo "config,rep,ms_to_first_200,vmrss_kb,vmhwm_kb,cpu_ms_to_first_200" > "$RAW"

run_pair() { # $1 = rep label, $2 = first config, $3 = second config, $4 = record (1) or not
  local c
  for c in "$2" "$3"; do
    measure "$c" "$1"
    printf '   %-8s %5s zones: first 200 after %6s ms (CPU %5s ms), VmRSS %7.1f MiB (peak %7.1f MiB)\n' \
      "$1" "$c" "$MS" "$CPU" "$(awk -v k="$RSS" 'BEGIN { print k / 1024 }')" "$(awk -v k="$HWM" 'BEGIN { print k / 1024 }')"
    if [[ "$4" -eq 1 ]]; then echo "$c,$1,$MS,$RSS,$HWM,$CPU" >> "$RAW"; fi
  done
}

for i in $(seq 1 "$WARMUP"); do run_pair "warmup$i" "$SMALL" "$LARGE" 0; done
for i in $(seq 1 "$REPS"); do
  if (( i % 2 == 1 )); then run_pair "run$i" "$SMALL" "$LARGE" 1; else run_pair "run$i" "$LARGE" "$SMALL" 1; fi
done
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- statistics
# stats <config> <column>: "median min max" (column 3 = ms, 4 = RSS kB, 5 = peak RSS kB, 6 = CPU ms)
stats() {
  awk -F, -v c="$1" -v col="$2" 'NR > 1 && $1 == c { print $col }' "$RAW" | sort -n \
    | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'
}
read -r ms_s_med ms_s_min ms_s_max <<<"$(stats "$SMALL" 3)"
read -r ms_l_med ms_l_min ms_l_max <<<"$(stats "$LARGE" 3)"
read -r kb_s_med kb_s_min kb_s_max <<<"$(stats "$SMALL" 4)"
read -r kb_l_med kb_l_min kb_l_max <<<"$(stats "$LARGE" 4)"
read -r pk_s_med pk_s_min pk_s_max <<<"$(stats "$SMALL" 5)"
read -r pk_l_med pk_l_min pk_l_max <<<"$(stats "$LARGE" 5)"
read -r cp_s_med cp_s_min cp_s_max <<<"$(stats "$SMALL" 6)"
read -r cp_l_med cp_l_min cp_l_max <<<"$(stats "$LARGE" 6)"

# paired <column> <divisor> <format>: "median M (range A … B)" of large − small within each repetition.
paired() {
  awk -F, -v a="$SMALL" -v b="$LARGE" -v col="$1" 'NR > 1 && ($1 == a || $1 == b) { d[$2] += ($1 == b ? $col : -$col) }
    END { for (k in d) print d[k] }' "$RAW" | sort -n \
    | awk -v div="$2" -v f="$3" '{ v[NR] = $1 / div } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median " f " (range " f " … " f ")", m, v[1], v[NR] }'
}

row() { # label, unit divisor, format, small med/min/max, large med/min/max
  awk -v label="$1" -v div="$2" -v f="$3" -v sm="$4" -v sn="$5" -v sx="$6" -v lm="$7" -v ln="$8" -v lx="$9" -v goal="$GOAL" 'BEGIN {
    ratio = lm / sm
    printf "| %s | " f " (" f "–" f ") | " f " (" f "–" f ") | %.3f× | %s |\n", label,
      sm / div, sn / div, sx / div, lm / div, ln / div, lx / div, ratio, (ratio <= goal ? "met (≤ " goal "×)" : "MISSED (> " goal "×)")
  }'
}

{
  echo "Run $STAMP UTC — commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
       "$(free -h | awk '/^Mem:/ { print $2 }') RAM, load average $LOAD_START at start and $LOAD_END at end, $REPS alternating runs per configuration after $WARMUP warm-up."
  echo
  echo "| Metric | $SMALL zones: median (min–max) | $LARGE zones: median (min–max) | Ratio $LARGE/$SMALL (medians) | Goal ≤ ${GOAL}× |"
  echo "|---|---|---|---|---|"
  row "Process start → first 200 on \`/zona-0001/\` (ms)" 1 "%.0f" "$ms_s_med" "$ms_s_min" "$ms_s_max" "$ms_l_med" "$ms_l_min" "$ms_l_max"
  row "CPU time (user+sys) used by the host until that 200 (ms, for information)" 1 "%.0f" "$cp_s_med" "$cp_s_min" "$cp_s_max" "$cp_l_med" "$cp_l_min" "$cp_l_max"
  row "VmRSS 2 s after \`/zona-0001/\` + \`/zona-0002/\` (MiB)" 1024 "%.1f" "$kb_s_med" "$kb_s_min" "$kb_s_max" "$kb_l_med" "$kb_l_min" "$kb_l_max"
  row "Peak RSS (VmHWM) at that moment (MiB, for information)" 1024 "%.1f" "$pk_s_med" "$pk_s_min" "$pk_s_max" "$pk_l_med" "$pk_l_min" "$pk_l_max"
  # Within one repetition both configurations ran back to back, so their difference cancels slow drifts of
  # the machine's load; its median says whether there is a systematic effect at all.
  echo
  echo "Paired differences ($LARGE − $SMALL zones, same repetition, n = $REPS):" \
       "wall time $(paired 3 1 "%+.0f ms"), VmRSS $(paired 4 1024 "%+.1f MiB")."
} > "$REPORT"

echo
cat "$REPORT"
echo
echo "Raw figures: $RAW"
echo "Table:       $REPORT"
