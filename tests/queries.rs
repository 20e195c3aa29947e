//! Every named query in `queries/` runs on the graph built from `data/` and gives its
//! checked-in answer (`queries/expected/<name>.tsv`, SPARQL TSV, so datatypes are compared too).
//! `CKG_BLESS=1 cargo test --release --test queries` rewrites the answers; review the diff.

use crate::common::*;

#[test]
fn every_query_gives_its_expected_answer() {
    check_expected_answers(&built_store(), "queries", 10);
}
