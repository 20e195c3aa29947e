//! The ontology and the code agree: every `ckg:` term and concept the code can write is declared
//! in `ontology/ckg.ttl` with an English label and comment; the shapes parse.

use conflict_kg::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Term};

fn parse(path: &str) -> Vec<Quad> {
    let text = std::fs::read_to_string(crate::common::repo().join(path)).unwrap();
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn code_terms() -> Vec<&'static str> {
    use vocab::term::*;
    let mut all = vec![
        INCIDENT,
        ACTOR,
        PERSON,
        PLACE,
        SOURCE,
        REPORT,
        CLAIM,
        CASUALTY_CLAIM,
        RESPONSIBILITY_CLAIM,
        CONTROL_CLAIM,
        PRESENCE_CLAIM,
        STRENGTH_CLAIM,
        EVENT_TYPE,
        PERPETRATOR,
        PERPETRATOR_KNOWN,
        TARGET,
        PLACE_PROP,
        LOCATION_QUALIFIER,
        START_DATE,
        END_DATE,
        DATE_PRECISION,
        DATE_TEXT,
        DESCRIBED_IN,
        SUMMARY,
        SUB_EVENT_OF,
        ABOUT_INCIDENT,
        CLAIMED_BY,
        REPORTED_IN,
        EVIDENCE,
        STATED_ON,
        INCIDENT_LINKED_BY,
        INCIDENT_LINK_EVIDENCE,
        CASUALTY_TYPE,
        CASUALTY_GROUP,
        MIN_COUNT,
        MAX_COUNT,
        CLAIMED_PERPETRATOR,
        ABOUT_ACTOR,
        ABOUT_PLACE,
        ACTOR_CATEGORY,
        PART_OF,
        ALLIED_WITH,
        COUNTRY,
        RANK,
        MEMBER_OF,
        SOURCE_TYPE,
        PLACE_TYPE,
        WITHIN,
        CITES,
        DATELINE,
        ACLED_EVENT_TYPE,
        ACLED_SUB_EVENT_TYPE,
        ACLED_INTER_CODE,
        EVENT_TYPE_SCHEME,
        ACTOR_CATEGORY_SCHEME,
        PLACE_TYPE_SCHEME,
        SOURCE_TYPE_SCHEME,
        DATE_PRECISION_SCHEME,
        CASUALTY_TYPE_SCHEME,
        GAZETTEER_MATCH,
        LINKED_RESOURCE,
        GAZETTEER_ENTRY,
        MATCH_SCORE,
        MATCHED_NAME,
        MATCH_METHOD,
        PARTICIPANT,
        GEO_PRECISION,
        RECORDED_IN,
        DATASET_ID,
        BEST_COUNT,
        SOURCE_NOTE,
        // Seed fidelity (issue 11).
        OCCURRENCE_CLAIM,
        RELATION_CLAIM,
        CURATED_FACT,
        VIA,
        VOICED_BY,
        SPEAKS_FOR,
        BASED_ON,
        PART_OF_FIGURE,
        HELD_UNTIL,
        HEDGE,
        INCIDENT_LINK_HEDGE,
        QUANTITY_TEXT,
        PLACE_QUALIFIER,
        OVERLAPS,
        BASED_IN,
        COMPRISES,
        CLAIMED_RELATION,
        RELATED_ACTOR,
        BACKED_BY,
        ORIGIN,
        CURATED_RESOURCE,
        CURATED_PROPERTY,
        HEDGE_SCHEME,
    ];
    all.extend(vocab::EVENT_TYPES.iter().map(|c| c.local));
    all.extend(vocab::ACTOR_CATEGORIES.iter().map(|c| c.local));
    for table in [
        vocab::PLACE_TYPES,
        vocab::SOURCE_TYPES,
        vocab::DATE_PRECISIONS,
        vocab::CASUALTY_TYPES,
        vocab::HEDGES,
        vocab::RELATIONS,
    ] {
        all.extend(table.iter().map(|c| c.local));
    }
    all
}

fn has_english(quads: &[Quad], s: &NamedNode, p: &str) -> bool {
    quads.iter().any(|q| {
        q.subject == s.clone().into()
            && q.predicate.as_str() == p
            && matches!(&q.object, Term::Literal(l) if l.language() == Some("en") && !l.value().trim().is_empty())
    })
}

#[test]
fn every_term_the_code_writes_is_declared_with_label_and_comment() {
    let quads = parse("ontology/ckg.ttl");
    let mut missing = Vec::new();
    for local in code_terms() {
        let s = NamedNode::new(vocab::ckg(local)).unwrap();
        for p in [
            "http://www.w3.org/2000/01/rdf-schema#label",
            "http://www.w3.org/2000/01/rdf-schema#comment",
        ] {
            if !has_english(&quads, &s, p) {
                missing.push(format!("ckg:{local} lacks {p}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The `pub const X: &str = "…"` names of `vocab::term`, read from the source so a term added
/// there without being listed in `code_terms` is still checked.
fn term_module_constants() -> Vec<String> {
    let text =
        std::fs::read_to_string(crate::common::repo().join("crates/conflict-kg/src/vocab.rs"))
            .unwrap();
    let start = text
        .find("pub mod term {")
        .expect("vocab.rs has `pub mod term`");
    let body = &text[start..];
    let end = body.find("\n}\n").expect("the term module ends");
    body[..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("pub const ")?;
            let value = rest.split_once("= \"")?.1.strip_suffix("\";")?;
            Some(value.to_string())
        })
        .collect()
}

#[test]
fn every_constant_of_the_term_module_is_declared_and_listed() {
    let quads = parse("ontology/ckg.ttl");
    let listed = code_terms();
    let constants = term_module_constants();
    assert!(
        constants.len() > 80,
        "found only {} constants",
        constants.len()
    );
    let mut missing = Vec::new();
    for local in &constants {
        if !listed.contains(&local.as_str()) {
            missing.push(format!("ckg:{local} is not listed in code_terms()"));
        }
        let s = NamedNode::new(vocab::ckg(local)).unwrap();
        if !has_english(&quads, &s, "http://www.w3.org/2000/01/rdf-schema#label")
            || !has_english(&quads, &s, "http://www.w3.org/2000/01/rdf-schema#comment")
        {
            missing.push(format!(
                "ckg:{local} lacks an English label or comment in ckg.ttl"
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_ckg_term_used_in_the_ontology_is_labelled() {
    let quads = parse("ontology/ckg.ttl");
    let mut missing = Vec::new();
    for q in &quads {
        for t in [Term::from(q.subject.clone()), q.object.clone()] {
            if let Term::NamedNode(n) = t {
                if n.as_str().starts_with(vocab::CKG)
                    && !has_english(&quads, &n, "http://www.w3.org/2000/01/rdf-schema#label")
                {
                    missing.push(n.as_str().to_string());
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "unlabelled ckg terms: {missing:#?}");
}

#[test]
fn acled_mappings_in_the_ontology_match_the_code() {
    let quads = parse("ontology/ckg.ttl");
    for c in vocab::EVENT_TYPES {
        let s = NamedNode::new(vocab::ckg(c.local)).unwrap();
        let sub: Vec<String> = quads
            .iter()
            .filter(|q| {
                q.subject == s.clone().into()
                    && q.predicate.as_str() == vocab::ckg(vocab::term::ACLED_SUB_EVENT_TYPE)
            })
            .filter_map(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
            .collect();
        let expected: Vec<String> = c
            .acled_sub_event_type
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(sub, expected, "ckg:{} acledSubEventType", c.local);
    }
}

#[test]
fn shapes_parse_and_target_the_core_classes() {
    let quads = parse("ontology/shapes.ttl");
    for class in [
        "Incident",
        "CasualtyClaim",
        "ResponsibilityClaim",
        "OccurrenceClaim",
        "RelationClaim",
        "CuratedFact",
        "Actor",
        "Place",
        "Source",
        "Report",
    ] {
        let iri = vocab::ckg(class);
        assert!(
            quads.iter().any(
                |q| q.predicate.as_str() == "http://www.w3.org/ns/shacl#targetClass"
                    && matches!(&q.object, Term::NamedNode(n) if n.as_str() == iri)
            ),
            "no shape targets ckg:{class}"
        );
    }
}
