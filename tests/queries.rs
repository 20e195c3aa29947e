//! Every named query in `queries/` runs on the graph built from `data/` and gives its
//! checked-in answer (`queries/expected/<name>.tsv`, SPARQL TSV, so datatypes are compared too).
//! `CKG_BLESS=1 cargo test --release --test queries` rewrites the answers; review the diff.

mod common;

use common::*;
use conflict_kg::query::{self, OutputFormat};
use conflict_kg::rdf::Base;
use std::path::PathBuf;

fn query_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

#[test]
fn there_are_at_least_ten_named_queries_each_saying_what_it_answers() {
    let files = query_files();
    assert!(files.len() >= 10, "only {} queries", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            text.starts_with('#'),
            "{} must open with a comment saying what it answers",
            f.display()
        );
        assert!(
            text.contains("ORDER BY") || text.contains("ASK"),
            "{} needs ORDER BY for a stable answer",
            f.display()
        );
    }
}

#[test]
fn every_query_gives_its_expected_answer() {
    let store = built_store();
    let base = Base::default();
    let bless = std::env::var_os("CKG_BLESS").is_some();
    let mut failures = Vec::new();
    for f in query_files() {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        let results = query::run(store.inner(), &text, &f.display().to_string(), &base)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        query::write_results(results, OutputFormat::Tsv, &base, &mut out).unwrap();
        let actual = String::from_utf8(out).unwrap();
        let expected_path = repo().join("queries/expected").join(format!("{name}.tsv"));
        if bless {
            std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{name}: answer differs\n--- expected\n{expected}--- actual\n{actual}"
            )),
            Err(e) => failures.push(format!("{name}: {}: {e}", expected_path.display())),
        }
        assert!(
            actual.lines().count() > 1,
            "{name} returns no rows: a query that answers nothing tests nothing"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
