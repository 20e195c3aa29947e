#!/usr/bin/env bash
# Analytic queries over imported ACLED rows: each bench/queries/*.rq through `ckg query` against
# DuckDB running equivalent SQL on the same CSV (what an analyst would otherwise use), for each
# row count. Both answers are checked to hold the same rows (bench/analytics.py says how the SQL
# matches the SPARQL's semantics); times are of whole processes, cold (first run) and warm
# (second run, page cache filled), and the ratios are ckg / DuckDB in the same run. Not a test:
# timings depend on the machine; bench/RESULTS-analytics.md records runs.
#
#   bench/analytics.sh [ROW_COUNTS…]      default: 100000 1000000
#   ANALYTICS_DIR=/tmp/ckg-analytics     CSVs, stores and answers; reused across runs (a store is
#                                        re-imported only when what the import writes changes)
#   BASELINE_CKG=/path/to/old/ckg        also measure an older build (its own store, the
#                                        bench/queries only): "before" beside "after" in one run
#   AFTER_CKG=/path/to/ckg               the build measured as "after" (default: this tree's
#                                        target/release/ckg): a copy keeps a long run from
#                                        measuring a binary rebuilt half-way
#   NICE=5                               niceness of the imports and the timed queries
#   QUERY_TIMEOUT=900                    seconds before a query is stopped (reported as >N s);
#                                        a query slower than WARM_LIMIT=120 s is not run warm
#
# For each question Q the current build runs queries/import/Q.rq when it exists (the analyst's
# version of the question, with checked-in answers on the test fixtures), and bench/queries/Q.rq
# too unless BASELINE_CKG already runs that one.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
DIR=${ANALYTICS_DIR:-/tmp/ckg-analytics}
NICE=${NICE:-5}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
mkdir -p "$DIR"

# DuckDB (PyPI) in a venv of its own, beside the one scripts/deps.sh makes for oxigraph: only
# this benchmark needs it.
DUCKDB_VERSION=2.0.1
VENV=${XDG_CACHE_HOME:-$HOME/.cache}/conflict-kg/duckdb-$DUCKDB_VERSION
PY=$VENV/bin/python
if ! "$PY" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2> /dev/null; then
  echo "installing duckdb $DUCKDB_VERSION into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
fi

cargo build --release --quiet -p ckg -p ckg-bench
CKG=${AFTER_CKG:-$REPO/target/release/ckg}
GEN=$REPO/target/release/gen_acled
VARIANTS=()
if [ -n "${BASELINE_CKG:-}" ]; then VARIANTS+=("before=$BASELINE_CKG"); fi
VARIANTS+=("after=$CKG")

# store LABEL BIN ROWS: prints the path of a store holding the curated data and the CSV of ROWS
# rows imported by BIN, importing it unless one with the same content exists. The content is
# named by a hash of what BIN's import makes of the CSV's first 2,000 rows and of data/: a
# rebuilt binary whose import is unchanged reuses the store (a 1M-row import takes minutes).
store() {
  local label=$1 bin=$2 n=$3 hash s
  head -n 2001 "$DIR/acled-$n.csv" > "$DIR/sample.csv"
  "$bin" import acled "$DIR/sample.csv" --name acled-bench --data "$REPO/data" \
    --nquads "$DIR/sample-$label.nq" > /dev/null 2>&1
  hash=$( (sort "$DIR/sample-$label.nq"
            find "$REPO/data" -type f -print0 | sort -z | xargs -0 sha256sum ) | sha256sum | cut -c1-12)
  s="$DIR/store-$label-$n-$hash"
  if [ ! -e "$s.done" ]; then
    rm -rf "$s" "$s".*
    "$bin" build --store "$s" --data "$REPO/data" > /dev/null
    /usr/bin/time -v nice -n "$NICE" "$bin" import acled "$DIR/acled-$n.csv" --name acled-bench \
      --data "$REPO/data" --store "$s" --max-memory 512 > "$s.import.out" 2> "$s.import.time"
    echo "$(date -u +%FT%TZ) $(awk -F': ' '/Elapsed/ {print $2}' "$s.import.time") wall, $(awk -F': ' '/Maximum resident/ {print $2}' "$s.import.time") KiB" > "$s.done"
  fi
  echo "$s"
}

TIMEOUT=${QUERY_TIMEOUT:-900}
WARM_LIMIT=${WARM_LIMIT:-120}
# timed OUT CMD…: runs CMD (niced) with stdout to OUT, prints its wall time in seconds, or
# ">TIMEOUT" when it was stopped.
timed() {
  local out=$1 t0 t1 rc=0; shift
  t0=$(date +%s.%N)
  timeout "$TIMEOUT" nice -n "$NICE" "$@" > "$out" || rc=$?
  t1=$(date +%s.%N)
  if [ $rc = 124 ]; then echo ">$TIMEOUT"; elif [ $rc != 0 ]; then echo "failed: $*" >&2; exit 1; else echo "$t1 - $t0" | bc; fi
}

RESULTS=$DIR/analytics.tsv
: > "$RESULTS"
for n in "${SIZES[@]}"; do
  csv=$DIR/acled-$n.csv
  [ -s "$csv" ] || "$GEN" "$n" > "$csv"
  work=$DIR/work-$n
  mkdir -p "$work"
  if [ ! -s "$work/dict-places.csv" ] || [ "$csv" -nt "$work/dict-places.csv" ]; then
    "$PY" "$REPO/bench/analytics.py" dictionary "$csv" "$REPO/data" "$CKG" "$work" >&2
  fi
  stores=()
  for v in "${VARIANTS[@]}"; do stores+=("$(store "${v%%=*}" "${v#*=}" "$n")"); done
  for q in "$REPO"/bench/queries/*.rq; do
    name=$(basename "$q" .rq)
    duck=$work/duckdb-$name.csv
    dcold=$(timed /dev/null "$PY" "$REPO/bench/analytics.py" sql "$name" "$csv" "$work" "$duck")
    dwarm=$(timed /dev/null "$PY" "$REPO/bench/analytics.py" sql "$name" "$csv" "$work" "$duck")
    for i in "${!VARIANTS[@]}"; do
      label=${VARIANTS[$i]%%=*} bin=${VARIANTS[$i]#*=} s=${stores[$i]}
      files=()
      if [ "$label" = before ] || [ -z "${BASELINE_CKG:-}" ]; then files+=("$q"); fi
      if [ "$label" = after ] && [ -e "$REPO/queries/import/$name.rq" ]; then
        files+=("$REPO/queries/import/$name.rq")
      fi
      [ ${#files[@]} -gt 0 ] || files=("$q")
      for f in "${files[@]}"; do
        rel=${f#"$REPO"/}
        out=$work/$label-$(echo "$rel" | tr / _ | sed 's/\.rq$//').csv
        cold=$(timed "$out" "$bin" query "$f" --store "$s" -f csv)
        if [[ $cold == ">"* ]]; then
          warm=- rows=- same=timeout
        else
          warm=-
          if (($(echo "$cold < $WARM_LIMIT" | bc))); then
            warm=$(timed "$out" "$bin" query "$f" --store "$s" -f csv)
          fi
          rows=$(($(wc -l < "$out") - 1))
          if "$PY" "$REPO/bench/analytics.py" compare "$out" "$duck"; then same=yes; else same=NO; fi
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$rel" "$rows" "$cold" "$warm" \
          "$dcold" "$dwarm" "$same" >> "$RESULTS"
        awk -F'\t' 'function r(a, b) { return a ~ /^>/ ? ">" sprintf("%.0f", substr(a, 2) / b) "x" : a == "-" ? "-" : sprintf("%.1fx", a / b) }
          function t(a) { return a ~ /^[>-]/ ? a : sprintf("%.2f", a) }
          END {printf "%8s rows  %-6s %-52s %7s rows  ckg %8s / %8s s  duckdb %5.2f / %5.2f s  ratio %7s / %7s  same: %s\n", $1, $2, $3, $4, t($5), t($6), $7, $8, r($5, $7), r($6, $8), $9}' "$RESULTS"
      done
    done
  done
done
echo "results: $RESULTS (rows, variant, query, answer rows, ckg cold s, ckg warm s, duckdb cold s, duckdb warm s, same answer)"
if grep -q $'\tNO$' "$RESULTS"; then
  echo "some answers differ from DuckDB's" >&2
  exit 1
fi
