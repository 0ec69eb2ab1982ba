#!/usr/bin/env bash
# The benchmark of issue 5: builds the release binary, seeds the bench dataset into PostgreSQL
# and SQLite, starts the server (and PostGraphile v4 on the same PostgreSQL database) on
# 127.0.0.1 and drives it with wrk. See README.md, "Benchmark". Every load is bounded in time;
# every server started here is stopped on exit.
#
#   bench/run.sh                      # scale 1, about 8 minutes once built (PAIRS=3 pairs)
#   SCALES="1 5" bench/run.sh         # also the connection page at scale 5
#   DURATION=30s CONNECTIONS=32 POSTGRAPHILE=0 bench/run.sh
#   NO_BUILD=1 BIN=/path/to/samenspel bench/run.sh   # an existing binary, as it is
#   LIVE=0 bench/run.sh               # without the live features (about 6 minutes more)
#
# With LIVE=1 (the default) it also runs bench/live.sh (delivery latency to 1,000
# subscribers, the feed page at 100,000 and 1,000,000 events) and bench/webhooks.sh on
# PostgreSQL (deliveries per second, the API beside 100 silent webhooks), and prints every
# goal of issues 5, 11, 12 and 14 with "met" or "MISSED"; search is measured at every scale.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
QUERIES=$BENCH/queries
SCALES=${SCALES:-${SCALE:-1}}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
export MUTATE_PERCENT=${MUTATE_PERCENT:-10}
POSTGRAPHILE=${POSTGRAPHILE:-1}
PAIRS=${PAIRS:-3}
LIVE=${LIVE:-1}
PG_DB=samenspel_bench
# Both servers talk to PostgreSQL on loopback without TLS: PostGraphile's driver does not use
# TLS unless asked, and sqlx would otherwise negotiate it (sslmode=prefer), which costs about a
# tenth of the nested list's time in encryption.
PG_URL="postgres://postgres@127.0.0.1:5432/$PG_DB?sslmode=disable"
SQLITE_FILE=/tmp/samenspel_bench.db
SQLITE_URL="sqlite://$SQLITE_FILE?mode=rwc"
PGL_DIR=$BENCH/.postgraphile
BIN=${BIN:-$ROOT/target/release/samenspel}
OUT=$BENCH/results/$(date +%Y%m%d-%H%M%S)

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
# shellcheck source=load.sh
source "$BENCH/load.sh"
# shellcheck source=phases.sh
source "$BENCH/phases.sh"
# shellcheck source=runs.sh
source "$BENCH/runs.sh"

trap stop_all EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
RESULTS_TSV=$OUT/results.tsv
: >"$RESULTS_TSV"
# One secret for the tokens issued here and the servers that check them.
SAMENSPEL_JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SAMENSPEL_JWT_SECRET
# Benchmark settings: no per-client rate limit (wrk is one client), warnings-only logs (as
# PostGraphile runs with --disable-query-log).
export SAMENSPEL_RATE_LIMIT_PER_MINUTE=0 SAMENSPEL_LOG=${SAMENSPEL_LOG:-warn}

require_tools
if [[ ! -x $BIN || -z ${NO_BUILD:-} ]]; then
  log "building the release binary"
  cargo build --release --quiet --bin samenspel --manifest-path "$ROOT/Cargo.toml"
fi
start_postgres

read -r first_scale more_scales <<<"$SCALES"
log "fresh SQLite instance: start until /readyz answers"
READY_MS=()
for _ in 1 2 3; do measure_ready; done

samenspel_phase postgres "$first_scale" all
samenspel_phase sqlite "$first_scale" all
for scale in ${more_scales:-}; do
  samenspel_phase postgres "$scale" page
  samenspel_phase sqlite "$scale" page
done

if [[ $LIVE == 1 ]]; then
  log "live features: bench/live.sh (latency, feed page) and bench/webhooks.sh (PostgreSQL)"
  PHASES="latency feed" NO_BUILD=1 BIN=$BIN "$BENCH/live.sh" >"$OUT/live.txt" 2>&1 ||
    log "bench/live.sh failed: see $OUT/live.txt"
  BACKENDS=postgres NO_BUILD=1 BIN=$BIN "$BENCH/webhooks.sh" >"$OUT/webhooks.txt" 2>&1 ||
    log "bench/webhooks.sh failed: see $OUT/webhooks.txt"
fi

{
  echo
  echo "Samenspel $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), scale(s) $SCALES," \
    "$CONNECTIONS connections, $DURATION per run after $WARMUP warm-up, $(nproc) cores"
  print_table
  echo
  printf 'seeding:'
  for k in $(printf '%s\n' "${!SEED_S[@]}" | sort); do printf ' %s %s s;' "$k" "${SEED_S[$k]}"; done
  echo
  echo "fresh SQLite instance migrated and ready: ${READY_MS[*]} ms"
  echo
  targets
  live_targets
} | tee "$OUT/summary.txt"
echo "raw wrk reports and logs: $OUT"
