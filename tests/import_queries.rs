//! The queries of `queries/import/` that span curated and imported data run on the graph built
//! from `data/` plus the imported sample files (tests/fixtures/acled-sample.csv and
//! ucdp-sample.csv) and give their checked-in answers (`queries/import/expected/<name>.tsv`).
//! `CKG_BLESS=1 cargo test --release --test import_queries` rewrites the answers; review the diff.

mod common;

use common::*;
use conflict_kg::import::{self, DatasetKind, Options, Silent, Target, reconcile::Reference};
use conflict_kg::pipeline;
use conflict_kg::query::{self, OutputFormat};
use conflict_kg::rdf::Base;
use conflict_kg::store::KgStore;
use std::path::{Path, PathBuf};

fn query_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("queries/import"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

/// A store with the curated data and both sample files imported, through the library.
fn store_with_imports(dir: &Path) -> PathBuf {
    let path = dir.join("store");
    let base = Base::default();
    {
        let store = KgStore::open(&path).unwrap();
        let model = pipeline::load(&data_dir()).unwrap();
        pipeline::build_into(&store, &model, &base, || {}).unwrap();
    }
    let reference = Reference::load(&data_dir()).unwrap();
    for (kind, file) in [
        (DatasetKind::Acled, "acled-sample.csv"),
        (DatasetKind::Ucdp, "ucdp-sample.csv"),
    ] {
        let input = repo().join("tests/fixtures").join(file);
        let options = Options {
            kind,
            name: import::default_name(&input).unwrap(),
            rejects: import::default_rejects_path(&input),
            input,
            base: base.clone(),
            skip_bad_rows: false,
        };
        let target = Target::Store {
            path: &path,
            max_memory_mb: 64,
            before_publish: &|| {},
        };
        import::import(&options, &reference, target, &Silent).unwrap();
    }
    path
}

#[test]
fn there_are_import_queries_each_saying_what_it_answers() {
    let files = query_files();
    assert!(files.len() >= 3, "only {} queries", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            text.starts_with('#'),
            "{} must open with a comment",
            f.display()
        );
        assert!(text.contains("ORDER BY"), "{} needs ORDER BY", f.display());
    }
}

#[test]
fn every_import_query_gives_its_expected_answer_on_curated_plus_imported_data() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
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
        let expected_path = repo()
            .join("queries/import/expected")
            .join(format!("{name}.tsv"));
        assert!(
            actual.lines().count() > 1,
            "{name} returns no rows: a query that answers nothing tests nothing"
        );
        if bless {
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
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_curated_mayadeen_attack_is_matched_with_both_datasets_records_of_it() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    let base = Base::default();
    let text =
        std::fs::read_to_string(repo().join("queries/import/incidents-near-curated-incidents.rq"))
            .unwrap();
    let results = query::run(store.inner(), &text, "near", &base).unwrap();
    let mut out = Vec::new();
    query::write_results(results, OutputFormat::Tsv, &base, &mut out).unwrap();
    let answer = String::from_utf8(out).unwrap();
    let mayadeen: Vec<&str> = answer
        .lines()
        .filter(|l| {
            l.starts_with("<https://w3id.org/conflict-kg/id/incident/2018-05-23-mayadeen-attack>")
        })
        .collect();
    assert!(
        mayadeen
            .iter()
            .any(|l| l.contains("incident/acled-SYR21871>"))
    );
    assert!(mayadeen.iter().any(|l| l.contains("incident/ucdp-278001>")));
    // Both sides' figures: the Observatory's 35 and ACLED's 47.
    assert!(
        mayadeen
            .iter()
            .any(|l| l.contains("source/sohr: 35–35") && l.contains("source/acled: 47–47"))
    );
    // The Homs event on the same day is 300 km away: not near Mayadeen.
    assert!(!mayadeen.iter().any(|l| l.contains("acled-SYR21872")));
}
