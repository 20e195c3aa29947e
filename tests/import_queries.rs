//! The queries of `queries/import/` that span curated and imported data run on the graph built
//! from `data/` plus the imported sample files (tests/fixtures/acled-sample.csv and
//! ucdp-sample.csv) and give their checked-in answers (`queries/import/expected/<name>.tsv`).
//! `CKG_BLESS=1 cargo test --release --test import_queries` rewrites the answers; review the diff.

use crate::common::*;
use conflict_kg::Base;
use conflict_kg::KgStore;
use conflict_kg::OutputFormat;
use conflict_kg::import::{self, DatasetKind, Options, Reference, Silent, Target};
use std::path::{Path, PathBuf};

/// A store with the curated data and both sample files imported, through the library.
fn store_with_imports(dir: &Path) -> PathBuf {
    let path = dir.join("store");
    let base = Base::default();
    {
        let store = KgStore::open(&path).unwrap();
        let model = conflict_kg::load(&data_dir()).unwrap();
        conflict_kg::build_into(&store, &model, &base, || {}).unwrap();
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
fn every_import_query_gives_its_expected_answer_on_curated_plus_imported_data() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    check_expected_answers(&store, "queries/import", 3);
}

#[test]
fn the_curated_mayadeen_attack_is_matched_with_both_datasets_records_of_it() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    let text =
        std::fs::read_to_string(repo().join("queries/import/incidents-near-curated-incidents.rq"))
            .unwrap();
    let answer = answer(&store, &text, "near", OutputFormat::Tsv);
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

#[test]
fn the_analyst_versions_of_the_bench_queries_give_the_bench_queries_answers() {
    let dir = tempdir();
    let path = store_with_imports(dir.path());
    let store = KgStore::open_read_only(&path).unwrap();
    for name in [
        "counts-by-governorate-and-month",
        "events-involving-an-actor",
        "fatalities-by-actor-pair",
    ] {
        let read = |p: String| std::fs::read_to_string(repo().join(p)).unwrap();
        let plain = read(format!("bench/queries/{name}.rq"));
        let analyst = read(format!("queries/import/{name}.rq"));
        let expected = answer(&store, &plain, name, OutputFormat::Tsv);
        assert!(expected.lines().count() > 2, "{name}: answers too little");
        assert_eq!(
            answer(&store, &analyst, name, OutputFormat::Tsv),
            expected,
            "queries/import/{name}.rq"
        );
    }
}
