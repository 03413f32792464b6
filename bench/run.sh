#!/usr/bin/env bash
# covoit benchmarks: builds the release binary, measures speed, memory and size on SQLite and
# PostgreSQL with the load generator on the same machine, and prints one table.
# See BENCHMARKS.md. Everything listens on 127.0.0.1; data lives under $BENCH_WORKDIR.
#
#   bench/run.sh                 # everything (~10-15 minutes on 2 cores, build excluded)
#   BACKENDS=sqlite bench/run.sh # SQLite only
#   SKIP_BUILD=1 bench/run.sh    # reuse the binary already in $CARGO_TARGET_DIR/release
#
# Settings (environment): CARGO_TARGET_DIR (default: <repo>/target), BENCH_WORKDIR
# (/tmp/covoit-bench), BACKENDS ("sqlite postgres"), PG_URL (postgres://postgres@127.0.0.1:5432,
# the server where fresh databases are created and dropped; its Unix socket:
# postgres://postgres@%2Fvar%2Frun%2Fpostgresql), DURATION (10s), CONNS (64),
# THREADS (2), SMTP_CONNECTIONS (32, for the outbox step), ACCEPT_DURATION (5s), ACCEPT_OFFERS (1500, x8 pending requests each),
# CLAIM_DURATION (5s), CLAIM_EVENTS (500, x8 waiting passengers alerted: one-shot claim links),
# SWEEP_N (100000), OUTBOX_N (5000), COLD_RUNS (5), QUIET_WAIT (120: seconds to wait before each
# measurement for other builds/tests on the machine to finish), STEPS ("http coldstart sweep":
# which parts to run; `sweep` includes the outbox).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
WORK=${BENCH_WORKDIR:-/tmp/covoit-bench}
BACKENDS=${BACKENDS:-sqlite postgres}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ACCEPT_DURATION=${ACCEPT_DURATION:-5s}
ACCEPT_OFFERS=${ACCEPT_OFFERS:-1500}
CLAIM_DURATION=${CLAIM_DURATION:-5s}
CLAIM_EVENTS=${CLAIM_EVENTS:-500}
SWEEP_N=${SWEEP_N:-100000}
OUTBOX_N=${OUTBOX_N:-5000}
# SMTP connections for the outbox step (smtp_connections; the app's default is 8, a local relay
# takes more: lettre 0.11 waits ~43 ms per message per connection on loopback, see BENCHMARKS.md).
SMTP_CONNECTIONS=${SMTP_CONNECTIONS:-32}
COLD_RUNS=${COLD_RUNS:-5}
QUIET_WAIT=${QUIET_WAIT:-120}
STEPS=${STEPS:-http coldstart sweep}
BIN=$CARGO_TARGET_DIR/release/covoit
SECRET=bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz
RUN_TAG=$(date +%s)-$$

case "$WORK" in /tmp/*) ;; *) echo "BENCH_WORKDIR must be under /tmp" >&2; exit 2 ;; esac
# A loopback server, over TCP or its Unix socket (the host percent-encoded:
# postgres://postgres@%2Fvar%2Frun%2Fpostgresql, which psql and sqlx both read as a socket).
case "$PG_URL" in postgres://*@127.0.0.1[:/]*|postgres://*@localhost[:/]*|postgres://*@127.0.0.1|postgres://*@localhost|postgres://*@%2F*) ;;
  *) echo "PG_URL must point at a loopback server" >&2; exit 2 ;; esac

log() { printf '\n== %s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v curl >/dev/null || need_apt+=(curl)
command -v python3 >/dev/null || need_apt+=(python3 python3-venv)
case " $BACKENDS " in *" postgres "*) command -v psql >/dev/null || need_apt+=(postgresql-client) ;; esac
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]} (apt)"
    [ "$(id -u)" = 0 ] || die "missing ${need_apt[*]}; install them (apt-get install ${need_apt[*]})"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
mkdir -p "$WORK"
rm -rf "${WORK:?}"/run && mkdir -p "$WORK/run"
RUN=$WORK/run
RESULTS=$RUN/results.txt
cd "$RUN"   # the app's working directory (nothing of it lands in the repository)
: >"$RESULTS"
PY=python3
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    if [ ! -x "$WORK/venv/bin/python" ] || ! "$WORK/venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
        log "installing aiosmtpd (PyPI) into $WORK/venv"
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install -q aiosmtpd
    fi
    PY=$WORK/venv/bin/python
fi

result() { echo "$1 $2" >>"$RESULTS"; echo "   $1 = $2" >&2; }
note() { echo "note $*" >>"$RESULTS"; echo "   note: $*" >&2; }

# ---------------------------------------------------------------- cleanup
PIDS=()
# databases to drop at exit, one per line (a file: they are created inside $(...) subshells)
PG_DBS_FILE=$RUN/pg-databases
: >"$PG_DBS_FILE"
cleanup() {
    local pid db
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
    while read -r db; do
        [ -n "$db" ] || continue
        psql -q -X "$PG_URL/postgres" -c 'SET client_min_messages = warning' \
            -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null ||
            echo "bench: could not drop database $db" >&2
    done <"$PG_DBS_FILE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "cargo build --release (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
    (cd "$REPO" && cargo build --release --bin covoit)
fi
[ -x "$BIN" ] || die "no binary at $BIN"
result binary_bytes "$(stat -c %s "$BIN")"
cp "$BIN" "$RUN/covoit-stripped" && strip "$RUN/covoit-stripped" 2>/dev/null &&
    result binary_stripped_bytes "$(stat -c %s "$RUN/covoit-stripped")"
rm -f "$RUN/covoit-stripped"

# ---------------------------------------------------------------- the app
# The configuration of every run: release profile, loopback only, no logs, no background task,
# no rate limits, emails captured (no SMTP) unless the caller adds SMTP_*.
# app_env DATABASE_URL PORT [VAR=value...] sets APP_ENV, the command prefix `env -i ...` with
# that configuration; "${APP_ENV[@]}" CMD runs CMD (env execs it: $! of a background run is
# the command's own pid).
APP_ENV=()
app_env() {
    local db=$1 port=$2 mail=ROCKET_MAIL_MODE=capture
    shift 2
    # Without an SMTP server, emails are captured (written to the outbox, not sent): a release
    # server must be told so.
    case " $* " in *" SMTP_HOST="*) mail=ROCKET_MAIL_MODE=smtp ;; esac
    APP_ENV=(env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 "$mail"
        ROCKET_CONFIG="$REPO/Rocket.toml" ROCKET_PROFILE=release SECRET_KEY="$SECRET"
        BASE_URL="http://127.0.0.1:$port" ROCKET_PORT="$port" ROCKET_ADDRESS=127.0.0.1
        ROCKET_LOG_LEVEL=off RUST_LOG=warn ROCKET_JOBS_INTERVAL_SECS=0
        ROCKET_RATE_LIMIT_PER_IP=0 ROCKET_RATE_LIMIT_PER_EMAIL=0 ROCKET_PLACES_PER_MINUTE=0
        DATABASE_URL="$db" "$@")
}

free_port() { "$PY" "$BENCH/report.py" free-port; }

wait_ping() { # PORT PID
    for _ in $(seq 300); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$1/ping" 2>/dev/null; then return 0; fi
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

SERVER_PID=
PORT=
start_server() { # NAME DATABASE_URL [VAR=value...]
    PORT=$(free_port)
    local name=$1 db=$2
    shift 2
    app_env "$db" "$PORT" "$@"
    set -- "$name"
    "${APP_ENV[@]}" "$BIN" serve >"$RUN/server-$1.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    wait_ping "$PORT" "$SERVER_PID" || { tail -20 "$RUN/server-$1.log" >&2; die "server $1 did not start"; }
}

# Another engineer's builds and tests on this machine skew every figure: before each measurement
# wait (at most QUIET_WAIT s) until no compiler/cargo process runs, and note any that ran
# during it.
FOREIGN='rustc|cargo|rust-lld|lld|ld|cc1|cc1plus|collect2'
foreign() { ps -eo comm= | grep -cxE "$FOREIGN" || true; }
wait_quiet() {
    local waited=0
    while [ "$(foreign)" -gt 0 ] && [ "$waited" -lt "$QUIET_WAIT" ]; do sleep 2; waited=$((waited + 2)); done
    [ "$waited" -eq 0 ] || echo "   waited ${waited}s for other builds/tests to finish" >&2
}
watch_foreign() { # WATCHED_PID FILE: the most foreign processes seen while WATCHED_PID runs
    local max=0 v
    while kill -0 "$1" 2>/dev/null; do
        v=$(foreign)
        [ "$v" -gt "$max" ] && max=$v
        sleep 0.5
    done
    echo "$max" >"$2"
}
check_foreign() { # NAME
    local f
    f=$(cat "$RUN/foreign-$1" 2>/dev/null || echo 0)
    [ "$f" = 0 ] || note "$1: other builds/tests were running during this measurement (up to $f compiler/cargo processes)"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# wrk with latency; writes $RUN/wrk-NAME.txt and sets W_rps W_p50 W_p99 W_errors W_duration...
run_wrk() { # NAME DURATION URL [wrk args...]
    local name=$1 duration=$2 url=$3
    shift 3
    wait_quiet
    timeout 120 wrk -t"$THREADS" -c"$CONNS" -d"$duration" --timeout 10s --latency "$url" "$@" \
        >"$RUN/wrk-$name.txt" 2>&1 &
    local w=$!
    watch_foreign "$w" "$RUN/foreign-$name" &
    local watcher=$!
    wait "$w" || { cat "$RUN/wrk-$name.txt" >&2; die "wrk $name failed"; }
    wait "$watcher" || true
    check_foreign "$name"
    unset W_rps W_p50_ms W_p99_ms W_errors W_duration_s W_requests W_exhausted
    unset "${!W_status_@}" "${!W_view_@}" "${!W_book_@}"
    eval "$("$PY" "$BENCH/report.py" wrk "$RUN/wrk-$name.txt" | sed 's/^/W_/')"
}

# Max VmRSS of PID while PROCESS_TO_WATCH runs, sampled every 0.2 s, into FILE.
sample_rss() { # PID WATCHED_PID FILE
    local max=0 v
    while kill -0 "$2" 2>/dev/null; do
        v=$(rss_kb "$1" 2>/dev/null || echo 0)
        [ "${v:-0}" -gt "$max" ] && max=$v
        sleep 0.2
    done
    echo "$max" >"$3"
}

sql() { # BACKEND DATABASE -- runs stdin
    if [ "$1" = sqlite ]; then sqlite3 -bail "$2"; else psql -q -X -v ON_ERROR_STOP=1 -At "$2"; fi
}

new_pg_db() { # SUFFIX -> echo URL
    local db="covoit_bench_${1}_$$"
    psql -q -X "$PG_URL/postgres" -c 'SET client_min_messages = warning' -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null
    psql -q -X "$PG_URL/postgres" -c "CREATE DATABASE \"$db\"" >/dev/null
    echo "$db" >>"$PG_DBS_FILE"
    echo "$PG_URL/$db"
}

db_url() { # BACKEND NAME -> echo DATABASE_URL (fresh)
    if [ "$1" = sqlite ]; then
        rm -f "$RUN/$2.db" "$RUN/$2.db-wal" "$RUN/$2.db-shm"
        echo "sqlite://$RUN/$2.db?mode=rwc"
    else
        new_pg_db "$2"
    fi
}

sql_target() { # BACKEND DATABASE_URL -> what `sql` takes
    if [ "$1" = sqlite ]; then local p=${2#sqlite://}; echo "${p%%\?*}"; else echo "$2"; fi
}

# ---------------------------------------------------------------- HTTP benchmarks
http_bench() { # BACKEND
    local b=$1 url target
    url=$(db_url "$b" http)
    target=$(sql_target "$b" "$url")
    log "$b: HTTP server"
    start_server "$b" "$url"
    local pid=$SERVER_PID port=$PORT base="http://127.0.0.1:$PORT" ntok others
    sleep 1
    result "$b.idle_rss_mb" "$(awk -v k="$(rss_kb "$pid")" 'BEGIN{printf "%.1f", k/1024}')"

    log "$b: seeding the event page (20 offers) and the booking offers (50) through the API"
    local page book
    page=$("$PY" "$BENCH/seed.py" event --base "$base" --tag page --offers 20)
    book=$("$PY" "$BENCH/seed.py" event --base "$base" --tag book --offers 50)
    local slug book_ids
    slug=$(echo "$page" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["slug"])')
    book_ids=$(echo "$book" | "$PY" -c 'import json,sys; print(",".join(map(str, json.load(sys.stdin)["offers"])))')
    # a few requests on the page's offers, so that the page shows seats and states
    local page_ids
    page_ids=$(echo "$page" | "$PY" -c 'import json,sys; print(",".join(map(str, json.load(sys.stdin)["offers"])))')
    "$PY" "$BENCH/seed.py" bookings --base "$base" --tag page --offers "$page_ids" --per-offer 2 >/dev/null
    curl -fsS -o /dev/null "$base/e/$slug" || die "GET /e/$slug failed"
    curl -fsS -o /dev/null "$base/api/events/$slug" || die "GET /api/events/$slug failed"

    # widget and embed sizes (same for both backends; measured on the first)
    if [ ! -e "$RUN/sizes.done" ]; then
        measure_sizes "$base" "$slug"
        touch "$RUN/sizes.done"
    fi

    log "$b: GET /ping (ceiling)"
    run_wrk "$b-ping" "$DURATION" "$base/ping"
    result "$b.ping.rps" "$W_rps"; result "$b.ping.p50_ms" "$W_p50_ms"; result "$b.ping.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b /ping: $W_errors errors"

    log "$b: GET /e/$slug (event page)"
    run_wrk "$b-event" "$DURATION" "$base/e/$slug" &
    local wrk_job=$!
    sample_rss "$pid" "$wrk_job" "$RUN/rss-$b" &
    local sampler=$!
    wait "$wrk_job"
    wait "$sampler"
    # run_wrk ran in a subshell: parse again here
    eval "$("$PY" "$BENCH/report.py" wrk "$RUN/wrk-$b-event.txt" | sed 's/^/W_/')"
    result "$b.event.rps" "$W_rps"; result "$b.event.p50_ms" "$W_p50_ms"; result "$b.event.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b event page: $W_errors errors"
    result "$b.load_rss_mb" "$(awk -v k="$(cat "$RUN/rss-$b")" 'BEGIN{printf "%.1f", k/1024}')"

    log "$b: GET /api/events/$slug (JSON)"
    run_wrk "$b-json" "$DURATION" "$base/api/events/$slug"
    result "$b.json.rps" "$W_rps"; result "$b.json.p50_ms" "$W_p50_ms"; result "$b.json.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b JSON event: $W_errors errors"

    log "$b: GET /e/$slug with the page cache off (a second server, ROCKET_PAGE_CACHE=false)"
    local main_pid=$pid main_port=$port
    start_server "$b-nocache" "$url" ROCKET_PAGE_CACHE=false
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/e/$slug" || die "GET /e/$slug (cache off) failed"
    run_wrk "$b-nocache" "$DURATION" "http://127.0.0.1:$PORT/e/$slug"
    result "$b.nocache.rps" "$W_rps"; result "$b.nocache.p50_ms" "$W_p50_ms"; result "$b.nocache.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b event page, cache off: $W_errors errors"
    stop_pid "$SERVER_PID"
    PORT=$main_port SERVER_PID=$main_pid

    log "$b: GET /api/places?q=... (gazetteer suggestions)"
    curl -fsS "$base/api/places?q=lyon" | grep -q '"label":"Lyon (69)"' || die "GET /api/places failed"
    run_wrk "$b-places" "$DURATION" "$base" -s "$BENCH/lua/places.lua"
    result "$b.places.rps" "$W_rps"; result "$b.places.p50_ms" "$W_p50_ms"; result "$b.places.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b /api/places: $W_errors errors"

    log "$b: POST /api/offers/<id>/reservations (50 offers, distinct passengers)"
    run_wrk "$b-book" "$DURATION" "$base" -s "$BENCH/lua/book.lua" -- "$book_ids" "$b$RUN_TAG"
    local created=${W_status_201:-0}
    result "$b.book.rps" "$(awk -v n="$created" -v d="$W_duration_s" 'BEGIN{printf "%.2f", n/d}')"
    result "$b.book.p50_ms" "$W_p50_ms"; result "$b.book.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b booking: $W_errors answers other than 201 ($(grep '^STATUS' "$RUN/wrk-$b-book.txt" | tr '\n' ' '))"

    log "$b: mixed: 95 % GET /e/<slug>, 5 % bookings on the same event's 20 offers"
    local mixed mixed_slug mixed_ids
    mixed=$("$PY" "$BENCH/seed.py" event --base "$base" --tag mixed --offers 20)
    mixed_slug=$(echo "$mixed" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["slug"])')
    mixed_ids=$(echo "$mixed" | "$PY" -c 'import json,sys; print(",".join(map(str, json.load(sys.stdin)["offers"])))')
    "$PY" "$BENCH/seed.py" bookings --base "$base" --tag mixed --offers "$mixed_ids" --per-offer 2 >/dev/null
    run_wrk "$b-mixed" "$DURATION" "$base" -s "$BENCH/lua/mixed.lua" -- "$mixed_slug" "$mixed_ids" "$b$RUN_TAG"
    result "$b.mixed.rps" "$W_rps"; result "$b.mixed.p50_ms" "$W_p50_ms"; result "$b.mixed.p99_ms" "$W_p99_ms"
    result "$b.mixed_view.rps" "$(awk -v n="${W_view_status_200:-0}" -v d="$W_duration_s" 'BEGIN{printf "%.2f", n/d}')"
    result "$b.mixed_view.p99_ms" "${W_view_p99_ms:-nan}"
    result "$b.mixed_book.rps" "$(awk -v n="${W_book_status_201:-0}" -v d="$W_duration_s" 'BEGIN{printf "%.2f", n/d}')"
    result "$b.mixed_book.p99_ms" "${W_book_p99_ms:-nan}"
    others=$(grep '^KIND' "$RUN/wrk-$b-mixed.txt" | grep ' STATUS ' | grep -vE '^KIND view STATUS 200 |^KIND book STATUS 201 ' | tr '\n' ' ' || true)
    [ -z "$others" ] || note "$b mixed: other answers: $others"

    log "$b: POST /api/events/<slug>/needs (waiting list, distinct passengers)"
    run_wrk "$b-need" "$DURATION" "$base" -s "$BENCH/lua/need.lua" -- "$slug" "$b$RUN_TAG"
    result "$b.need.rps" "$(awk -v n="${W_status_201:-0}" -v d="$W_duration_s" 'BEGIN{printf "%.2f", n/d}')"
    result "$b.need.p50_ms" "$W_p50_ms"; result "$b.need.p99_ms" "$W_p99_ms"
    [ "$W_errors" = 0 ] || note "$b need: $W_errors answers other than 201 ($(grep '^STATUS' "$RUN/wrk-$b-need.txt" | tr '\n' ' '))"

    log "$b: seeding $CLAIM_EVENTS events x 8 waiting passengers alerted by a new ride (claim links)"
    "$PY" "$BENCH/seed.py" claims --base "$base" --tag "claim$b" --events "$CLAIM_EVENTS" >"$RUN/seed-claim-$b.json"
    sql "$b" "$target" >"$RUN/claim-bodies-$b.txt" <<SQL
SELECT text_body FROM outbox WHERE kind = 'seat_freed';
SQL
    grep -oE '/link/claim/[A-Za-z0-9._~-]+' "$RUN/claim-bodies-$b.txt" | sort -u |
        shuf --random-source=<(yes) >"$RUN/claim-paths-$b.txt" || true
    ntok=$(wc -l <"$RUN/claim-paths-$b.txt")
    [ "$ntok" -gt 0 ] || die "no claim links found in the outbox"
    echo "   $ntok claim links" >&2
    log "$b: POST /link/claim/<token> ($ntok links, $CLAIM_DURATION)"
    WRK_THREADS=$THREADS run_wrk "$b-claim" "$CLAIM_DURATION" "$base" -s "$BENCH/lua/paths.lua" -- "$RUN/claim-paths-$b.txt"
    result "$b.claim.rps" "$(awk -v n="${W_status_303:-0}" -v d="$W_duration_s" 'BEGIN{printf "%.2f", n/d}')"
    result "$b.claim.p99_ms" "$W_p99_ms"
    others=$(grep '^STATUS' "$RUN/wrk-$b-claim.txt" | grep -v '^STATUS 303 ' | tr '\n' ' ' || true)
    [ -z "$others" ] || note "$b claim: answers other than 303: $others"
    [ "${W_exhausted:-0}" = 0 ] || note "$b claim: the $ntok links ran out before the end: the rate is a lower bound (raise CLAIM_EVENTS)"

    log "$b: seeding $ACCEPT_OFFERS offers x 8 pending requests for the accept links"
    local acc acc_slug acc_ids
    acc=$("$PY" "$BENCH/seed.py" event --base "$base" --tag accept --offers "$ACCEPT_OFFERS")
    acc_slug=$(echo "$acc" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["slug"])')
    acc_ids=$(echo "$acc" | "$PY" -c 'import json,sys; print(",".join(map(str, json.load(sys.stdin)["offers"])))')
    "$PY" "$BENCH/seed.py" bookings --base "$base" --tag acc --offers "$acc_ids" --per-offer 8 >"$RUN/seed-accept-$b.json"
    # the accept links, from the drivers' request_received emails (captured in the outbox)
    sql "$b" "$target" >"$RUN/accept-bodies-$b.txt" <<SQL
SELECT o.text_body FROM outbox o
  JOIN reservations r ON r.id = o.record_id
  JOIN offers f ON f.id = r.offer_id
  JOIN events e ON e.id = f.event_id
 WHERE o.kind = 'request_received' AND e.slug = '$acc_slug';
SQL
    grep -oE '/link/accept/[A-Za-z0-9._~-]+' "$RUN/accept-bodies-$b.txt" | sort -u |
        shuf --random-source=<(yes) >"$RUN/accept-paths-$b.txt" || true
    ntok=$(wc -l <"$RUN/accept-paths-$b.txt")
    [ "$ntok" -gt 0 ] || die "no accept links found in the outbox"
    echo "   $ntok accept links" >&2
    curl -fsS -o /dev/null "$base$(head -1 "$RUN/accept-paths-$b.txt")" || die "GET of an accept link failed"

    log "$b: POST /link/accept/<token> ($ntok links, $ACCEPT_DURATION)"
    WRK_THREADS=$THREADS run_wrk "$b-accept" "$ACCEPT_DURATION" "$base" -s "$BENCH/lua/paths.lua" -- "$RUN/accept-paths-$b.txt"
    local ok=${W_status_303:-0}
    result "$b.accept.rps" "$(awk -v n="$ok" -v d="$W_duration_s" 'BEGIN{printf "%.2f", n/d}')"
    result "$b.accept.p99_ms" "$W_p99_ms"
    others=$(grep '^STATUS' "$RUN/wrk-$b-accept.txt" | grep -v '^STATUS 303 ' | tr '\n' ' ' || true)
    [ -z "$others" ] || note "$b accept: answers other than 303: $others"
    [ "${W_exhausted:-0}" = 0 ] || note "$b accept: the $ntok links ran out before the end: the rate is a lower bound (raise ACCEPT_OFFERS)"

    stop_pid "$pid"
    HTTP_DB[$b]=$url
}
declare -A HTTP_DB

measure_sizes() { # BASE SLUG
    local base=$1 slug=$2
    log "widget.js and embed page sizes"
    curl -fsS "$base/widget.js" -o "$RUN/widget.js"
    result widget_raw "$(wc -c <"$RUN/widget.js")"
    result widget_gzip "$(gzip -9 -c "$RUN/widget.js" | wc -c)"
    # the page as the widget loads it, with an accent colour (so the accent sheet is included)
    local page="/embed/$slug?lang=fr&accent=%23e11d48"
    curl -fsS "$base$page" -o "$RUN/embed.html"
    local total gz parts
    total=$(wc -c <"$RUN/embed.html"); gz=$(gzip -9 -c "$RUN/embed.html" | wc -c)
    parts="embed page $(wc -c <"$RUN/embed.html")"
    local asset i=0
    while read -r asset; do
        [ -n "$asset" ] || continue
        asset=${asset//&amp;/&}; asset=${asset//&#38;/&}
        i=$((i + 1))
        curl -fsS "$base$asset" -o "$RUN/asset-$i"
        total=$((total + $(wc -c <"$RUN/asset-$i")))
        gz=$((gz + $(gzip -9 -c "$RUN/asset-$i" | wc -c)))
        parts="$parts + ${asset%%\?*} $(wc -c <"$RUN/asset-$i")"
    done < <(grep -oE '(href|src)="/[^"]*"' "$RUN/embed.html" | sed -E 's/^(href|src)="//; s/"$//' |
        grep -E '^/static/|\.js|\.css' | sort -u)
    result embed_total "$total"
    result embed_total_gzip "$gz"
    note "embed bytes: $parts"
}

# ---------------------------------------------------------------- expiry sweep
seed_sweep() { # BACKEND TARGET
    local b=$1 target=$2
    local offers=20
    if [ "$b" = sqlite ]; then
        # the text form the app writes (chrono RFC 3339, UTC with +00:00)
        local now_created now_expires now_nudge future
        now_created=$(date -u -d '-25 hours' +%Y-%m-%dT%H:%M:%S+00:00)
        now_expires=$(date -u -d '-1 hours' +%Y-%m-%dT%H:%M:%S+00:00)
        now_nudge=$(date -u -d '-13 hours' +%Y-%m-%dT%H:%M:%S+00:00)
        future=$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%S+00:00)
        sql sqlite "$target" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
INSERT INTO events (slug, name, venue, starts_at, timezone, organizer_name, organizer_email, locale, created_at)
VALUES ('sweep-bench', 'Sweep bench', 'Stade municipal', '$future', 'Europe/Paris', 'Organiser', 'organiser@bench.example', 'fr', '$now_created');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $offers)
INSERT INTO offers (public_id, event_id, return_of, direction, place, departs_at, seats_total, seats_taken, status,
                    driver_name, driver_email, driver_phone, notes, locale, version, created_at, updated_at,
                    reminder_at, reminded_at)
SELECT lower(hex(randomblob(10))), (SELECT id FROM events WHERE slug = 'sweep-bench'), NULL, 'to_event', 'Place de la gare ' || i, '$future', 8, 0, 'open',
       'Driver ' || i, 'driver' || i || '@bench.example', NULL, '', CASE i % 2 WHEN 0 THEN 'fr' ELSE 'en' END, 0,
       '$now_created', '$now_created', NULL, NULL
  FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SWEEP_N)
INSERT INTO reservations (offer_id, status, seats, passenger_name, passenger_email, passenger_phone, pickup, message,
                          locale, active_email, reason, created_at, expires_at, decided_at, updated_at, nudge_at, nudged_at)
SELECT (SELECT min(id) FROM offers) + (i % $offers), 'pending', 1, 'Passenger ' || i, 'p' || i || '@bench.example', NULL, '', '',
       CASE i % 2 WHEN 0 THEN 'fr' ELSE 'en' END, 'p' || i || '@bench.example', NULL,
       '$now_created', '$now_expires', NULL, '$now_created', '$now_nudge', '$now_nudge'
  FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
    else
        sql postgres "$target" >/dev/null <<SQL
BEGIN;
INSERT INTO events (slug, name, venue, starts_at, timezone, organizer_name, organizer_email, locale, created_at)
VALUES ('sweep-bench', 'Sweep bench', 'Stade municipal', now() + interval '10 days', 'Europe/Paris', 'Organiser', 'organiser@bench.example', 'fr', now() - interval '25 hours');
INSERT INTO offers (public_id, event_id, return_of, direction, place, departs_at, seats_total, seats_taken, status,
                    driver_name, driver_email, driver_phone, notes, locale, version, created_at, updated_at,
                    reminder_at, reminded_at)
SELECT substr(md5(random()::text || i), 1, 20), (SELECT id FROM events WHERE slug = 'sweep-bench'), NULL, 'to_event', 'Place de la gare ' || i, now() + interval '10 days', 8, 0, 'open',
       'Driver ' || i, 'driver' || i || '@bench.example', NULL, '', CASE i % 2 WHEN 0 THEN 'fr' ELSE 'en' END, 0,
       now() - interval '25 hours', now() - interval '25 hours', NULL, NULL
  FROM generate_series(1, $offers) AS i;
INSERT INTO reservations (offer_id, status, seats, passenger_name, passenger_email, passenger_phone, pickup, message,
                          locale, active_email, reason, created_at, expires_at, decided_at, updated_at, nudge_at, nudged_at)
SELECT (SELECT min(id) FROM offers) + (i % $offers), 'pending', 1, 'Passenger ' || i, 'p' || i || '@bench.example', NULL, '', '',
       CASE i % 2 WHEN 0 THEN 'fr' ELSE 'en' END, 'p' || i || '@bench.example', NULL,
       now() - interval '25 hours', now() - interval '1 hour', NULL, now() - interval '25 hours',
       now() - interval '13 hours', now() - interval '13 hours'
  FROM generate_series(1, $SWEEP_N) AS i;
COMMIT;
VACUUM ANALYZE;
SQL
    fi
}

timed() { # NAME DATABASE_URL [VAR=value...] -- COMMAND...: the app's configuration, under
    # /usr/bin/time -v (into $RUN/time-NAME.txt); sets T_seconds and T_rss_mb
    local name=$1 url=$2
    shift 2
    local extra=()
    while [ "$1" != "--" ]; do extra+=("$1"); shift; done
    shift
    app_env "$url" 8000 "${extra[@]}"
    wait_quiet
    "${APP_ENV[@]}" timeout 900 /usr/bin/time -v -o "$RUN/time-$name.txt" "$@" \
        >"$RUN/out-$name.txt" 2>"$RUN/err-$name.txt" &
    local p=$!
    watch_foreign "$p" "$RUN/foreign-$name" &
    local watcher=$!
    wait "$p" || { tail -20 "$RUN/err-$name.txt" >&2; die "$name failed"; }
    wait "$watcher" || true
    check_foreign "$name"
    T_seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s}' "$RUN/time-$name.txt")
    T_rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$RUN/time-$name.txt")
}

SINK_PORT=
start_sink() {
    SINK_PORT=$(free_port)
    "$PY" "$BENCH/smtp_sink.py" "$SINK_PORT" "$RUN/sink-count" >"$RUN/sink.log" 2>&1 &
    PIDS+=("$!")
    SINK_PID=$!
    for _ in $(seq 100); do
        [ -s "$RUN/sink-count" ] && return 0
        sleep 0.1
    done
    die "the SMTP sink did not start (see $RUN/sink.log)"
}
sink_count() { awk '{print $1}' "$RUN/sink-count"; }

sweep_bench() { # BACKEND
    local b=$1 url target
    url=$(db_url "$b" sweep)
    target=$(sql_target "$b" "$url")
    app_env "$url" 8000
    "${APP_ENV[@]}" "$BIN" migrate >"$RUN/migrate-sweep-$b.log" 2>&1 || die "migrate failed ($b)"
    log "$b: seeding $SWEEP_N due pending requests (SQL)"
    seed_sweep "$b" "$target"
    log "$b: covoit sweep expire"
    local before
    before=$(sink_count)
    # SMTP configured (the sink): the expiry emails are queued, not captured; `sweep expire`
    # only queues them, it sends nothing (checked below).
    timed "sweep-$b" "$url" SMTP_HOST=127.0.0.1 SMTP_PORT="$SINK_PORT" SMTP_TLS=none FROM_EMAIL="covoit <noreply@bench.example>" -- "$BIN" sweep expire
    cat "$RUN/out-sweep-$b.txt" >&2
    result "$b.sweep.seconds" "$T_seconds"
    result "$b.sweep.rss_mb" "$T_rss_mb"
    local expired queued
    expired=$(echo "SELECT count(*) FROM reservations WHERE status = 'expired';" | sql "$b" "$target")
    queued=$(echo "SELECT count(*) FROM outbox WHERE status = 'queued';" | sql "$b" "$target")
    echo "   expired rows: $expired, queued emails: $queued" >&2
    [ "$expired" = "$SWEEP_N" ] || note "$b sweep: $expired of $SWEEP_N requests expired"
    result "$b.sweep.queued" "$queued"
    [ "$(sink_count)" = "$before" ] || note "$b sweep: the expire step sent email"

    # ------------------------------------------------------------ outbox over SMTP
    # Keep OUTBOX_N of the emails the sweep queued (real expiry emails, FR and EN, passenger
    # and driver) and send them to the sink.
    log "$b: covoit sweep outbox ($OUTBOX_N emails to the local SMTP sink)"
    sql "$b" "$target" <<SQL
DELETE FROM outbox WHERE id NOT IN (SELECT id FROM outbox WHERE status = 'queued' ORDER BY id LIMIT $OUTBOX_N);
SQL
    before=$(sink_count)
    timed "outbox-$b" "$url" SMTP_HOST=127.0.0.1 SMTP_PORT="$SINK_PORT" SMTP_TLS=none FROM_EMAIL="covoit <noreply@bench.example>" ROCKET_SMTP_CONNECTIONS="$SMTP_CONNECTIONS" -- "$BIN" sweep outbox
    cat "$RUN/out-outbox-$b.txt" >&2
    sleep 0.5
    local got sent
    got=$(( $(sink_count) - before ))
    sent=$(echo "SELECT count(*) FROM outbox WHERE status = 'sent';" | sql "$b" "$target")
    echo "   sink received $got, outbox rows sent: $sent, in ${T_seconds}s" >&2
    [ "$got" = "$OUTBOX_N" ] || note "$b outbox: the sink received $got of $OUTBOX_N emails"
    result "$b.outbox.rate" "$(awk -v n="$sent" -v s="$T_seconds" 'BEGIN{printf "%.1f", n/s}')"
    result "$b.outbox.seconds" "$T_seconds"
    result "$b.outbox.rss_mb" "$T_rss_mb"
}

# ---------------------------------------------------------------- main
{
    echo "# covoit benchmarks $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -h | awk '/^Mem:/ {print $2}') RAM"
    echo "# commit: $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO" && git diff --quiet HEAD -- src migrations templates static Cargo.toml 2>/dev/null || echo ' (with local changes)')"
} >>"$RESULTS"

if [[ " $BACKENDS " == *" postgres "* ]]; then
    psql -q -X "$PG_URL/postgres" -c 'SELECT 1' >/dev/null 2>&1 || die "PostgreSQL is not reachable at $PG_URL (start it, or BACKENDS=sqlite)"
fi

if [[ " $STEPS " == *" http "* ]]; then
    for b in $BACKENDS; do
        http_bench "$b"
    done
fi

if [[ " $STEPS " == *" coldstart "* ]]; then
    log "cold start (spawn -> first 200 on /ping), $COLD_RUNS runs, SQLite database of the HTTP run"
    cold_port=$(free_port)
    cold_db=${HTTP_DB[sqlite]:-}
    [ -n "$cold_db" ] || { cold_db=$(db_url sqlite cold); }
    app_env "$cold_db" "$cold_port"
    wait_quiet
    "${APP_ENV[@]}" "$PY" "$BENCH/coldstart.py" "$COLD_RUNS" "$cold_port" "$RUN/coldstart.log" -- "$BIN" serve \
        >"$RUN/coldstart.txt" || die "cold start failed (see $RUN/coldstart.log)"
    cat "$RUN/coldstart.txt" >&2
    result cold_runs "$COLD_RUNS"
    result cold_start_ms "$(sed -n 's/^median_ms=//p' "$RUN/coldstart.txt")"
fi

if [[ " $STEPS " == *" sweep "* ]]; then
    start_sink
    log "SMTP sink ceiling (Python smtplib, 8 connections, 3000 messages)"
    wait_quiet
    before=$(sink_count)
    result sink_ceiling "$("$PY" "$BENCH/smtp_blast.py" "$SINK_PORT" 3000 8 | sed -n 's/^rate=//p')"
    sleep 0.5
    [ $(( $(sink_count) - before )) = 3000 ] || note "the sink counted $(( $(sink_count) - before )) of 3000 ceiling messages"
    for b in $BACKENDS; do
        sweep_bench "$b"
    done
    stop_pid "$SINK_PID"
fi

log "results ($RESULTS)"
grep '^#' "$RESULTS"
echo
"$PY" "$BENCH/report.py" table "$RESULTS"
