#!/usr/bin/env bash
# Benchmark of `ckg serve` against `oxigraph serve-read-only` 0.5.13 (the same engine) on the
# same store: the curated data plus a synthetic ACLED import (100k rows by default), both
# servers opening the very same RocksDB directory, side by side, in one run. Two mixes: the
# named queries of queries/ (round-robin), and one analytic query over the import
# (bench/queries/events-involving-an-actor.rq); 1, 4 and 16 concurrent clients, each on a
# kept-alive connection. The cells alternate between the servers (which one goes first too),
# so a change in the machine's load falls on both. Each cell (bench/serve_load.py): a warm-up
# until every client has had an answer, then a window of at least SECONDS and MIN answers.
# Prints per cell queries/s, p50 and p99 latency, the server's CPU time per answer, the load
# average, and the ratios ckg ÷ oxigraph (issue 12's goal: q/s ratio ≥ 1.0 at every
# concurrency); bench/RESULTS-serve.md records a run. Not a test: timings depend on the machine.
#
# Both servers get the same requests: every query is prefixed with the project's PREFIX
# declarations (oxigraph does not predeclare them), the same headers (JSON results, no gzip),
# and oxigraph runs with --union-default-graph (ckg's default). ckg serve runs with its
# defaults (workers from the machine, 100,000-row cap) but a 600 s timeout (see
# CKG_SERVE_ARGS); oxigraph with its (a thread per connection, no limits).
#
#   bench/serve.sh [ROWS] [SECONDS] [MIN]   default: 100000 rows; each cell at least 20 s and
#                                           at least 30 answers (after a warm-up)
#   CKG_SERVE_ARGS='--timeout 600'          arguments for ckg serve (this is the default)
#   MIXES='named analytic' CLIENTS='1 4 16'  the cells to run (these are the defaults)
#   ROUNDS=2                            each cell twice, A B B A (1: once, A B)
#   BENCH_DIR=/tmp/ckg-bench-serve      where the CSV, the store and the logs go
# Needs what scripts/deps.sh installs (oxigraph 0.5.13), python3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ROWS=${1:-100000}
SECONDS_PER_CELL=${2:-20}
MIN_QUERIES=${3:-30}
# oxigraph has no time limit; with ckg's default 30 s, a query queued behind 15 others on a
# loaded machine is stopped and its work thrown away (the 2026-12-01 15:23 run: every analytic
# query at 16 clients, load 25), which measures the limit, not the speed. The bench gives ckg
# a limit it does not reach; the limit itself is tested in tests/serve.rs.
CKG_SERVE_ARGS=${CKG_SERVE_ARGS:---timeout 600}
MIXES=${MIXES:-named analytic}
CLIENTS=${CLIENTS:-1 4 16}
DIR=${BENCH_DIR:-/tmp/ckg-bench-serve}
OXIGRAPH=${CKG_OXIGRAPH:-${XDG_CACHE_HOME:-$HOME/.cache}/conflict-kg/oxigraph-0.5.13/bin/oxigraph}
mkdir -p "$DIR/queries/named" "$DIR/queries/analytic"

cargo build --release --quiet -p ckg -p ckg-bench
CKG=${CKG_BIN:-$REPO/target/release/ckg}
GEN=$REPO/target/release/gen_acled

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_http URL PID LOG: until URL answers 200 (60 s at most, or the server exits).
wait_http() {
  local i
  for i in $(seq 600); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "server exited; log:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not answer $1; log:" >&2; tail -20 "$3" >&2; exit 1
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
csv="$DIR/acled-$ROWS.csv"
[ -s "$csv" ] || "$GEN" "$ROWS" > "$csv"
store="$DIR/store"
if [ ! -s "$DIR/store.rows" ] || [ "$(cat "$DIR/store.rows")" != "$ROWS" ]; then
  rm -rf "$store" "$store".*
  "$CKG" build --store "$store" --data "$REPO/data" > /dev/null
  "$CKG" import acled "$csv" --name acled-bench --data "$REPO/data" --store "$store" > /dev/null
  echo "$ROWS" > "$DIR/store.rows"
fi
echo "store: $(du -sh "$store" | cut -f1), $ROWS ACLED rows + data/"

# The project's prefixes, as PREFIX lines (ckg prints them as @prefix in Turtle).
"$CKG" query --store "$store" -f turtle -q 'CONSTRUCT { <urn:a> <urn:b> <urn:c> } {}' |
  sed -n 's/^@prefix \(.*\) \.$/PREFIX \1/p' > "$DIR/prefixes.rq"
rm -f "$DIR"/queries/named/*.rq "$DIR"/queries/analytic/*.rq
# The named queries are written for the curated data; over a 100k-row import some take tens of
# seconds. The mix keeps those that `ckg query --timeout $NAMED_LIMIT` finishes, and says
# which it left out.
NAMED_LIMIT=${NAMED_LIMIT:-2}
left_out=()
for q in queries/*.rq; do
  cat "$DIR/prefixes.rq" "$q" > "$DIR/queries/candidate.rq"
  if timeout $((NAMED_LIMIT + 10)) "$CKG" query --store "$store" --timeout "$NAMED_LIMIT" -f csv "$DIR/queries/candidate.rq" > /dev/null 2>&1; then
    mv "$DIR/queries/candidate.rq" "$DIR/queries/named/$(basename "$q")"
  else
    left_out+=("$(basename "$q")")
  fi
done
echo "named mix: $(ls "$DIR"/queries/named | tr '\n' ' ')"
echo "left out (over ${NAMED_LIMIT} s alone on this store): ${left_out[*]:-none}"
cat "$DIR/prefixes.rq" bench/queries/events-involving-an-actor.rq > "$DIR/queries/analytic/events-involving-an-actor.rq"
named_count=$(ls "$DIR"/queries/named/*.rq | wc -l)

# Both servers run side by side on the same directory (both open it read-only), so the cells
# can alternate between them: a change in the machine's load (other builds) then falls on both
# instead of on whichever ran second.
port_ckg=$(free_port)
"$CKG" serve --store "$store" --bind "127.0.0.1:$port_ckg" $CKG_SERVE_ARGS > "$DIR/ckg-serve.log" 2>&1 &
pid_ckg=$!
"$OXIGRAPH" --version
port_ox=$(free_port)
"$OXIGRAPH" serve-read-only --location "$store" --bind "127.0.0.1:$port_ox" --union-default-graph > "$DIR/ox-serve.log" 2>&1 &
pid_ox=$!
trap 'kill $pid_ckg $pid_ox 2>/dev/null || true' EXIT
wait_http "http://127.0.0.1:$port_ckg/sparql?query=ASK%7B%7D" "$pid_ckg" "$DIR/ckg-serve.log"
wait_http "http://127.0.0.1:$port_ox/query?query=ASK%7B%7D" "$pid_ox" "$DIR/ox-serve.log"
echo "ckg serve: $(head -1 "$DIR/ckg-serve.log")"

counts() { # PORT PATH → one line per query: name rows (also the warm-up: every query once)
  local f
  for f in "$DIR"/queries/named/*.rq "$DIR"/queries/analytic/*.rq; do
    printf '%s\t%s\n' "$(basename "$f")" "$(curl -s -H 'Accept: text/csv' --data-urlencode "query@$f" "http://127.0.0.1:$1$2" | wc -l)"
  done
}
# Same answers from both (row counts of each query) before timing anything; this also warms
# both servers (caches, page cache) with every query once.
counts "$port_ckg" /sparql > "$DIR/counts-ckg.tsv"
counts "$port_ox" /query > "$DIR/counts-oxigraph.tsv"
if ! diff -q "$DIR/counts-ckg.tsv" "$DIR/counts-oxigraph.tsv" > /dev/null; then
  echo "WARNING: the servers' answers differ in rows:" >&2
  diff "$DIR/counts-ckg.tsv" "$DIR/counts-oxigraph.tsv" >&2 || true
fi

RESULTS="$DIR/results.tsv"
printf 'server\tmix\tclients\trequests\terrors\tseconds\tqps\tp50_ms\tp99_ms\tcpu_s\tcpu_ms_per_query\tload1\n' > "$RESULTS"
cell() { # NAME MIX CLIENTS
  local port path pid line
  case $1 in
    ckg) port=$port_ckg path=/sparql pid=$pid_ckg ;;
    *) port=$port_ox path=/query pid=$pid_ox ;;
  esac
  line=$(python3 bench/serve_load.py "127.0.0.1:$port" "$path" "$3" "$SECONDS_PER_CELL" "$MIN_QUERIES" "$pid" "$DIR"/queries/"$2"/*.rq)
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$line" >> "$RESULTS"
  printf '%-9s %-9s %2s clients: %s\n' "$1" "$2" "$3" "$line"
}
# Cells alternate which server goes first (ckg, oxigraph / oxigraph, ckg / …); with ROUNDS=2
# (the default) each cell runs twice in the order A B B A, so a load that rises or falls
# steadily over the cell falls on both servers alike; a cell's figures are over both runs.
ROUNDS=${ROUNDS:-2}
turn=0
for mix in $MIXES; do
  for c in $CLIENTS; do
    if [ $((turn % 2)) -eq 0 ]; then first=ckg second=oxigraph; else first=oxigraph second=ckg; fi
    cell $first $mix $c; cell $second $mix $c
    if [ "$ROUNDS" -ge 2 ]; then cell $second $mix $c; cell $first $mix $c; fi
    turn=$((turn + 1))
  done
done

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| mix | clients | answers ckg / oxigraph | ckg q/s | ckg p50 / p99 ms | oxigraph q/s | oxigraph p50 / p99 ms | ratio q/s | CPU ms per answer ckg / oxigraph | ratio CPU | load ckg, oxigraph |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
# Over the runs of a cell: answers and seconds summed (q/s = answers / seconds), CPU per answer
# over all answers, p50 the mean of the runs', p99 the larger, the load of each run.
awk -F'\t' -v named="$named_count" '
  NR > 1 { k = $2 "\t" $3; n[$1, k] += $4; sec[$1, k] += $6; cpu[$1, k] += $10; e[$1, k] += $5
           p50[$1, k] += $8; runs[$1, k]++; if ($9 > p99[$1, k]) p99[$1, k] = $9
           ld[$1, k] = (runs[$1, k] > 1 ? ld[$1, k] " / " : "") $12
           q[$1, k] = n[$1, k] / sec[$1, k]; c[$1, k] = 1000 * cpu[$1, k] / n[$1, k]
           l[$1, k] = sprintf("%.1f / %.1f", p50[$1, k] / runs[$1, k], p99[$1, k])
           if (!(k in seen)) { seen[k] = 1; order[++m] = k } }
  END {
    for (i = 1; i <= m; i++) {
      split(order[i], kk, "\t"); k = order[i]
      label = kk[1] == "named" ? "named (" named " queries)" : "analytic"
      printf "| %s | %s | %d / %d | %.2f | %s | %.2f | %s | **%.2f** | %.1f / %.1f | %.2f | %s, %s |\n", label, kk[2], n["ckg", k], n["oxigraph", k], q["ckg", k], l["ckg", k], q["oxigraph", k], l["oxigraph", k], q["ckg", k] / q["oxigraph", k], c["ckg", k], c["oxigraph", k], c["oxigraph", k] / c["ckg", k], ld["ckg", k], ld["oxigraph", k]
      if (e["ckg", k] + e["oxigraph", k] > 0) printf "  (errors: ckg %d, oxigraph %d)\n", e["ckg", k], e["oxigraph", k]
    }
  }' "$RESULTS"
