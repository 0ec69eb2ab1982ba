#!/usr/bin/env bash
# Figures of the change log (issue 11), on PostgreSQL at scale 1 of the bench dataset:
#  - the mix with 10 % writes, alternating the current binary with BEFORE (a binary built from
#    the commit before the log) in PAIRS pairs, each on a database of its own;
#  - delivery latency from commit to CLIENTS subscribers of one replica, and its peak RSS;
#  - the feed page (`changes(first: 100)`, a READER token) at 100,000 and 1,000,000 events.
# Every load is bounded in time; every server started here is stopped on exit.
#
#   BEFORE=/tmp/samenspel-before bench/live.sh
#   PAIRS=1 CLIENTS=200 DURATION=5s bench/live.sh      # quicker, without the before binary
#   PHASES="latency feed" NO_BUILD=1 BIN=/path/to/samenspel bench/live.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
QUERIES=$BENCH/queries
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
export MUTATE_PERCENT=${MUTATE_PERCENT:-10}
POSTGRAPHILE=0
PAIRS=${PAIRS:-3}
CLIENTS=${CLIENTS:-1000}
CHANGES=${CHANGES:-50}
BEFORE=${BEFORE:-}
PHASES=${PHASES:-mix latency feed}
BIN=${BIN:-$ROOT/target/release/samenspel}
PG_DB=samenspel_live
PG_URL="postgres://postgres@127.0.0.1:5432/$PG_DB?sslmode=disable"
SQLITE_FILE=/tmp/samenspel_live_unused.db
OUT=$BENCH/results/live-$(date +%Y%m%d-%H%M%S)

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
SAMENSPEL_JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SAMENSPEL_JWT_SECRET SAMENSPEL_RATE_LIMIT_PER_MINUTE=0 SAMENSPEL_LOG=${SAMENSPEL_LOG:-warn}
export SAMENSPEL_MAX_CONNECTIONS_PER_TOKEN=$((CLIENTS + 10))

require_tools
has() { [[ " $PHASES " == *" $1 "* ]]; }
if [[ ! -x $BIN || -z ${NO_BUILD:-} ]]; then
  log "building the release binary"
  cargo build --release --quiet --bin samenspel --manifest-path "$ROOT/Cargo.toml"
fi
start_postgres

use_db() {
  PG_DB=$1
  PG_URL="postgres://postgres@127.0.0.1:5432/$PG_DB?sslmode=disable"
}

# A fresh database $1 seeded at scale 1 by binary $2.
prepare() {
  local saved=$BIN
  use_db "$1"
  BIN=$2
  fresh_database postgres
  SEED_S["$1"]=$(seed_bench postgres 1)
  BIN=$saved
}


tokens() {
  ORG=$(sql postgres "$ORG_SQL")
  READER=$(DATABASE_URL=$PG_URL "$1" token issue --org "$ORG" --role READER --label live 2>>"$OUT/$PG_DB.log")
  EDITOR=$(DATABASE_URL=$PG_URL "$1" token issue --org "$ORG" --role EDITOR --label live 2>>"$OUT/$PG_DB.log")
}

# One mix run of binary $2 (named $1) on database $3.
mix_run() {
  local name=$1 bin=$2 db=$3 dir
  use_db "$db"
  tokens "$bin"
  dir=$OUT/$db
  write_bodies "$dir" "$(sql postgres "$LOOKUP_SQL")"
  start_samenspel "$bin" "$PG_URL" "$OUT/$PG_DB.log"
  mix_scenario "$name" postgres "$BASE" "$PID" "$dir/mix" "$READER" "$EDITOR" "$ORG"
  stop_server "$PID"
}

# Adds synthetic UPDATED events of existing contributions until the log holds $1 events.
grow_log() {
  local have
  have=$(sql postgres "SELECT count(*) FROM change_event")
  ((have < $1)) || return 0
  sql postgres "INSERT INTO change_event (entity_type, entity_id, node_id, action, version, changed_fields,
      organisation_id, occurred_at, scope_visibility, scope_coalition_id)
    SELECT 'Contribution', c.id,
      translate(rtrim(encode(convert_to('Contribution:' || c.id, 'UTF8'), 'base64'), '='), '+/', '-_'),
      'UPDATED', 1, '[\"body\"]', c.organisation_id, now(), c.visibility, c.coalition_id
    FROM generate_series(1, $(($1 - have))) g
    JOIN contribution c ON c.id = 1 + (g::bigint * 7919) % (SELECT max(id) FROM contribution)
    ORDER BY g" >/dev/null
  sql postgres "ANALYZE change_event" >/dev/null
}

prepare samenspel_live_after "$BIN"
if has mix; then
  log "mix with $MUTATE_PERCENT % writes"
  if [[ -n $BEFORE ]]; then prepare samenspel_live_before "$BEFORE"; fi
  for _ in $(seq 1 "$PAIRS"); do
    if [[ -n $BEFORE ]]; then mix_run before "$BEFORE" samenspel_live_before; fi
    mix_run after "$BIN" samenspel_live_after
  done
fi

use_db samenspel_live_after
tokens "$BIN"
LATENCY=skipped
LATENCY_RSS=-
if has latency; then
log "delivery latency to $CLIENTS subscribers"
npm ci --prefix "$ROOT/tests/graphql_ws_client" --no-audit --no-fund --silent >/dev/null 2>&1 || true
COALITION=$(global_id Coalition "$(sql postgres "SELECT m.coalition_id FROM coalition_membership m JOIN organisation o
  ON o.id = m.organisation_id WHERE o.slug = '$ORG' AND m.left_on IS NULL ORDER BY m.coalition_id LIMIT 1")")
start_samenspel "$BIN" "$PG_URL" "$OUT/$PG_DB.log"
reset_peak "$PID"
LATENCY=$(node "$BENCH/live/latency.mjs" "$BASE" "$READER" "$EDITOR" "$COALITION" "$CLIENTS" "$CHANGES")
LATENCY_RSS=$(peak_rss "$PID")
log "latency: $LATENCY; peak RSS $LATENCY_RSS MB"
stop_server "$PID"
fi

if has feed; then
log "feed page at 100,000 and 1,000,000 events"
printf '{"query": "{ changes(first: 100) { nodes { action entityType nodeId version changedFields occurredAt } pageInfo { endCursor } } }"}' \
  >"$OUT/feed_page.json"
for n in 100000 1000000; do
  grow_log "$n"
  start_samenspel "$BIN" "$PG_URL" "$OUT/$PG_DB.log"
  read_scenario samenspel-postgres "feed_page@$n" "$BASE" "$PID" "$OUT/feed_page.json" "$READER" "$BASE"
  stop_server "$PID"
done
fi

{
  echo
  echo "Samenspel $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') live features," \
    "$CONNECTIONS connections, $DURATION per run after $WARMUP warm-up, $(nproc) cores"
  print_table
  echo
  echo "delivery latency (commit to subscriber, $CLIENTS subscribers on one replica): $LATENCY"
  echo "peak RSS of that replica: $LATENCY_RSS MB"
  awk -F'\t' '$2 ~ /^mix/ { s[$1] = s[$1] " " $3 } END { for (k in s) print "mix req/s, " k ":" s[k] }' "$RESULTS_TSV"
  awk -F'\t' '$2 ~ /^feed_page@/ { split($2, a, "@"); r[a[2]] = $3 }
    END { if (r[100000] > 0) printf "feed page cost at 1,000,000 / 100,000 events: %.2fx\n", r[100000] / r[1000000] }' "$RESULTS_TSV"
} | tee "$OUT/summary.txt"
echo "raw wrk reports and logs: $OUT"
