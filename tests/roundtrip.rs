//! Export → re-parse → isomorphic, for every export format. Turtle, TriG, N-Triples and N-Quads
//! are re-read by sophia (a parser independent of the oxigraph that wrote them); JSON-LD by
//! oxigraph's JSON-LD parser, then compared by sophia.

use crate::common::*;
use conflict_kg::Base;
use conflict_kg::ExportFormat;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use sophia::api::prelude::*;
use sophia::inmem::graph::LightGraph;

/// The union of all graphs of an N-Quads text, as an N-Triples text.
fn union_ntriples(nquads: &str) -> String {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_bytes()) {
        w.serialize_triple(q.unwrap().as_ref()).unwrap();
    }
    String::from_utf8(w.finish().unwrap()).unwrap()
}

fn sophia_graph_nt(text: &str) -> LightGraph {
    sophia::turtle::parser::nt::parse_str(text)
        .collect_triples()
        .unwrap()
}

fn iso_graphs(a: &LightGraph, b: &LightGraph) -> bool {
    sophia::isomorphism::isomorphic_graphs(a, b).unwrap()
}

#[test]
fn trig_and_nquads_round_trip_the_whole_dataset() {
    let store = built_store();
    let expected = sophia_nquads(&nquads(&store));
    let trig = export_string(&store, ExportFormat::TriG, None);
    assert!(isomorphic(&expected, &sophia_trig(&trig)), "TriG");
    let nq = export_string(&store, ExportFormat::NQuads, None);
    assert!(isomorphic(&expected, &sophia_nquads(&nq)), "N-Quads");
}

#[test]
fn turtle_and_ntriples_round_trip_the_union_of_all_graphs() {
    let store = built_store();
    let expected = sophia_graph_nt(&union_ntriples(&nquads(&store)));
    let ttl = export_string(&store, ExportFormat::Turtle, None);
    let parsed: LightGraph = sophia::turtle::parser::turtle::parse_str(&ttl)
        .collect_triples()
        .unwrap();
    assert!(iso_graphs(&expected, &parsed), "Turtle");
    let nt = export_string(&store, ExportFormat::NTriples, None);
    assert!(iso_graphs(&expected, &sophia_graph_nt(&nt)), "N-Triples");
}

#[test]
fn one_graph_exports_only_that_graph() {
    let store = built_store();
    let reference = Base::default().reference_graph();
    let ttl = export_string(&store, ExportFormat::Turtle, Some(&reference));
    let parsed: LightGraph = sophia::turtle::parser::turtle::parse_str(&ttl)
        .collect_triples()
        .unwrap();
    let n = store.graph_len(&reference).unwrap();
    assert!(n > 50);
    assert_eq!(parsed.triples().count(), n);
    assert!(
        !ttl.contains("ckg:CasualtyClaim"),
        "report content leaked into the reference graph export"
    );
}

#[test]
fn jsonld_round_trips_the_whole_dataset() {
    let store = built_store();
    let expected = sophia_nquads(&nquads(&store));
    let jsonld = export_string(&store, ExportFormat::JsonLd, None);
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in RdfParser::from_format(RdfFormat::JsonLd {
        profile: Default::default(),
    })
    .for_slice(jsonld.as_bytes())
    {
        w.serialize_quad(&q.expect("valid JSON-LD")).unwrap();
    }
    let reparsed = String::from_utf8(w.finish().unwrap()).unwrap();
    assert!(isomorphic(&expected, &sophia_nquads(&reparsed)), "JSON-LD");
}

#[test]
fn turtle_groups_each_subject_and_uses_folder_prefixes() {
    let store = built_store();
    let ttl = export_string(&store, ExportFormat::Turtle, None);
    assert!(!ttl.contains("\\/"), "no escaped slashes in prefixed names");
    // Grouped: each subject starts a statement once.
    let starts = ttl
        .lines()
        .filter(|l| l.starts_with("actor:islamic-state "))
        .count();
    assert_eq!(starts, 1, "actor:islamic-state should be one grouped block");
}
