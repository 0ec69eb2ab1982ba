# shellcheck shell=bash
# Load runs of bench/run.sh: wrk with a warm-up, the parsed figures, and the result table.
# Sourced, never run.

# Runs of this script: "target<TAB>scenario<TAB>req/s<TAB>p50<TAB>p99<TAB>errors<TAB>KB<TAB>RSS<TAB>SQL".
RESULTS_TSV=""
declare -A RPS P99 RSS PAIR_RATIOS

# The median of the numbers given (n/a among them is dropped).
median() { printf '%s\n' "$@" | { grep -E '^[0-9.]+$' || true; } | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# wrk's figures from report file $1: req/s p50-ms p99-ms requests bytes-read errors.
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v + 0 }
    function bytes(v) { n = v + 0; if (v ~ /KB$/) n *= 1024; else if (v ~ /MB$/) n *= 1048576; else if (v ~ /GB$/) n *= 1073741824; return n }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { requests = $1; sub(/,$/, "", $5); read = bytes($5) }
    /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %s %s %d\n", rps, p50, p99, requests, read, errors }
  ' "$1"
}

# load TARGET SCENARIO URL SCRIPT PID [SERVER]: a warm-up, then a measured wrk run; the peak
# RSS of PID during the run and, when SERVER has /metrics, its SQL statements per request.
# The caller exports what the lua script reads (BODY_FILE, TOKEN, …).
load() {
  local target=$1 scenario=$2 url=$3 script=$4 pid=$5 server=${6:-}
  local report="$OUT/$target-$scenario.wrk" before="" after="" rps p50 p99 requests read errors sql kb
  log "$target: $scenario ($CONNECTIONS connections, $WARMUP warm-up, $DURATION measured)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s "$script" "$url" >/dev/null
  reset_peak "$pid"
  if [[ -n $server ]]; then before=$(statements "$server"); fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$script" "$url" >"$report"
  if [[ -n $server ]]; then after=$(statements "$server"); fi
  read -r rps p50 p99 requests read errors < <(parse_wrk "$report")
  sql=n/a
  if [[ -n $before && -n $after && ${requests:-0} -gt 0 ]]; then
    sql=$(awk -v d=$((after - before)) -v n="$requests" 'BEGIN { printf "%.1f", d / n }')
  fi
  kb=$(awk -v b="$read" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? b / n / 1024 : 0) }')
  RPS[$target/$scenario]=$rps
  P99[$target/$scenario]=$p99
  RSS[$target/$scenario]=$(peak_rss "$pid")
  printf '%s\t%s\t%s\t%.2f\t%.2f\t%s\t%s\t%s\t%s\n' "$target" "$scenario" "$rps" "$p50" "$p99" "$errors" "$kb" \
    "${RSS[$target/$scenario]}" "$sql" >>"$RESULTS_TSV"
}

# A row for a failed scenario, so the table shows it.
failed() {
  printf '%s\t%s\tFAILED\t-\t-\t-\t-\t-\t-\n' "$1" "$2" >>"$RESULTS_TSV"
}

print_table() {
  {
    printf 'target\tscenario\treq/s\tp50 ms\tp99 ms\terrors\tKB/resp\tpeak RSS MB\tSQL/req\n'
    cat "$RESULTS_TSV"
  } | column -t -s $'\t'
}

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

# "met" or "MISSED" for value $1 against `$2 $3` (>= or <=).
verdict() {
  awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
    if (v == "n/a" || v == "" || v == "?") { print "n/a"; exit }
    if (v !~ /^-?[0-9.]+$/) { print "MISSED"; exit }
    print ((op == ">=" ? v + 0 >= t : v + 0 <= t) ? "met" : "MISSED") }'
}

target_line() { printf '  %-64s %10s  %s\n' "$1" "$2" "$(verdict "$2" "$3" "$4")"; }

# The targets of issue 5, from this run's figures.
targets() {
  local s b peak=0 k r
  echo "Targets of issue 5:"
  for s in small_lookup nested_list; do
    # shellcheck disable=SC2086 # the pairs' ratios, one word each
    r=$(median ${PAIR_RATIOS[$s]:-})
    target_line "$s: Samenspel/PostGraphile req/s, median of pairs (>= 2x)" "$r" ">=" 2
    echo "    pairs:${PAIR_RATIOS[$s]:- none}"
  done
  for b in postgres sqlite; do
    target_line "small_lookup p99 on $b, ms (< 50)" "${P99[samenspel-$b/small_lookup]:-n/a}" "<=" 50
  done
  for k in "${!RSS[@]}"; do
    if [[ $k == samenspel-* && ${RSS[$k]} =~ ^[0-9]+$ ]] && ((RSS[$k] > peak)); then peak=${RSS[$k]}; fi
  done
  target_line "peak RSS of Samenspel under load, MB (< 150)" "$peak" "<=" 150
  for k in "${!RPS[@]}"; do
    [[ $k == */filtered_connection@* ]] || continue
    r=$(ratio "${RPS[${k%@*}]:-}" "${RPS[$k]}")
    target_line "page cost ${k#samenspel-} vs scale ${first_scale} (<= 1.5x)" "$r" "<=" 1.5
  done
  r=$(printf '%s\n' "${READY_MS[@]}" | sort -n | tail -1)
  if [[ " ${READY_MS[*]} " == *" failed "* ]]; then r=failed; fi
  target_line "fresh SQLite migrated and ready, slowest of ${#READY_MS[@]}, ms (< 1000)" "$r" "<=" 1000
}

# The goals of the live features (issues 11, 12 and 14), from this run's figures and from the
# reports of bench/live.sh and bench/webhooks.sh in $OUT (when LIVE=1 ran them; "n/a" when not).
live_targets() {
  local b k r latency feed silent deliveries
  echo "Goals of the live features:"
  for b in postgres sqlite; do
    target_line "search@${first_scale} p99 on $b, ms (< 50; issue 14)" "${P99[samenspel-$b/search@$first_scale]:-n/a}" "<=" 50
  done
  for b in postgres sqlite; do
    echo "    search_selective@${first_scale} p99 on $b, ms (a figure): ${P99[samenspel-$b/search_selective@$first_scale]:-n/a}"
  done
  for k in "${!RPS[@]}"; do
    [[ $k == */search@* && $k != *@"$first_scale" ]] || continue
    r=$(ratio "${RPS[${k%@*}@$first_scale]:-}" "${RPS[$k]}")
    target_line "search page cost ${k#samenspel-} vs scale ${first_scale} (<= 2x; issue 14)" "$r" "<=" 2
  done
  for k in "${!RPS[@]}"; do
    [[ $k == */search_selective@* && $k != *@"$first_scale" ]] || continue
    r=$(ratio "${RPS[${k%@*}@$first_scale]:-}" "${RPS[$k]}")
    echo "    search_selective page cost ${k#samenspel-} vs scale ${first_scale} (a figure): $r"
  done
  latency=$(grep -ho '{"clients".*}' "$OUT/live.txt" 2>/dev/null | tail -1 || true)
  target_line "delivery latency p99 to 1,000 subscribers, ms (< 100; issue 11)" \
    "$(jq -r '.p99_ms // "n/a"' <<<"${latency:-null}" 2>/dev/null || echo n/a)" "<=" 100
  echo "    ${latency:-not run}"
  r=$(sed -n 's/^peak RSS of that replica: \([0-9]*\) MB$/\1/p' "$OUT/live.txt" 2>/dev/null || true)
  target_line "peak RSS with 1,000 subscribers, MB (< 150; issue 11)" "${r:-n/a}" "<=" 150
  feed=$(sed -n 's/^feed page cost at 1,000,000 \/ 100,000 events: \([0-9.]*\)x$/\1/p' "$OUT/live.txt" 2>/dev/null || true)
  target_line "feed page cost at 1,000,000 vs 100,000 events (<= 1.5x; issue 11)" "${feed:-n/a}" "<=" 1.5
  silent=$(sed -n 's/^postgres API: .*: \([-+][0-9.]*\) %.*/\1/p' "$OUT/webhooks.txt" 2>/dev/null || true)
  silent=${silent:-n/a}
  target_line "API req/s change with 100 silent webhooks, % (>= -5; issue 12)" "${silent#+}" ">=" -5
  deliveries=$(sed -n 's/^postgres deliveries: //p' "$OUT/webhooks.txt" 2>/dev/null || true)
  echo "  webhook deliveries to a fast local receiver (a figure; issue 12 sets no goal): ${deliveries:-not run}"
}
