#!/usr/bin/env bash
# Property tests of the readers of outside input (crates/conflict-kg/src/proptests.rs), many
# cases: data TOML (two files), ACLED and UCDP rows, GeoNames dump and admin rows, Wikidata
# JSON/TSV/CSV results and entity dump lines, the --names TSV (11 readers in all).
#
# usage: bench/proptest.sh [CASES]   cases per reader (default 1000000 / 11, a million in all)
# `cargo test` runs 500 per reader (5,500 in all); CKG_PROPTEST_CASES is the knob either way.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-90910}
start=$(date +%s)
CKG_PROPTEST_CASES=$CASES cargo test --release -p conflict-kg --lib proptests -- --test-threads 2
echo "property tests: $CASES cases per reader, $((CASES * 11)) in all, $(($(date +%s) - start)) s ($(date -u +%Y-%m-%d))"
