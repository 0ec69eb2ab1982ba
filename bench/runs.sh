# shellcheck shell=bash
# The runs of bench/run.sh: Samenspel on one database (with PostGraphile beside it on
# PostgreSQL, alternating on the two reads) and the read/write mix. Sourced, never run.

PGL_PID=""
PGL_BASE=""

# Starts PostGraphile v4 on the bench database (installing it into bench/.postgraphile once).
start_postgraphile() {
  [[ $POSTGRAPHILE == 1 ]] || return 1
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "node/npm missing: no PostGraphile comparison"
    return 1
  fi
  if [[ ! -f $PGL_DIR/node_modules/postgraphile/cli.js ]]; then
    log "installing postgraphile@4 into bench/.postgraphile"
    mkdir -p "$PGL_DIR"
    npm install --prefix "$PGL_DIR" --no-audit --no-fund --silent postgraphile@4 >/dev/null
  fi
  # PostGraphile names every row `nodeId`, which the change log's own column of that name
  # would take: in this throwaway database, a smart comment renames the column for it.
  psql -X -q -h 127.0.0.1 -U postgres -d "$PG_DB" -c "COMMENT ON COLUMN change_event.node_id IS E'@name changedNodeId'" >/dev/null
  local port
  port=$(free_port)
  NODE_ENV=production node "$PGL_DIR/node_modules/postgraphile/cli.js" -c "$PG_URL" -s public -n 127.0.0.1 \
    --port "$port" --disable-graphiql --disable-query-log >>"$OUT/postgraphile.log" 2>&1 &
  PGL_PID=$!
  SERVERS+=("$PGL_PID")
  PGL_BASE=http://127.0.0.1:$port
  local deadline=$(($(now_ms) + 60000))
  until curl -fs -o /dev/null "$PGL_BASE/graphql" -H 'Content-Type: application/json' -d '{"query":"{__typename}"}'; do
    (($(now_ms) < deadline)) || { echo "PostGraphile did not start; see $OUT/postgraphile.log" >&2; return 1; }
    sleep 0.1
  done
}

# samenspel_phase BACKEND SCALE MODE: a fresh database seeded at SCALE, tokens, the server,
# then every scenario (MODE all) or the connection page alone (MODE page).
samenspel_phase() {
  local backend=$1 scale=$2 mode=$3 url dir org reader editor base pid page=filtered_connection
  local target=samenspel-$backend
  log "$backend: fresh database, bench dataset at scale $scale"
  fresh_database "$backend"
  SEED_S["$backend@$scale"]=$(seed_bench "$backend" "$scale")
  url=$(database_url "$backend")
  dir=$OUT/$backend-$scale
  org=$(sql "$backend" "$ORG_SQL")
  reader=$(DATABASE_URL=$url "$BIN" token issue --org "$org" --role READER --label bench 2>>"$OUT/$backend.log")
  editor=$(DATABASE_URL=$url "$BIN" token issue --org "$org" --role EDITOR --label bench 2>>"$OUT/$backend.log")
  write_bodies "$dir" "$(sql "$backend" "$LOOKUP_SQL")"
  start_samenspel "$BIN" "$url" "$OUT/$backend.log"
  pid=$PID base=$BASE
  # Search: a page of hits as the reader sees them, at every scale, for the bench data's worst
  # case (two common words) and for two words that seldom meet.
  read_scenario "$target" "search@$scale" "$base" "$pid" "$dir/search.json" "$reader" "$base"
  read_scenario "$target" "search_selective@$scale" "$base" "$pid" "$dir/search_selective.json" "$reader" "$base"
  if [[ $mode == page ]]; then
    read_scenario "$target" "$page@$scale" "$base" "$pid" "$dir/$page.json" "$reader" "$base"
  else
    local pgl=""
    if [[ $backend == postgres ]] && start_postgraphile; then pgl=1; fi
    # PAIRS alternating pairs per read, so drift of the machine falls on both sides alike; the
    # target is the median of the pairs' ratios.
    local pairs=1 pair
    if [[ -n $pgl ]]; then pairs=$PAIRS; fi
    for scenario in small_lookup nested_list; do
      for ((pair = 1; pair <= pairs; pair++)); do
        read_scenario "$target" "$scenario" "$base" "$pid" "$dir/$scenario.json" "$reader" "$base"
        if [[ -n $pgl ]]; then
          read_scenario postgraphile "$scenario" "$PGL_BASE" "$PGL_PID" "$dir/postgraphile_$scenario.json"
          PAIR_RATIOS[$scenario]+=" $(ratio "${RPS[$target/$scenario]:-}" "${RPS[postgraphile/$scenario]:-}")"
        fi
      done
    done
    if [[ -n $pgl ]]; then stop_server "$PGL_PID"; fi
    read_scenario "$target" "$page" "$base" "$pid" "$dir/$page.json" "$reader" "$base"
    mix_scenario "$target" "$backend" "$base" "$pid" "$dir/mix" "$reader" "$editor" "$org"
  fi
  stop_server "$pid"
}

# Reads with MUTATE_PERCENT % writes, after one of each write has been checked.
mix_scenario() {
  local target=$1 backend=$2 base=$3 pid=$4 dir=$5 reader=$6 editor=$7 org=$8 edit_ids read_ids first ok=1
  edit_ids=$(ids_of "$backend" "$(edit_sql "$org")")
  read_ids=$(ids_of "$backend" "$READ_SQL")
  first=${edit_ids%%,*}
  for write in add_contribution update_question; do
    sed "s/__ID__/$first/" "$dir/$write.json" >"$dir/check-$write.json"
    check_query "$base/graphql" "$dir/check-$write.json" "$editor" \
      '(.errors == null) and ([.data[] | .userErrors[]] | length == 0)' || ok=""
  done
  if [[ -z $ok || -z $edit_ids ]]; then
    failed "$target" "mix_${MUTATE_PERCENT}pct_writes"
    return 0
  fi
  BODY_DIR=$dir READ_IDS=$read_ids EDIT_IDS=$edit_ids READER_TOKEN=$reader EDITOR_TOKEN=$editor \
    load "$target" "mix_${MUTATE_PERCENT}pct_writes" "$base/graphql" "$BENCH/mix.lua" "$pid" "$base"
}
