#!/usr/bin/env bash
# Webhook figures (issue 12), on 127.0.0.1 only, on PostgreSQL and SQLite:
#   1. deliveries per second to a fast local receiver: EVENTS changes are written while the
#      replica runs no webhook workers, then it is restarted with them and the receiver times
#      the backlog (HOOKS webhooks, so EVENTS x HOOKS deliveries);
#   2. the API's requests/s (wrk, a public read) while 100 webhooks point at a receiver that
#      accepts connections and never answers, in alternating runs without and with them (each
#      run with them against the mean of the runs beside it), with ten changes written every 2 s
#      throughout (so deliveries keep coming).
#
#   bench/webhooks.sh
#   BACKENDS=postgres EVENTS=2000 HOOKS=5 DURATION=20s bench/webhooks.sh
#   NO_BUILD=1 BIN=/path/to/samenspel bench/webhooks.sh     # an existing binary, as it is
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
BACKENDS=${BACKENDS:-postgres sqlite}
EVENTS=${EVENTS:-1000}
HOOKS=${HOOKS:-10}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
SETTLE=${SETTLE:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PG_DB=samenspel_bench_hooks
PG_URL="postgres://postgres@127.0.0.1:5432/$PG_DB?sslmode=disable"
SQLITE_FILE=/tmp/samenspel_bench_hooks.db
SQLITE_URL="sqlite://$SQLITE_FILE?mode=rwc"
BIN=${BIN:-$ROOT/target/release/samenspel}
OUT=$BENCH/results/webhooks-$(date +%Y%m%d-%H%M%S)

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
# shellcheck source=phases.sh
source "$BENCH/phases.sh"
# shellcheck source=load.sh
source "$BENCH/load.sh"

trap 'stop_all; kill $(jobs -p) 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT"
SAMENSPEL_JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SAMENSPEL_JWT_SECRET SAMENSPEL_RATE_LIMIT_PER_MINUTE=0 SAMENSPEL_LOG=${SAMENSPEL_LOG:-warn}
export SAMENSPEL_WEBHOOK_ALLOW_PRIVATE=true SAMENSPEL_WEBHOOK_ALLOW_HTTP=true

require_tools
command -v node >/dev/null || { echo "bench/webhooks.sh needs node" >&2; exit 1; }
if [[ ! -x $BIN || -z ${NO_BUILD:-} ]]; then
  log "building the release binary"
  cargo build --release --quiet --bin samenspel --manifest-path "$ROOT/Cargo.toml"
fi
start_postgres

# serve BACKEND [ENV=VALUE…]: starts the server (demo dataset on a new database); sets PID, URL.
serve() {
  local backend=$1 port
  shift
  port=$(free_port)
  env "$@" DATABASE_URL="$(database_url "$backend")" SAMENSPEL_ADDR="127.0.0.1:$port" \
    "$BIN" serve >>"$OUT/$backend.log" 2>&1 &
  PID=$!
  SERVERS+=("$PID")
  URL="http://127.0.0.1:$port"
  wait_http "$URL/readyz" 60
}

# gql TOKEN QUERY [VARIABLES]: the data of one GraphQL request (fails on errors).
gql() {
  local out
  out=$(curl -s "$URL/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $1" \
    --data-binary "$(jq -cn --arg q "$2" --argjson v "${3:-null}" '{query: $q, variables: $v}')")
  jq -e '.errors == null' >/dev/null <<<"$out" || { echo "GraphQL failed: ${out:0:300}" >&2; return 1; }
  jq -c .data <<<"$out"
}

token() { DATABASE_URL=$(database_url "$1") "$BIN" token issue --org cordaan --role "$2" --label bench; }

# hooks TOKEN N RECEIVER: creates N webhooks to RECEIVER.
hooks() {
  local q='mutation($u: String!) { createWebhook(input: { url: $u }) { webhook { id } userErrors { message } } }'
  for _ in $(seq 1 "$2"); do gql "$1" "$q" "$(jq -cn --arg u "$3" '{u: $u}')" >/dev/null; done
}

# write TOKEN COALITION N: N new questions, ten to a batch request.
write() {
  local q='mutation($c: ID!, $t: String!) { createLearningQuestion(input: { coalition: $c, title: $t, context: "Bench" }) { learningQuestion { id } } }'
  local i batch
  for ((i = 0; i < $3; i += 10)); do
    batch=$(jq -cn --arg q "$q" --arg c "$2" --argjson i "$i" '[range(0; 10) | {query: $q, variables: {c: $c, t: "Vraag \($i + .)"}}]')
    curl -s -o /dev/null "$URL/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $1" --data-binary "$batch"
  done
}

coalition_of() { gql "$1" '{ viewer { organisation { coalitions(first: 1) { nodes { id } } } } }' | jq -r '.viewer.organisation.coalitions.nodes[0].id'; }

declare -A RESULT
throughput() {
  local backend=$1 sink_port admin editor coalition total t0 seen
  log "$backend: $EVENTS changes x $HOOKS webhooks to a fast receiver"
  fresh_database "$backend"
  sink_port=$(free_port)
  node "$BENCH/webhook_sink.mjs" "$sink_port" fast &
  serve "$backend" SAMENSPEL_WEBHOOK_WORKERS=0
  admin=$(token "$backend" ORG_ADMIN)
  editor=$(token "$backend" EDITOR)
  coalition=$(coalition_of "$editor")
  hooks "$admin" "$HOOKS" "http://127.0.0.1:$sink_port/hook"
  write "$editor" "$coalition" "$EVENTS"
  stop_server "$PID"
  total=$((EVENTS * HOOKS))
  t0=$(now_ms)
  serve "$backend"
  seen=0
  while ((seen < total)) && (($(now_ms) - t0 < 600000)); do
    sleep 0.2
    seen=$(curl -s "http://127.0.0.1:$sink_port/count" | jq .count)
  done
  curl -s "http://127.0.0.1:$sink_port/count" | jq -r --argjson t0 "$t0" --argjson total "$total" \
    '"\(.count) of \($total) delivered; \(.count * 1000 / (.last - .first) | floor)/s between the first and the last, \(.count * 1000 / (.last - $t0) | floor)/s from the start of the replica"' \
    | tee "$OUT/$backend-throughput.txt"
  RESULT[$backend/throughput]=$(cat "$OUT/$backend-throughput.txt")
  stop_server "$PID"
  kill %node 2>/dev/null || true
}

# read_load BACKEND LABEL: wrk on a public read; sets RPS.
read_load() {
  local body=$OUT/read.json report=$OUT/$1-$2.wrk
  jq -cn '{query: "{ organisations(first: 20) { nodes { id slug name city } } }"}' >"$body"
  BODY_FILE=$body TOKEN="" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$BENCH/post.lua" "$URL/graphql" >/dev/null
  BODY_FILE=$body TOKEN="" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH/post.lua" "$URL/graphql" >"$report"
  read -r RPS _ < <(parse_wrk "$report")
}

# set_enabled ADMIN true|false: turns every webhook on or off.
set_enabled() {
  local id
  for id in $(gql "$1" '{ webhooks(first: 100) { nodes { id } } }' | jq -r '.webhooks.nodes[].id'); do
    gql "$1" 'mutation($id: ID!, $on: Boolean!) { updateWebhook(input: { id: $id, enabled: $on }) { webhook { id } } }' \
      "$(jq -cn --arg id "$id" --argjson on "$2" '{id: $id, on: $on}')" >/dev/null
  done
}

# The API's requests/s with 100 silent webhooks, in alternating runs (without, with, without,
# with, without): each run with them is compared with the mean of the runs on either side, so a
# drift of the machine's speed over the minutes of the measurement cancels out, and the result
# is the mean of the two comparisons.
silent() {
  local backend=$1 sink_port admin editor coalition writer b1 w1 b2 w2 b3
  log "$backend: API requests/s with and without 100 webhooks to a receiver that never answers"
  fresh_database "$backend"
  sink_port=$(free_port)
  node "$BENCH/webhook_sink.mjs" "$sink_port" silent &
  serve "$backend"
  admin=$(token "$backend" ORG_ADMIN)
  editor=$(token "$backend" EDITOR)
  coalition=$(coalition_of "$editor")
  (while true; do write "$editor" "$coalition" 10 >/dev/null 2>&1; sleep 2; done) &
  writer=$!
  read_load "$backend" without1; b1=$RPS
  hooks "$admin" 100 "http://127.0.0.1:$sink_port/hook"
  log "$backend: 100 webhooks created; $SETTLE s for attempts to hang and time out"
  sleep "$SETTLE"
  read_load "$backend" with1; w1=$RPS
  set_enabled "$admin" false
  log "$backend: webhooks disabled; 16 s for the attempts in flight to time out"
  sleep 16
  read_load "$backend" without2; b2=$RPS
  set_enabled "$admin" true
  log "$backend: webhooks enabled again; $SETTLE s"
  sleep "$SETTLE"
  read_load "$backend" with2; w2=$RPS
  curl -s "$URL/metrics" | grep '^samenspel_webhook_attempts_total' >"$OUT/$backend-attempts.txt" || true
  set_enabled "$admin" false
  sleep 16
  read_load "$backend" without3; b3=$RPS
  kill "$writer" 2>/dev/null || true
  RESULT[$backend/silent]=$(awk -v b1="$b1" -v w1="$w1" -v b2="$b2" -v w2="$w2" -v b3="$b3" \
    -v f="$(tr '\n' ' ' <"$OUT/$backend-attempts.txt")" 'BEGIN {
      r1 = (w1 - (b1 + b2) / 2) / ((b1 + b2) / 2) * 100; r2 = (w2 - (b2 + b3) / 2) / ((b2 + b3) / 2) * 100
      printf "without, with 100 silent webhooks, without, with, without %.0f %.0f %.0f %.0f %.0f req/s; with against the runs beside it %+.1f %% and %+.1f %%; mean: %+.1f %% (%s)",
        b1, w1, b2, w2, b3, r1, r2, (r1 + r2) / 2, f }')
  stop_server "$PID"
  kill %node 2>/dev/null || true
}

for backend in $BACKENDS; do
  throughput "$backend"
  silent "$backend"
done
{
  echo "Samenspel $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $CONNECTIONS connections, $DURATION per run"
  for backend in $BACKENDS; do
    echo "$backend deliveries: ${RESULT[$backend/throughput]}"
    echo "$backend API: ${RESULT[$backend/silent]}"
  done
} | tee "$OUT/summary.txt"
