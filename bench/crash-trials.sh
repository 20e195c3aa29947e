#!/usr/bin/env bash
# Crash trials: N random `kill -9` points across `ckg build`, `ckg link geonames`,
# `ckg import acled` (a new graph) and a re-import (the same graph replaced by a smaller file,
# the staged copy rebuilt and swapped in). Each trial starts from a fresh copy of the "before"
# store, kills the command at a random moment within its measured run time, then checks
#   1. the store opens and holds exactly the "before" or the "after" state (quad count, and a
#      dump: sorted N-Quads with blank-node labels erased, compared by hash), never anything
#      in between;
#   2. the same command run again succeeds and leaves exactly the "after" state.
#
# usage: bench/crash-trials.sh N        (N trials, cycling through the four commands)
# env:   CKG=path/to/ckg (default target/release/ckg)
#        CRASH_ROWS=20000 (rows of the generated ACLED file; the re-import uses half of them)
#        CRASH_SEED=… (bash RANDOM seed, to replay a run)
# Prints one line per trial and a summary; exits 1 if any trial failed.
set -euo pipefail

N=${1:?usage: bench/crash-trials.sh N}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CKG=${CKG:-$ROOT/target/release/ckg}
ROWS=${CRASH_ROWS:-20000}
RANDOM=${CRASH_SEED:-$$}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ckg-crash.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

[ -x "$CKG" ] || { echo "no ckg binary at $CKG (cargo build --release, or set CKG)" >&2; exit 1; }

# Inputs: the shipped data, the data without its 2020 report (so a build changes the store),
# an ACLED file of ROWS rows (the sample's rows over and over with new event ids) and its first
# half, the shipped GeoNames extract.
cp -a "$ROOT/data" data
cp -a "$ROOT/data" data_minus
rm data_minus/reports/2020-08-*
awk -v rows="$ROWS" -F, 'NR == 1 { print; next } { line[NR - 1] = $0; n = NR - 1 }
  END { for (i = 0; i < rows; i++) { l = line[i % n + 1]; sub(/^[^,]*/, "SYRX" i, l); print l } }' \
  "$ROOT/tests/fixtures/acled-sample.csv" > events.csv
head -n $((ROWS / 2 + 1)) events.csv > events-half.csv
DUMP="$ROOT/data/gazetteer/geonames-SY-extract.txt"
ADMIN1="$ROOT/data/gazetteer/admin1CodesASCII-SY.txt"

count() {
  "$CKG" query --store "$1" --format tsv \
    --query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -n 1
}
dump() {
  "$CKG" export --store "$1" --format nquads | sed -E 's/_:[A-Za-z0-9]+/_:b/g' | LC_ALL=C sort |
    md5sum | cut -c1-32
}
state() { echo "$(count "$1") $(dump "$1")"; }

# The command of each kind, on store $2. With EXEC=exec the (sub)shell becomes ckg, so that
# `$!` is ckg's own pid and `kill -9` reaches it, not a shell around it.
EXEC=
run_kind() {
  local kind=$1 st=$2
  case $kind in
    build) $EXEC "$CKG" build --data data --store "$st" ;;
    link) $EXEC "$CKG" link geonames --data data --dump "$DUMP" --admin1 "$ADMIN1" --store "$st" ;;
    import) $EXEC "$CKG" import acled events.csv --data data --store "$st" ;;
    reimport) $EXEC "$CKG" import acled events-half.csv --name events --data data --store "$st" ;;
  esac
}

# Reference stores: the state before and after each kind, and how long a whole run takes.
"$CKG" build --data data_minus --store before-build > /dev/null
"$CKG" build --data data --store before-link > /dev/null
cp -a before-link before-import
cp -a before-link before-reimport
"$CKG" import acled events.csv --data data --store before-reimport > /dev/null
declare -A BEFORE AFTER SECS
for kind in build link import reimport; do
  rm -rf ref ref.*
  cp -a "before-$kind" ref
  BEFORE[$kind]=$(state ref)
  start=$(date +%s.%N)
  run_kind "$kind" ref > /dev/null 2>&1
  SECS[$kind]=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
  AFTER[$kind]=$(state ref)
  if [ "${BEFORE[$kind]}" = "${AFTER[$kind]}" ]; then
    echo "setup: $kind changes nothing, a trial could not tell before from after" >&2
    exit 1
  fi
  echo "reference $kind: ${SECS[$kind]} s; before ${BEFORE[$kind]% *} quads, after ${AFTER[$kind]% *}"
done

kinds=(build link import reimport)
declare -A TRIALS KILLED BEFORE_N AFTER_N
failed=0
printf '%-6s %-9s %8s %6s %-7s %s\n' trial kind kill_at rc state rerun
for i in $(seq 1 "$N"); do
  kind=${kinds[$(((i - 1) % 4))]}
  rm -rf st st.*
  cp -a "before-$kind" st
  # A random moment in [0, 1.1 × the run time].
  at=$(awk -v s="${SECS[$kind]}" -v r="$RANDOM" 'BEGIN { printf "%.3f", s * 1.1 * r / 32767 }')
  (EXEC=exec run_kind "$kind" st > /dev/null 2>&1) &
  pid=$!
  sleep "$at"
  kill -9 "$pid" 2> /dev/null || true
  rc=0
  wait "$pid" 2> /dev/null || rc=$?
  now=$(state st 2> /dev/null || echo "unreadable")
  if [ "$now" = "${BEFORE[$kind]}" ]; then
    what=before
    BEFORE_N[$kind]=$((${BEFORE_N[$kind]:-0} + 1))
  elif [ "$now" = "${AFTER[$kind]}" ]; then
    what=after
    AFTER_N[$kind]=$((${AFTER_N[$kind]:-0} + 1))
  else
    what="BETWEEN($now)"
  fi
  rerun=ok
  if ! run_kind "$kind" st > rerun.log 2>&1; then
    rerun="FAILED: $(tail -n 1 rerun.log)"
  elif [ "$(state st)" != "${AFTER[$kind]}" ]; then
    rerun="WRONG STATE: $(state st)"
  fi
  TRIALS[$kind]=$((${TRIALS[$kind]:-0} + 1))
  [ "$rc" = 137 ] && KILLED[$kind]=$((${KILLED[$kind]:-0} + 1))
  printf '%-6s %-9s %8s %6s %-7s %s\n' "$i" "$kind" "$at" "$rc" "$what" "$rerun"
  if [[ $what == BETWEEN* ]] || [ "$rerun" != ok ]; then failed=$((failed + 1)); fi
done

echo
for kind in "${kinds[@]}"; do
  t=${TRIALS[$kind]:-0}
  [ "$t" = 0 ] && continue
  echo "$kind: $t trials, ${KILLED[$kind]:-0} killed mid-run (rc 137), ${BEFORE_N[$kind]:-0} before, ${AFTER_N[$kind]:-0} after"
done
echo "crash trials: $N, failed: $failed ($(date -u +%Y-%m-%d), rows $ROWS)"
[ "$failed" = 0 ]
