#!/usr/bin/env bash
# ZonaWelfare build and test runner.
#
#   ./build.sh build [args...]   dotnet build -c Release
#   ./build.sh test  [args...]   install test prerequisites if missing, start a throwaway
#                                PostgreSQL 15, run every test project, print a summary
#   ./build.sh run   [args...]   dotnet run the web host
#
# Extra arguments are passed through to the dotnet command, e.g.
#   ./build.sh test --filter "FullyQualifiedName~Search"
#
# Works unattended (CI=true, no stdin): nothing here ever prompts.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO_ROOT"

SOLUTION="ZonaWelfare.sln"
WEB_PROJECT="src/Web/ZonaWelfare.Web"
RESULTS_DIR="TestResults"
PG_VERSION=15
PGBIN="/usr/lib/postgresql/$PG_VERSION/bin"
CHROMIUM="/usr/bin/chromium"
# curl: the benchmark smoke tests (tests/ZonaWelfare.Bench.Tests) run bench/zones-scale/run.sh, which polls with it.
APT_PACKAGES=(chromium postgresql curl)

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "build.sh: $*"; }
die() { echo "build.sh: error: $*" >&2; exit 1; }

usage() {
    cat <<EOF
Usage: ./build.sh <command> [args...]

Commands:
  build   Build the solution (Release).
  test    Install chromium + PostgreSQL $PG_VERSION if missing, start a throwaway
          PostgreSQL cluster, run all tests, print "N passed, N failed".
  run     Run the web host ($WEB_PROJECT).

Extra arguments are passed to the underlying dotnet command.
EOF
}

# --- prerequisites -------------------------------------------------------------

ensure_test_prerequisites() {
    if [[ -x "$CHROMIUM" && -x "$PGBIN/initdb" ]] && command -v curl >/dev/null 2>&1; then
        return 0
    fi

    local -a sudo=()
    if [[ $EUID -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            echo "build.sh: error: the tests need these Debian packages: ${APT_PACKAGES[*]}" >&2
            echo "build.sh: install them as root, then run again:" >&2
            echo "    apt-get update && apt-get install -y ${APT_PACKAGES[*]}" >&2
            exit 1
        fi
    fi

    log "installing ${APT_PACKAGES[*]} (apt-get)"
    # Wait for another apt/dpkg process rather than failing on its lock.
    local -a apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get
                  -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef
                  -o Dpkg::Options::=--force-confold)
    if ! "${apt[@]}" update </dev/null; then
        die "'apt-get update' failed; install ${APT_PACKAGES[*]} by hand and run again"
    fi
    if ! "${apt[@]}" install -y "${APT_PACKAGES[@]}" </dev/null; then
        die "'apt-get install ${APT_PACKAGES[*]}' failed; install them by hand and run again"
    fi
    [[ -x "$CHROMIUM" ]] || die "$CHROMIUM is still missing after installing chromium"
    [[ -x "$PGBIN/initdb" ]] || die "$PGBIN/initdb is still missing (this script needs PostgreSQL $PG_VERSION)"
}

# --- throwaway PostgreSQL ------------------------------------------------------

PG_ROOT=""
PG_RUNNING=0

# Run a PostgreSQL binary as the postgres user (root) or as ourselves (non-root:
# initdb refuses to run as root, but any other user can own a cluster).
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1 && ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
        return 0
    fi
    # Something answers on the port?
    timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
}

start_postgres() {
    PG_ROOT="$(mktemp -d /tmp/zonawelfare-pg.XXXXXX)"
    mkdir "$PG_ROOT/socket"
    local pw
    pw="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s\n' "$pw" >"$PG_ROOT/pw"
    chmod 600 "$PG_ROOT/pw"
    if [[ $EUID -eq 0 ]]; then
        chown -R postgres "$PG_ROOT"
    fi

    if ! as_pg "$PGBIN/initdb" -D "$PG_ROOT/data" -U postgres --pwfile="$PG_ROOT/pw" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
            >"$PG_ROOT/initdb.log" 2>&1; then
        cat "$PG_ROOT/initdb.log" >&2
        die "initdb failed"
    fi

    # Try free ports upward; retry on the next one if the port is taken between the
    # check and the start.
    local port
    for port in $(seq 55432 55531); do
        port_in_use "$port" && continue
        if as_pg "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w -t 30 \
                -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_ROOT/socket \
-c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300" \
                start >/dev/null 2>&1; then
            PG_RUNNING=1
            export ZONAWELFARE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$pw"
            log "throwaway PostgreSQL $PG_VERSION on 127.0.0.1:$port ($PG_ROOT)"
            return 0
        fi
        # The failed attempt may have left a half-started server behind.
        as_pg "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
    done
    [[ -f "$PG_ROOT/log" ]] && tail -n 20 "$PG_ROOT/log" >&2
    die "could not start PostgreSQL on any port in 55432-55531"
}

# Idempotent and silent: runs once explicitly before the summary, and again from
# the EXIT trap (which then has nothing left to do).
stop_postgres() {
    if [[ $PG_RUNNING -eq 1 ]]; then
        as_pg "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || as_pg "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 \
            || true
        PG_RUNNING=0
    fi
    if [[ -n "$PG_ROOT" && -d "$PG_ROOT" ]]; then
        rm -rf -- "$PG_ROOT"
    fi
    PG_ROOT=""
}

# --- TRX summary ---------------------------------------------------------------

# Prints "passed failed skipped" summed over every <Counters .../> in the TRX files.
# failed includes error/timeout/aborted. Skipped is total - executed: xUnit's skipped
# tests appear in neither "executed" nor "notExecuted".
sum_trx_counters() {
    local -a files=("$@")
    awk '
        function attr(s, name,    m) {
            if (match(s, "[ \t]" name "=\"[0-9]+\"")) {
                m = substr(s, RSTART, RLENGTH)
                gsub(/[^0-9]/, "", m)
                return m + 0
            }
            return 0
        }
        {
            line = $0
            while (match(line, /<Counters[^>]*>/)) {
                c = substr(line, RSTART, RLENGTH)
                line = substr(line, RSTART + RLENGTH)
                passed  += attr(c, "passed")
                failed  += attr(c, "failed") + attr(c, "error") + attr(c, "timeout") + attr(c, "aborted")
                skipped += attr(c, "total") - attr(c, "executed")
            }
        }
        END { printf "%d %d %d\n", passed, failed, skipped }
    ' "${files[@]}"
}

# --- commands ------------------------------------------------------------------

TEST_PID=""

# INT/TERM while the tests run: stop dotnet test and its children, then exit (the EXIT
# trap stops PostgreSQL).
on_signal() {
    local code=$1
    if [[ -n "$TEST_PID" ]]; then
        echo "build.sh: interrupted, stopping the test run" >&2
        kill -TERM -- "-$TEST_PID" 2>/dev/null || true
        local i
        for i in $(seq 20); do
            kill -0 -- "-$TEST_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$TEST_PID" 2>/dev/null || true
        TEST_PID=""
    fi
    exit "$code"
}

cmd_build() {
    exec dotnet build "$SOLUTION" -c Release "$@" </dev/null
}

cmd_run() {
    exec dotnet run --project "$WEB_PROJECT" "$@"
}

cmd_test() {
    ensure_test_prerequisites

    trap stop_postgres EXIT
    trap 'on_signal 130' INT
    trap 'on_signal 143' TERM
    start_postgres

    rm -rf -- "$RESULTS_DIR"

    # dotnet test runs in its own session, in the background, so that a signal to this
    # script is handled at once (bash defers traps until a foreground child exits) and
    # can be passed on to dotnet and its test hosts as a group.
    local start end rc=0
    start=$(date +%s)
    setsid --wait dotnet test "$SOLUTION" -c Release \
        --logger "trx" --logger "console;verbosity=normal" \
        --results-directory "$RESULTS_DIR" "$@" </dev/null &
    TEST_PID=$!
    wait "$TEST_PID" || rc=$?
    TEST_PID=""
    end=$(date +%s)

    stop_postgres

    local -a trx=()
    if [[ -d "$RESULTS_DIR" ]]; then
        mapfile -t trx < <(find "$RESULTS_DIR" -type f -name '*.trx' | sort)
    fi

    echo
    echo "dotnet test exit code: $rc"
    echo "Test command took $((end - start)) s"

    if [[ ${#trx[@]} -eq 0 ]]; then
        echo "No TRX results under $RESULTS_DIR (build failure or no test projects)."
        echo "0 passed, 1 failed"
        exit 1
    fi

    local passed failed skipped
    read -r passed failed skipped < <(sum_trx_counters "${trx[@]}")

    if [[ $rc -ne 0 && $failed -eq 0 ]]; then
        # dotnet test failed without a failed test in the TRX files (a project that did
        # not build, a crashed test host): count it as one failure so CI sees it.
        echo "dotnet test failed although no test in ${#trx[@]} TRX file(s) failed; counting 1 failure."
        failed=1
    fi

    local summary="$passed passed, $failed failed"
    if [[ $skipped -gt 0 ]]; then
        summary+=", $skipped skipped"
    fi
    echo "$summary"

    if [[ $rc -ne 0 || $failed -gt 0 ]]; then
        exit 1
    fi
    exit 0
}

main() {
    local cmd="${1:-}"
    [[ $# -gt 0 ]] && shift
    case "$cmd" in
        build) cmd_build "$@" ;;
        test)  cmd_test "$@" ;;
        run)   cmd_run "$@" ;;
        -h|--help|help) usage ;;
        *)
            [[ -n "$cmd" ]] && echo "build.sh: unknown command '$cmd'" >&2
            usage >&2
            exit 2
            ;;
    esac
}

main "$@"
