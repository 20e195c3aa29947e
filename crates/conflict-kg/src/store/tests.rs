//! The store's unit tests: staging on both paths, swaps, locks, summaries.

use super::*;
use oxigraph::model::{Literal, QuadRef};

fn quad(graph: &NamedNode, s: &str) -> Quad {
    let p = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
    Quad::new(
        NamedNode::new_unchecked(s),
        p,
        Literal::new_simple_literal("x"),
        graph.clone(),
    )
}

#[test]
fn a_staged_copy_without_a_graph_is_the_same_whether_rebuilt_or_checkpointed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = KgStore::open(&path).unwrap();
    let small = NamedNode::new_unchecked("http://e/g/small");
    let big = NamedNode::new_unchecked("http://e/g/big");
    let default = Quad::new(
        NamedNode::new_unchecked("http://e/d"),
        NamedNode::new_unchecked("http://e/p"),
        Literal::new_simple_literal("d"),
        oxigraph::model::GraphName::DefaultGraph,
    );
    store.inner().insert(&default).unwrap();
    for i in 0..3 {
        store
            .inner()
            .insert(&quad(&small, &format!("http://e/s{i}")))
            .unwrap();
    }
    for i in 0..10 {
        store
            .inner()
            .insert(&quad(&big, &format!("http://e/b{i}")))
            .unwrap();
    }
    let contents = |s: &Store| {
        let mut quads: Vec<String> = s.iter().map(|q| q.unwrap().to_string()).collect();
        quads.sort();
        quads
    };
    let all = contents(store.inner());
    let without = |g: &NamedNode| -> Vec<String> {
        all.iter()
            .filter(|q| !q.ends_with(&format!("{g} .")) && !q.ends_with(&format!("{g}")))
            .cloned()
            .collect()
    };
    // `big` is most of the store: the copy is rebuilt from the other graphs.
    let (staging, replaced) = store.stage_without(&big, 64).unwrap();
    assert_eq!(replaced, 10);
    assert_eq!(contents(staging.inner()), without(&big));
    assert!(!staging.inner().contains_named_graph(&big).unwrap());
    assert!(staging.inner().contains_named_graph(&small).unwrap());
    drop(staging);
    // `small` is not: the copy is a checkpoint with it removed.
    let (staging, replaced) = store.stage_without(&small, 64).unwrap();
    assert_eq!(replaced, 3);
    assert_eq!(contents(staging.inner()), without(&small));
    assert!(!staging.inner().contains_named_graph(&small).unwrap());
    assert_eq!(contents(staging.inner()).len(), 11);
}

#[test]
fn replacing_curated_graphs_keeps_other_graphs_and_drops_stale_reports() {
    let base = Base::default();
    let store = KgStore::in_memory().unwrap();
    let link = base.link_graph(crate::gazetteer::GazetteerKind::GeoNames);
    let stale = base.report_graph("gone");
    store
        .inner()
        .insert(QuadRef::from(&quad(&link, "http://e/linked")))
        .unwrap();
    store
        .inner()
        .insert(QuadRef::from(&quad(&stale, "http://e/stale")))
        .unwrap();

    let fresh = base.report_graph("r");
    store
        .replace_curated(&base, &[quad(&fresh, "http://e/new")], || {})
        .unwrap();

    assert_eq!(
        store.graph_len(&link).unwrap(),
        1,
        "a link graph survives a build"
    );
    assert_eq!(
        store.graph_len(&stale).unwrap(),
        0,
        "a report no longer in data/ is dropped"
    );
    assert!(!store.inner().contains_named_graph(&stale).unwrap());
    assert_eq!(store.graph_len(&fresh).unwrap(), 1);
}

#[test]
fn opening_a_missing_store_read_only_says_to_build_first() {
    let dir = tempfile::tempdir().unwrap();
    let err = KgStore::open_read_only(&dir.path().join("none"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("run `ckg build` first"));
}

fn store_with_one_quad(path: &Path) {
    let s = KgStore::open(path).unwrap();
    let ex = NamedNode::new("http://example.com/s").unwrap();
    s.inner()
        .insert(QuadRef::new(&ex, &ex, &Literal::from("v"), &ex))
        .unwrap();
    s.inner().flush().unwrap();
}

#[test]
fn a_swap_killed_between_its_two_renames_is_undone_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    store_with_one_quad(&path);
    // The fallback swap renamed the store aside and died before putting the copy in place.
    std::fs::rename(&path, sibling(&path, "old")).unwrap();
    let s = KgStore::open(&path).unwrap();
    assert_eq!(s.inner().len().unwrap(), 1);
    assert!(!sibling(&path, "old").exists());
}

#[test]
fn a_staged_copy_changes_nothing_until_published_and_vanishes_if_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    store_with_one_quad(&path);
    let g = NamedNode::new("http://example.com/s").unwrap();
    let store = KgStore::open(&path).unwrap();
    let staging = store.stage().unwrap();
    assert_eq!(staging.remove_graph(&g).unwrap(), 1);
    assert_eq!(
        store.inner().len().unwrap(),
        1,
        "the store saw the staged change"
    );
    let staged_path = staging.path().to_path_buf();
    drop(staging);
    assert!(!staged_path.exists());
    // Published, the change replaces the store.
    let staging = store.stage().unwrap();
    staging.remove_graph(&g).unwrap();
    staging.publish(store).unwrap();
    let reopened = KgStore::open(&path).unwrap();
    assert_eq!(reopened.inner().len().unwrap(), 0);
    assert!(!staged_path.exists());
}

#[test]
fn a_second_writer_is_told_the_store_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _first = KgStore::open(&path).unwrap();
    assert!(matches!(
        KgStore::open(&path),
        Err(StoreError::InUse { .. })
    ));
}
