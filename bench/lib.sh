# shellcheck shell=bash
# Helpers of bench/run.sh: servers, databases, load runs and the result table.
# Sourced, never run; everything talks to 127.0.0.1 only.

now_ms() { echo $(($(date +%s%N) / 1000000)); }
log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# A free TCP port on 127.0.0.1, below the kernel's ephemeral range (where outgoing connections
# hold ports that refuse a connect but cannot be bound), that nothing listens on.
free_port() {
  local low port
  low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! ss -Htan "( sport = :$port )" 2>/dev/null | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# Waits until GET $1 answers 200, for at most $2 seconds.
wait_http() {
  local deadline=$(($(now_ms) + ${2:-30} * 1000))
  until curl -fs -o /dev/null "$1"; do
    if (($(now_ms) > deadline)); then
      echo "no answer from $1" >&2
      return 1
    fi
    sleep 0.01
  done
}

# Servers started by this script, stopped on exit.
SERVERS=()
stop_server() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for i in "${!SERVERS[@]}"; do
    if [[ ${SERVERS[$i]} == "$pid" ]]; then unset 'SERVERS[i]'; fi
  done
}
# Starts Samenspel binary $1 on database URL $2 on a free port, logging to $3, and waits up to $4
# seconds (default 60) until it is ready; sets PID and BASE. It is stopped on exit.
start_samenspel() {
  local port
  port=$(free_port)
  BASE=http://127.0.0.1:$port
  DATABASE_URL=$2 "$1" serve --addr "127.0.0.1:$port" --no-seed >>"$3" 2>&1 &
  PID=$!
  SERVERS+=("$PID")
  wait_http "$BASE/readyz" "${4:-60}"
}
stop_all() {
  local pid
  for pid in "${SERVERS[@]}"; do stop_server "$pid"; done
}

# SQL on the bench database ($1: postgres or sqlite), one value per line.
sql() {
  case $1 in
    postgres) psql -X -q -At -h 127.0.0.1 -U postgres -d "$PG_DB" -c "$2" ;;
    sqlite) sqlite3 "$SQLITE_FILE" "$2" ;;
  esac
}

fresh_database() {
  case $1 in
    postgres)
      PGOPTIONS="-c client_min_messages=warning" psql -X -q -h 127.0.0.1 -U postgres -d postgres \
        -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" \
        -c "CREATE DATABASE $PG_DB" >/dev/null
      ;;
    sqlite) rm -f "$SQLITE_FILE" "$SQLITE_FILE-wal" "$SQLITE_FILE-shm" ;;
  esac
}

database_url() {
  case $1 in
    postgres) echo "$PG_URL" ;;
    sqlite) echo "$SQLITE_URL" ;;
  esac
}

# Seeds the bench dataset at scale $2 into backend $1 and prints the seconds it took.
seed_bench() {
  local url t0
  url=$(database_url "$1")
  DATABASE_URL=$url "$BIN" migrate 2>>"$OUT/$1.log"
  t0=$(now_ms)
  DATABASE_URL=$url "$BIN" seed --bench --scale "$2" >>"$OUT/$1.log" 2>&1
  awk -v ms=$(($(now_ms) - t0)) 'BEGIN { printf "%.1f", ms / 1000 }'
}

# The global ID of row $2 of GraphQL type $1 (base64url of `Type:id`, as src/graphql/ids.rs).
global_id() { printf '%s:%s' "$1" "$2" | base64 -w0 | tr '+/' '-_' | tr -d '='; }

# A JSON request body: query file $1, variables $2 (JSON).
body() { jq -cn --rawfile q "$QUERIES/$1.graphql" --argjson v "${2:-null}" '{query: $q, variables: $v}'; }

# Sends body file $2 to $1 once (token $3) and fails unless the answer passes jq filter $4
# (by default: data and no errors).
check_query() {
  local out filter=${4:-'(.errors == null) and (.data != null)'}
  out=$(curl -s "$1" -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} --data-binary "@$2")
  if ! jq -e "$filter" >/dev/null <<<"$out"; then
    echo "query $(basename "$2") failed: ${out:0:400}" >&2
    return 1
  fi
}

# Peak RSS (VmHWM) of process $1 in MB; `reset_peak` starts a new peak (Linux clear_refs 5).
peak_rss() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
reset_peak() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }

# SQL statements the Samenspel server has run, from /metrics; empty when it does not say.
statements() { curl -fs "$1/metrics" 2>/dev/null | awk '/^samenspel_sql_statements_total/ { print $2 }' || true; }

# Load settings every bench script shares, unless the script or its caller set them first.
: "${DURATION:=10s}" "${WARMUP:=3s}" "${CONNECTIONS:=16}" "${THREADS:=2}"

# The start of bench/ab.sh and bench/profile.sh: results directory, a token secret, the rate
# limit off, PostgreSQL up, and their scale-1 bench database `samenspel_ab` (kept with KEEP=1
# when it exists); sets ORG, the organisation in most coalitions.
start_on_bench_database() {
  POSTGRAPHILE=0
  PG_DB=samenspel_ab
  PG_URL="postgres://postgres@127.0.0.1:5432/$PG_DB?sslmode=disable"
  SQLITE_FILE=/tmp/samenspel_ab_unused.db
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$OUT"
  RESULTS_TSV=$OUT/results.tsv
  : >"$RESULTS_TSV"
  SAMENSPEL_JWT_SECRET=${SAMENSPEL_JWT_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
  export SAMENSPEL_JWT_SECRET SAMENSPEL_RATE_LIMIT_PER_MINUTE=0 SAMENSPEL_LOG=${SAMENSPEL_LOG:-warn}
  require_tools
  start_postgres
  if [[ -z ${KEEP:-} ]] || ! sql postgres "SELECT 1" >/dev/null 2>&1; then
    log "fresh database, bench dataset at scale 1"
    fresh_database postgres
    seed_bench postgres 1 >/dev/null
  fi
  ORG=$(sql postgres "$ORG_SQL")
}
