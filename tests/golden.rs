//! The graph built from `data/` against the checked-in `tests/golden/graph.trig`, compared by
//! isomorphism (sophia), not by text. `CKG_BLESS=1 cargo test --release --test golden`
//! rewrites the golden file after an intended change; review its diff before committing.

use crate::common::*;
use conflict_kg::ExportFormat;

const GOLDEN: &str = "tests/golden/graph.trig";

#[test]
fn graph_built_from_data_is_isomorphic_to_the_golden_file() {
    let store = built_store();
    let golden_path = repo().join(GOLDEN);
    if std::env::var_os("CKG_BLESS").is_some() {
        std::fs::write(
            &golden_path,
            export_string(&store, ExportFormat::TriG, None),
        )
        .unwrap();
        eprintln!("blessed {GOLDEN}");
        return;
    }
    let golden = std::fs::read_to_string(&golden_path)
        .unwrap_or_else(|e| panic!("{GOLDEN}: {e}; create it with CKG_BLESS=1"));
    let expected = sophia_trig(&golden);
    let actual = sophia_nquads(&nquads(&store));
    assert!(
        isomorphic(&expected, &actual),
        "the graph built from data/ differs from {GOLDEN}; if the change is intended, run \
         `CKG_BLESS=1 cargo test --release --test golden` and review the diff"
    );
}

#[test]
fn rebuilding_gives_exactly_the_same_quads() {
    // Not only isomorphic: the same quads, blank-node names included (the ontology's blank
    // nodes are renamed deterministically), so a rebuild never churns the store.
    let sorted = |text: String| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let a = sorted(nquads(&built_store()));
    let b = sorted(nquads(&built_store()));
    assert!(a.len() > 1000);
    assert_eq!(a, b);
}

#[test]
fn golden_comparison_fails_when_a_fact_is_lost() {
    // The comparison itself must be able to fail: drop one triple and it no longer matches.
    let store = built_store();
    let text = nquads(&store);
    let fewer: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    assert!(!isomorphic(&sophia_nquads(&text), &sophia_nquads(&fewer)));
}
