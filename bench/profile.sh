#!/usr/bin/env bash
# Where a read's time goes: one binary on the PostgreSQL bench database at scale 1 (the one
# bench/ab.sh leaves, or a fresh one), loaded with wrk on SCENARIO; prints the CPU time per
# request of the server and of PostgreSQL (all its processes), from /proc, and, with perf
# installed, the server's hottest functions (a perf sample of the measured run).
#
#   bench/profile.sh                                  # small_lookup, target/release/samenspel
#   SCENARIO=search BIN=/path/to/samenspel bench/profile.sh
#   KEEP=1 bench/profile.sh                           # reuse the database of the last run
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
QUERIES=$BENCH/queries
SCENARIO=${SCENARIO:-small_lookup}
BIN=${BIN:-$ROOT/target/release/samenspel}
OUT=$BENCH/results/profile-$(date +%Y%m%d-%H%M%S)

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
# shellcheck source=load.sh
source "$BENCH/load.sh"
# shellcheck source=phases.sh
source "$BENCH/phases.sh"

start_on_bench_database
READER=$(DATABASE_URL=$PG_URL "$BIN" token issue --org "$ORG" --role READER --label profile 2>>"$OUT/server.log")
write_bodies "$OUT" "$(sql postgres "$LOOKUP_SQL")"

# CPU seconds (user + system) used so far by the processes $@.
cpu_s() {
  local ticks
  ticks=$(getconf CLK_TCK)
  for pid in "$@"; do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0; done |
    awk -v t="$ticks" '{ s += $1 } END { printf "%.3f", s / t }'
}
postgres_pids() { pgrep -x postgres || pgrep -f '^postgres:' || true; }
# "pid ticks" of each of the processes $@ still running.
ticks_of() { for pid in "$@"; do awk -v p="$pid" '{ print p, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true; done; }
# CPU seconds between two ticks_of readings: of the processes in the second, less what those
# in the first had used before (one that ended in between, say an idle connection closed, would
# otherwise subtract its whole life's CPU; one that started in between counts in full).
cpu_between() {
  join -a 2 -e 0 -o 0,1.2,2.2 <(sort <<<"$1") <(sort <<<"$2") |
    awk -v t="$(getconf CLK_TCK)" '{ s += $3 - $2 } END { printf "%.3f", s / t }'
}

start_samenspel "$BIN" "$PG_URL" "$OUT/server.log" 300
pid=$PID base=$BASE
body=$OUT/$SCENARIO.json
check_query "$base/graphql" "$body" "$READER"
BODY_FILE=$body TOKEN=$READER wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$BENCH/post.lua" "$base/graphql" >/dev/null

# PostgreSQL's processes now and at the end: a backend started during the run (a connection
# opened for a burst) counts in full.
mapfile -t pg < <(postgres_pids)
server0=$(cpu_s "$pid")
pg0=$(ticks_of "${pg[@]}")
perf_pid=""
if command -v perf >/dev/null; then
  perf record -F 499 -g -p "$pid" -o "$OUT/perf.data" >/dev/null 2>&1 &
  perf_pid=$!
fi
BODY_FILE=$body TOKEN=$READER wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH/post.lua" \
  "$base/graphql" >"$OUT/wrk.txt"
if [[ -n $perf_pid ]]; then
  kill -INT "$perf_pid" 2>/dev/null || true
  wait "$perf_pid" 2>/dev/null || true
fi
server1=$(cpu_s "$pid")
mapfile -t pg_end < <(postgres_pids)
pg1=$(ticks_of "${pg_end[@]}")
printf "%s\n" "$pg0" >"$OUT/postgres-ticks-before.txt"
printf "%s\n" "$pg1" >"$OUT/postgres-ticks-after.txt"
pg_cpu=$(cpu_between "$pg0" "$pg1")
read -r rps p50 p99 requests _ < <(parse_wrk "$OUT/wrk.txt")
stop_server "$pid"

{
  echo
  echo "$SCENARIO on $(basename "$BIN") ($("$BIN" --version 2>/dev/null || echo '?')), $CONNECTIONS connections, $DURATION, $(nproc) cores"
  echo "req/s $rps, p50 $p50 ms, p99 $p99 ms, $requests requests"
  awk -v s0="$server0" -v s1="$server1" -v pg="$pg_cpu" -v n="$requests" 'BEGIN {
    printf "CPU per request: server %.3f ms, PostgreSQL %.3f ms\n", (s1 - s0) * 1000 / n, pg * 1000 / n }'
  if [[ -f $OUT/perf.data ]]; then
    echo
    echo "server, hottest functions (self time, perf at 499 Hz):"
    perf report -i "$OUT/perf.data" --no-children --sort dso,symbol --percent-limit 1 --stdio 2>/dev/null |
      grep -E '^ +[0-9.]+%' | head -40 | cut -c1-150
  fi
} | tee "$OUT/summary.txt"
echo "raw reports: $OUT"
