//! Geography in queries: with the seed places linked to the shipped GeoNames extract, the named
//! queries of `queries/geo/` (GeoSPARQL `geof:distance`, governorates with their GeoNames ids,
//! incident coordinates) give their checked-in answers (`queries/geo/expected/<name>.tsv`).
//! `CKG_BLESS=1 cargo test --release --test geo` rewrites them; review the diff.

use crate::common::*;
use conflict_kg::OutputFormat;

#[test]
fn every_geo_query_gives_its_expected_answer_on_the_linked_graph() {
    check_expected_answers(&linked_store(), "queries/geo", 3);
}

#[test]
fn mayadeen_is_within_50_km_of_deir_ez_zor_and_damascus_is_not() {
    let text =
        std::fs::read_to_string(repo().join("queries/geo/incidents-within-50km-of-deir-ez-zor.rq"))
            .unwrap();
    let out = answer(&linked_store(), &text, "test", OutputFormat::Csv);
    assert!(
        out.contains("/incident/2018-05-23-mayadeen-attack"),
        "{out}"
    );
    assert!(!out.contains("damascus"), "{out}");
}
