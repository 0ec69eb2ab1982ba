# shellcheck shell=bash
# Phases of bench/run.sh: tools, PostgreSQL, a fresh SQLite start, a Samenspel run per
# database, PostGraphile, and the targets of issue 5. Sourced, never run.

declare -A SEED_S

# The organisation whose READER and EDITOR tokens drive the load: the one in most coalitions.
ORG_SQL="SELECT o.slug FROM organisation o
  JOIN coalition_membership m ON m.organisation_id = o.id AND m.left_on IS NULL
  WHERE o.archived_at IS NULL GROUP BY o.id, o.slug ORDER BY COUNT(*) DESC, o.id LIMIT 1"
# The small lookup's question: public, in a public workgroup, with ten contributions none of
# which is coalition-only (so PostGraphile, which checks nothing, returns the same rows).
LOOKUP_SQL="SELECT q.id FROM learning_question q JOIN workgroup w ON w.id = q.workgroup_id
  JOIN contribution c ON c.question_id = q.id
  WHERE q.visibility = 'PUBLIC' AND w.visibility = 'PUBLIC' GROUP BY q.id
  ORDER BY CASE WHEN SUM(CASE WHEN c.visibility = 'COALITION' THEN 1 ELSE 0 END) = 0 THEN 0 ELSE 1 END,
    CASE WHEN COUNT(*) >= 10 THEN 0 ELSE 1 END, q.id LIMIT 1"
READ_SQL="SELECT q.id FROM learning_question q LEFT JOIN workgroup w ON w.id = q.workgroup_id
  WHERE q.visibility = 'PUBLIC' AND (w.id IS NULL OR w.visibility = 'PUBLIC') ORDER BY q.id LIMIT 200"
edit_sql() {
  echo "SELECT q.id FROM learning_question q JOIN coalition c ON c.id = q.coalition_id
    JOIN coalition_membership m ON m.coalition_id = q.coalition_id AND m.left_on IS NULL
    JOIN organisation o ON o.id = m.organisation_id LEFT JOIN workgroup w ON w.id = q.workgroup_id
    WHERE o.slug = '$1' AND c.archived_at IS NULL AND (w.id IS NULL OR w.archived_at IS NULL)
    ORDER BY q.id LIMIT 200"
}

require_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v jq >/dev/null || missing+=(jq)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
  fi
  for tool in cargo curl psql pg_isready awk column; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 1; }
  done
}

start_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 0.2; done
    echo "PostgreSQL did not start" >&2
    exit 1
  fi
}

# Adds to READY_MS the milliseconds from starting `serve --no-seed` on a new SQLite file (and
# a new generated secret) to /readyz answering 200.
measure_ready() {
  local dir port t0 pid
  dir=$(mktemp -d)
  port=$(free_port)
  t0=$(now_ms)
  env -u SAMENSPEL_JWT_SECRET DATABASE_URL="sqlite://$dir/fresh.db?mode=rwc" \
    "$BIN" serve --addr "127.0.0.1:$port" --no-seed >>"$OUT/ready.log" 2>&1 &
  pid=$!
  SERVERS+=("$pid")
  if wait_http "http://127.0.0.1:$port/readyz" 10; then
    READY_MS+=($(($(now_ms) - t0)))
  else
    READY_MS+=(failed)
  fi
  stop_server "$pid"
  rm -rf "$dir"
}

# Request bodies for one database: the reads with real IDs, the mix's with "__ID__".
write_bodies() {
  local dir=$1 question=$2
  mkdir -p "$dir/mix"
  body small_lookup "{\"id\": \"$(global_id LearningQuestion "$question")\"}" >"$dir/small_lookup.json"
  body nested_list >"$dir/nested_list.json"
  body filtered_connection >"$dir/filtered_connection.json"
  body search '{"q": "schuld dagbesteding"}' >"$dir/search.json"
  body search '{"q": "nieuwegein wooncirkel"}' >"$dir/search_selective.json"
  body postgraphile_small_lookup "{\"id\": $question}" >"$dir/postgraphile_small_lookup.json"
  body postgraphile_nested_list >"$dir/postgraphile_nested_list.json"
  body small_lookup '{"id": "__ID__"}' >"$dir/mix/small_lookup.json"
  cp "$dir/filtered_connection.json" "$dir/mix/filtered_connection.json"
  body add_contribution '{"id": "__ID__"}' >"$dir/mix/add_contribution.json"
  body update_question '{"id": "__ID__"}' >"$dir/mix/update_question.json"
}

# Global IDs of the questions query $2 selects on backend $1, comma-separated.
ids_of() { sql "$1" "$2" | while read -r id; do global_id LearningQuestion "$id" && echo; done | paste -sd,; }

# One read scenario: checked once, then loaded.
read_scenario() {
  local target=$1 scenario=$2 base=$3 pid=$4 body=$5 token=${6:-} server=${7:-}
  if check_query "$base/graphql" "$body" "$token"; then
    BODY_FILE=$body TOKEN=$token load "$target" "$scenario" "$base/graphql" "$BENCH/post.lua" "$pid" "$server"
  else
    failed "$target" "$scenario"
  fi
}
