#!/usr/bin/env bash
# Benchmark of `ckg import acled` against its floor (oxigraph's bulk loader on the same quads)
# and against the pipeline a user would otherwise run (Morph-KGC + oxigraph's bulk loader), for
# 100k and 1M synthetic ACLED rows. Prints one line per step and the ratios against the targets
# of issue 5; bench/RESULTS.md records a run. Not a test: timings depend on the machine.
#
#   bench/run.sh [ROW_COUNTS…]        default: 100000 1000000
#   BENCH_DIR=/tmp/ckg-bench          where the files and stores go (tens of GB at 1M rows)
#   MAX_MEMORY_MB=512                 the bulk loader's memory target, the same for every load
#   MORPH_PYTHON=python3              a Python with morph-kgc installed (pip install morph-kgc)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
DIR=${BENCH_DIR:-/tmp/ckg-bench}
MB=${MAX_MEMORY_MB:-512}
PY=${MORPH_PYTHON:-python3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
mkdir -p "$DIR"
RESULTS="$DIR/results.tsv"
: > "$RESULTS"

cargo build --release --quiet -p ckg -p ckg-bench
CKG=$REPO/target/release/ckg
GEN=$REPO/target/release/gen_acled
LOAD=$REPO/target/release/bulk_load

# measure ROWS STEP TRIPLES CMD…: runs CMD under /usr/bin/time -v, records wall s and peak RSS.
measure() {
  local rows=$1 step=$2 triples=$3; shift 3
  local log="$DIR/$step-$rows.time"
  /usr/bin/time -v "$@" > "$DIR/$step-$rows.out" 2> "$log"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$rows" "$step" "$wall" "$rss" "$triples" >> "$RESULTS"
  printf '%9s rows  %-22s %9.2f s  %7.0f MiB\n' "$rows" "$step" "$wall" "$((rss / 1024))"
}

count_lines() { wc -l < "$1" | tr -d ' '; }

for n in "${SIZES[@]}"; do
  csv="$DIR/acled-$n.csv"
  [ -s "$csv" ] || "$GEN" "$n" > "$csv"
  rm -rf "$DIR/ckg-$n" "$DIR/ckg-$n".* "$DIR/floor-$n" "$DIR/morph-store-$n"
  "$CKG" build --store "$DIR/ckg-$n" --data "$REPO/data" > /dev/null

  # conversion alone: CSV → N-Quads (the same quads the import loads)
  measure "$n" convert-nquads 0 "$CKG" import acled "$csv" --name acled-bench --data "$REPO/data" --nquads "$DIR/ckg-$n.nq"
  quads=$(count_lines "$DIR/ckg-$n.nq")
  sed -i "\$s/\t0\$/\t$quads/" "$RESULTS"
  measure "$n" dry-run "$quads" "$CKG" import acled "$csv" --name acled-bench --data "$REPO/data" --dry-run
  # end to end: CSV → queryable store (a store holding the curated graph, like a user's)
  measure "$n" ckg-import "$quads" "$CKG" import acled "$csv" --name acled-bench --data "$REPO/data" --store "$DIR/ckg-$n" --max-memory "$MB"
  echo -e "$n\tckg-store-bytes\t$(du -sb "$DIR/ckg-$n" | cut -f1)\t0\t0" >> "$RESULTS"
  # the floor: oxigraph's bulk loader, same quads, same memory target, empty store
  measure "$n" bulk-load-floor "$quads" "$LOAD" "$DIR/floor-$n" "$DIR/ckg-$n.nq" "$MB"
  rm -f "$DIR/ckg-$n.nq"
  # the peer pipeline: Morph-KGC (RML) CSV → N-Quads, then the same bulk loader
  sed "s#ACLED_CSV#$csv#" "$REPO/bench/acled.rml.ttl" > "$DIR/acled-$n.rml.ttl"
  printf '[CONFIGURATION]\noutput_file=%s\noutput_format=N-QUADS\n[ACLED]\nmappings=%s\n' \
    "$DIR/morph-$n.nq" "$DIR/acled-$n.rml.ttl" > "$DIR/morph-$n.ini"
  measure "$n" morph-kgc 0 "$PY" -m morph_kgc "$DIR/morph-$n.ini"
  mquads=$(count_lines "$DIR/morph-$n.nq")
  sed -i "\$s/\t0\$/\t$mquads/" "$RESULTS"
  measure "$n" morph-bulk-load "$mquads" "$LOAD" "$DIR/morph-store-$n" "$DIR/morph-$n.nq" "$MB"
  rm -rf "$DIR/morph-$n.nq" "$DIR/floor-$n" "$DIR/morph-store-$n"
done

# Analytic queries on the largest store.
big=${SIZES[-1]}
for q in "$REPO"/bench/queries/*.rq; do
  name=$(basename "$q" .rq)
  measure "$big" "query:$name" 0 "$CKG" query "$q" --store "$DIR/ckg-$big" -f tsv
  rows=$(($(count_lines "$DIR/query:$name-$big.out") - 1))
  sed -i "\$s/\t0\$/\t$rows/" "$RESULTS"
done

python3 "$REPO/bench/report.py" "$RESULTS"
