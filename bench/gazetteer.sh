#!/usr/bin/env bash
# Streams a synthetic GeoNames dump (default 12,000,000 rows in the 19-column format) through
# the project's reader and through two baselines measured in the same run: `wc -l` and a plain
# line-read-and-split-on-tabs pass. Reports rows/s and peak RSS (GNU time). Release build only.
#
#   bash bench/gazetteer.sh [ROWS] [WORKDIR]
set -euo pipefail
ROWS=${1:-12000000}
WORK=${2:-$(mktemp -d)}
cd "$(dirname "$0")/.."
cargo build --release -p ckg-bench --bin gazetteer_stream >/dev/null 2>&1
BIN=target/release/gazetteer_stream
DUMP="$WORK/synthetic-allCountries.txt"
[ -s "$DUMP" ] || "$BIN" generate "$ROWS" "$DUMP"
echo "file: $DUMP ($(du -h "$DUMP" | cut -f1), $ROWS rows)"
cat "$DUMP" >/dev/null   # warm the page cache so every pass reads from memory

measure() {   # name, command…
  local name=$1; shift
  local log="$WORK/$name.time"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v "$@" >"$WORK/$name.out" 2>"$log"
  end=$(date +%s.%N)
  local rss secs
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  secs=$(echo "$end - $start" | bc)
  printf '%-12s %8.2f s  %12.0f rows/s  peak RSS %7.1f MiB  %s\n' "$name" "$secs" \
    "$(echo "$ROWS / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$(tail -1 "$WORK/$name.out")"
}

for round in 1 2; do
  echo "round $round"
  measure wc-l wc -l "$DUMP"
  measure split "$BIN" split "$DUMP"
  measure read "$BIN" read "$DUMP"
  measure read-names "$BIN" read-names "$DUMP"
done
