#!/usr/bin/env bash
# `ckg extract` on N articles (default 10,000: the real articles of tests/extract/{dev,blind}
# and the two seed texts, repeated under distinct names) in ONE run, against two baselines
# measured in the same run on the same files: `cat` (reading them) and `wc -w` (reading and
# tokenising). Prints articles/s, peak RSS (GNU time) and the ratios. Release build only.
# Includes loading data/ and the GeoNames extract once, and writing 3 files per article
# atomically (fsync each), as the real command does.
#
#   bash bench/extract.sh [N] [WORKDIR]
set -euo pipefail
N=${1:-10000}
WORK=${2:-$(mktemp -d)}
cd "$(dirname "$0")/.."
cargo build --release -p ckg >/dev/null 2>&1
BIN=$PWD/target/release/ckg
mkdir -p "$WORK/in" "$WORK/out"
mapfile -t SRC < <(ls tests/extract/dev/*.txt tests/extract/blind/*.txt data/reports/*.txt)
if [ "$(ls "$WORK/in" | wc -l)" -ne "$N" ]; then
  rm -f "$WORK/in"/*
  for ((i = 0; i < N; i++)); do
    cp "${SRC[$((i % ${#SRC[@]}))]}" "$WORK/in/$(printf 'article-%05d' "$i").txt"
  done
fi
BYTES=$(cat "$WORK/in"/*.txt | wc -c)
echo "$N articles ($((BYTES / 1024)) KiB, ${#SRC[@]} distinct real texts repeated)"
cat "$WORK/in"/*.txt >/dev/null   # warm the page cache

measure() {   # name, command…
  local name=$1; shift
  local log="$WORK/$name.time" start end
  start=$(date +%s.%N)
  /usr/bin/time -v "$@" >"$WORK/$name.out" 2>"$log"
  end=$(date +%s.%N)
  SECS=$(echo "$end - $start" | bc)
  local rss; rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  printf '%-8s %8.2f s  %10.0f articles/s  peak RSS %7.1f MiB\n' "$name" "$SECS" \
    "$(echo "$N / $SECS" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

cd "$WORK/in"
measure cat sh -c 'cat ./*.txt >/dev/null'; CAT=$SECS
measure wc sh -c 'wc -w ./*.txt >/dev/null'; WC=$SECS
rm -rf "$WORK/out"; mkdir "$WORK/out"
measure extract "$BIN" extract ./*.txt --published 2024-05-21 --publisher AFP -o "$WORK/out" \
  --data "$OLDPWD/data" --gazetteer "$OLDPWD/data/gazetteer/geonames-SY-extract.txt" \
  --gazetteer "$OLDPWD/data/gazetteer/geonames-IQ-extract.txt"
EX=$SECS
printf 'ratio extract/cat %.1fx, extract/wc %.1fx; a year of daily bulletins (365) ≈ %.2f s\n' \
  "$(echo "$EX / $CAT" | bc -l)" "$(echo "$EX / $WC" | bc -l)" "$(echo "365 * $EX / $N" | bc -l)"
echo "drafts written: $(ls "$WORK/out" | wc -l) files"
