#!/usr/bin/env bash
# Benchmark of `ckg push` against each server's own bulk loader on the same N-Triples: a
# synthetic ACLED import (100k rows by default) pushed to oxigraph server 0.5.13 and to
# Virtuoso 7, and loaded by `oxigraph load` and by Virtuoso's ld_dir + rdf_loader_run
# (+ checkpoint, as its bulk-loading guide says), each into a fresh database, one after the
# other in one run. Prints wall times, triples/s and the ratio push ÷ loader (issue 13's goal:
# ≥ 0.5); bench/RESULTS-push.md records a run. Not a test: timings depend on the machine.
#
#   bench/push.sh [ROWS]              default: 100000
#   BENCH_DIR=/tmp/ckg-bench-push     where the files, stores and server databases go
#   BATCH=N                           ckg push --batch (default: ckg's, 500000 for oxigraph, 100000 for Virtuoso)
# Needs what scripts/deps.sh installs (oxigraph 0.5.13, virtuoso-t, isql-vt) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
ROWS=${1:-100000}
DIR=${BENCH_DIR:-/tmp/ckg-bench-push}
BATCH_ARGS=()
[ -n "${BATCH:-}" ] && BATCH_ARGS=(--batch "$BATCH")
OXIGRAPH=${CKG_OXIGRAPH:-${XDG_CACHE_HOME:-$HOME/.cache}/conflict-kg/oxigraph-0.5.13/bin/oxigraph}
VIRTUOSO=${CKG_VIRTUOSO:-virtuoso-t}
ISQL=${CKG_ISQL:-isql-vt}
GRAPH=https://w3id.org/conflict-kg/id/graph/import/acled/acled-bench
mkdir -p "$DIR"
RESULTS="$DIR/results.tsv"
: > "$RESULTS"

cargo build --release --quiet -p ckg -p ckg-bench
CKG=$REPO/target/release/ckg
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

# measure NAME TRIPLES CMD…: wall seconds of CMD, recorded in results.tsv.
measure() {
  local name=$1 triples=$2 start end wall; shift 2
  start=$(date +%s.%N)
  "$@" > "$DIR/$name.out" 2> "$DIR/$name.err"
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc)
  printf '%s\t%s\t%s\n' "$name" "$wall" "$triples" >> "$RESULTS"
  printf '%-28s %9.2f s  %9.0f triples/s\n' "$name" "$wall" "$(echo "$triples / $wall" | bc -l)"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
csv="$DIR/acled-$ROWS.csv"
[ -s "$csv" ] || "$GEN" "$ROWS" > "$csv"
store="$DIR/store"
rm -rf "$store" "$store".*
"$CKG" build --store "$store" --data "$REPO/data" > /dev/null
"$CKG" import acled "$csv" --name acled-bench --data "$REPO/data" --store "$store" > /dev/null
nt="$DIR/load/acled-bench.nt"
mkdir -p "$DIR/load"
"$CKG" export --store "$store" --graph "$GRAPH" -f ntriples -o "$nt" 2> /dev/null
triples=$(wc -l < "$nt" | tr -d ' ')
echo "$ROWS rows → $triples triples in <$GRAPH>, $(du -h "$nt" | cut -f1) of N-Triples"

# --- oxigraph server 0.5.13 ---
"$OXIGRAPH" --version
rm -rf "$DIR/ox-load"
measure oxigraph-load "$triples" "$OXIGRAPH" load --location "$DIR/ox-load" --file "$nt" --graph "$GRAPH"
rm -rf "$DIR/ox-load" "$DIR/ox-serve"
port=$(free_port)
"$OXIGRAPH" serve --location "$DIR/ox-serve" --bind "127.0.0.1:$port" > "$DIR/ox-serve.log" 2>&1 &
ox_pid=$!
wait_http "http://127.0.0.1:$port/query?query=ASK%7B%7D" "$ox_pid" "$DIR/ox-serve.log"
measure oxigraph-push "$triples" "$CKG" push "http://127.0.0.1:$port/store" --store "$store" --graph "$GRAPH" "${BATCH_ARGS[@]}"
kill "$ox_pid"
wait "$ox_pid" 2> /dev/null || true
rm -rf "$DIR/ox-serve"

# --- Virtuoso 7 ---
# start_virtuoso NAME: a fresh database; sets v_pid, v_sql, v_http.
start_virtuoso() {
  local d="$DIR/$1"
  rm -rf "$d"
  mkdir -p "$d/db" "$d/vsp"
  v_sql=$(free_port)
  v_http=$(free_port)
  cat > "$d/virtuoso.ini" <<EOF
[Database]
DatabaseFile=$d/db/virtuoso.db
ErrorLogFile=$d/db/virtuoso.log
LockFile=$d/db/virtuoso.lck
TransactionFile=$d/db/virtuoso.trx
xa_persistent_file=$d/db/virtuoso.pxa
FileExtend=200
Striping=0
TempStorage=TempDatabase
[TempDatabase]
DatabaseFile=$d/db/virtuoso-temp.db
TransactionFile=$d/db/virtuoso-temp.trx
[Parameters]
ServerPort=127.0.0.1:$v_sql
DisableUnixSocket=1
CaseMode=2
DirsAllowed=., $d, $DIR/load
NumberOfBuffers=170000
MaxDirtyBuffers=130000
[HTTPServer]
ServerPort=127.0.0.1:$v_http
ServerRoot=$d/vsp
ServerThreads=10
EnabledGzipContent=1
[SPARQL]
ResultSetMaxRows=10000
MaxQueryExecutionTime=60
EOF
  "$VIRTUOSO" +foreground +configfile "$d/virtuoso.ini" > "$d/virtuoso.out" 2>&1 &
  v_pid=$!
  wait_http "http://127.0.0.1:$v_http/sparql?query=ASK%7B%7D" "$v_pid" "$d/db/virtuoso.log"
}
stop_virtuoso() {
  "$ISQL" "127.0.0.1:$v_sql" dba dba "exec=shutdown;" > /dev/null 2>&1 || kill "$v_pid"
  wait "$v_pid" 2> /dev/null || true
}
v_count() {
  curl -s "http://127.0.0.1:$v_http/sparql" -H 'Accept: text/csv' \
    --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$GRAPH> { ?s ?p ?o } }" | tail -n 1
}

{ "$VIRTUOSO" +help 2>&1 || true; } | sed -n 2p
start_virtuoso v-load
isql() { "$ISQL" "127.0.0.1:$v_sql" dba dba "exec=$1"; }
measure virtuoso-ld_dir+loader "$triples" isql "ld_dir('$DIR/load', 'acled-bench.nt', '$GRAPH'); rdf_loader_run();"
measure virtuoso-checkpoint "$triples" isql "checkpoint;"
echo "  Virtuoso holds $(v_count) triples after its loader"
stop_virtuoso
rm -rf "$DIR/v-load"

start_virtuoso v-push
export CKG_BENCH_DBA_PASSWORD=dba
measure virtuoso-push "$triples" "$CKG" push "http://127.0.0.1:$v_http/sparql-graph-crud-auth" --store "$store" --graph "$GRAPH" "${BATCH_ARGS[@]}" --user dba --password-env CKG_BENCH_DBA_PASSWORD
echo "  Virtuoso holds $(v_count) triples after ckg push"
stop_virtuoso
rm -rf "$DIR/v-push"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" <<'EOF'
import sys
rows = {n: (float(w), int(t)) for n, w, t in (l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l)}
def tps(n): return rows[n][1] / rows[n][0]
vl = rows["virtuoso-ld_dir+loader"][0] + rows["virtuoso-checkpoint"][0]
vl_tps = rows["virtuoso-ld_dir+loader"][1] / vl
print()
print("| server | its own loader | ckg push | ratio (push ÷ loader) |")
print("|---|---|---|---|")
print(f"| oxigraph 0.5.13 | `oxigraph load`: {rows['oxigraph-load'][0]:.1f} s, {tps('oxigraph-load'):,.0f} triples/s | {rows['oxigraph-push'][0]:.1f} s, {tps('oxigraph-push'):,.0f} triples/s | **{tps('oxigraph-push') / tps('oxigraph-load'):.2f}×** |")
print(f"| Virtuoso 7.2.5 | `ld_dir` + `rdf_loader_run` + `checkpoint`: {vl:.1f} s, {vl_tps:,.0f} triples/s (without the checkpoint: {rows['virtuoso-ld_dir+loader'][0]:.1f} s, {tps('virtuoso-ld_dir+loader'):,.0f} triples/s) | {rows['virtuoso-push'][0]:.1f} s, {tps('virtuoso-push'):,.0f} triples/s | **{tps('virtuoso-push') / vl_tps:.2f}×** ({tps('virtuoso-push') / tps('virtuoso-ld_dir+loader'):.2f}× without the checkpoint) |")
EOF
