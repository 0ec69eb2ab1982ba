#!/usr/bin/env bash
# What one change gains: two binaries, A (before) and B (after), on the same PostgreSQL bench
# database at scale 1, in PAIRS alternating pairs (A then B) per scenario, each run a fresh
# server process; prints every pair's B/A ratio of requests/s and their median.
#
#   A=/tmp/samenspel-before B=target/release/samenspel bench/ab.sh
#   SCENARIOS="small_lookup search" PAIRS=5 A=… B=… bench/ab.sh
#   KEEP=1 …                      # reuse the database of the last run (same data, no seeding)
#
# Scenarios are the bodies bench/run.sh writes: small_lookup, nested_list, filtered_connection,
# search, search_selective, and mix (reads with MUTATE_PERCENT % writes; it adds rows, so it runs last).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
QUERIES=$BENCH/queries
PAIRS=${PAIRS:-3}
SCENARIOS=${SCENARIOS:-small_lookup}
export MUTATE_PERCENT=${MUTATE_PERCENT:-10}
A=${A:?A: the binary before the change}
B=${B:?B: the binary after the change}
BIN=$B
OUT=$BENCH/results/ab-$(date +%Y%m%d-%H%M%S)

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
# shellcheck source=load.sh
source "$BENCH/load.sh"
# shellcheck source=phases.sh
source "$BENCH/phases.sh"
# shellcheck source=runs.sh
source "$BENCH/runs.sh"

start_on_bench_database
READER=$(DATABASE_URL=$PG_URL "$B" token issue --org "$ORG" --role READER --label ab 2>>"$OUT/ab.log")
EDITOR=$(DATABASE_URL=$PG_URL "$B" token issue --org "$ORG" --role EDITOR --label ab 2>>"$OUT/ab.log")
write_bodies "$OUT" "$(sql postgres "$LOOKUP_SQL")"

# One run of binary $2 (named $1) on scenario $3.
run() {
  local name=$1 bin=$2 scenario=$3 base pid
  start_samenspel "$bin" "$PG_URL" "$OUT/ab.log" 300
  pid=$PID base=$BASE
  if [[ $scenario == mix ]]; then
    mix_scenario "$name" postgres "$base" "$pid" "$OUT/mix" "$READER" "$EDITOR" "$ORG"
  else
    read_scenario "$name" "$scenario" "$base" "$pid" "$OUT/$scenario.json" "$READER" "$base"
  fi
  stop_server "$pid"
}

declare -A RATIOS
for scenario in $SCENARIOS; do
  key=$scenario
  [[ $scenario == mix ]] && key=mix_${MUTATE_PERCENT}pct_writes
  for ((pair = 1; pair <= PAIRS; pair++)); do
    log "$scenario: pair $pair of $PAIRS"
    run A "$A" "$scenario"
    run B "$B" "$scenario"
    RATIOS[$scenario]+=" $(ratio "${RPS[B/$key]:-}" "${RPS[A/$key]:-}")"
  done
done

{
  echo
  echo "A: $A"
  echo "B: $B"
  echo "$PAIRS alternating pairs, $CONNECTIONS connections, $DURATION per run after $WARMUP warm-up, $(nproc) cores"
  print_table
  echo
  for scenario in $SCENARIOS; do
    # shellcheck disable=SC2086 # the pairs' ratios, one word each
    echo "$scenario: B/A req/s, median of pairs $(median ${RATIOS[$scenario]}) (pairs:${RATIOS[$scenario]})"
  done
} | tee "$OUT/summary.txt"
echo "raw wrk reports and logs: $OUT"
