#!/usr/bin/env bash
# Property tests of the readers of outside input (crates/conflict-kg/src/proptests.rs), many
# cases: data TOML (two files), ACLED and UCDP rows, GeoNames dump and admin rows, Wikidata
# JSON/TSV/CSV results and entity dump lines, the --names TSV (11 readers in all).
#
# usage: bench/proptest.sh [CASES]   cases per reader (default 90910: a million in all)
# `cargo test` runs 500 per reader (5,500 in all); CKG_PROPTEST_CASES is the knob either way.
# The test binary is built, then run directly (so cargo's build lock is not held meanwhile).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-90910}
bin=$(cargo test --release -p conflict-kg --lib --no-run 2>&1 |
  grep -o 'target/release/deps/conflict_kg-[0-9a-f]*' | head -n 1)
start=$(date +%s)
CKG_PROPTEST_CASES=$CASES "$bin" proptests --test-threads 2
echo "property tests: $CASES cases per reader, $((CASES * 11)) in all, $(($(date +%s) - start)) s ($(date -u +%Y-%m-%d))"
