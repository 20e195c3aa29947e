//! Geography in queries: with the seed places linked to the shipped GeoNames extract, the named
//! queries of `queries/geo/` (GeoSPARQL `geof:distance`, governorates with their GeoNames ids,
//! incident coordinates) give their checked-in answers (`queries/geo/expected/<name>.tsv`).
//! `CKG_BLESS=1 cargo test --release --test geo` rewrites them; review the diff.

mod common;

use common::*;
use conflict_kg::query::{self, OutputFormat};
use conflict_kg::rdf::Base;
use std::path::PathBuf;

fn geo_queries() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("queries/geo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_geo_query_gives_its_expected_answer_on_the_linked_graph() {
    let store = linked_store();
    let base = Base::default();
    let bless = std::env::var_os("CKG_BLESS").is_some();
    let files = geo_queries();
    assert!(files.len() >= 3);
    let mut failures = Vec::new();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(text.starts_with('#') && text.contains("ORDER BY"), "{name}");
        let results = query::run(store.inner(), &text, &f.display().to_string(), &base)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        query::write_results(results, OutputFormat::Tsv, &base, &mut out).unwrap();
        let actual = String::from_utf8(out).unwrap();
        assert!(actual.lines().count() > 1, "{name} returns no rows");
        let expected_path = repo()
            .join("queries/geo/expected")
            .join(format!("{name}.tsv"));
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
fn mayadeen_is_within_50_km_of_deir_ez_zor_and_damascus_is_not() {
    let store = linked_store();
    let base = Base::default();
    let text =
        std::fs::read_to_string(repo().join("queries/geo/incidents-within-50km-of-deir-ez-zor.rq"))
            .unwrap();
    let results = query::run(store.inner(), &text, "test", &base).unwrap();
    let mut out = Vec::new();
    query::write_results(results, OutputFormat::Csv, &base, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("/incident/2018-05-23-mayadeen-attack"),
        "{out}"
    );
    assert!(!out.contains("damascus"), "{out}");
}
