//! The ontology and the code agree: every `ckg:` term (`vocab::ckg::ALL`) and every concept the
//! code can write is declared in `ontology/ckg.ttl` with an English label and comment; each
//! concept scheme there holds exactly the concepts of its enum, in the enum's order, with the
//! enum's ACLED mappings; the shapes' allowed values are the enums'; the shapes parse.

use conflict_kg::vocab::{
    self, ActorCategory, CasualtyType, ConceptScheme, DatePrecision, EventType, Hedge, PlaceType,
    SourceType, ckg,
};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const SKOS_IN_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#inScheme";
const SKOS_HAS_TOP_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#hasTopConcept";
const SKOS_CONCEPT_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#ConceptScheme";
const SH_PATH: &str = "http://www.w3.org/ns/shacl#path";
const SH_IN: &str = "http://www.w3.org/ns/shacl#in";

fn parse(path: &str) -> Vec<Quad> {
    let text = std::fs::read_to_string(crate::common::repo().join(path)).unwrap();
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn concept_iris<C: ConceptScheme>() -> impl Iterator<Item = NamedNodeRef<'static>> {
    C::ALL.iter().map(|c| c.iri())
}

/// Every `ckg:` IRI the code can write: the terms and the concepts of the six schemes.
fn code_terms() -> Vec<NamedNodeRef<'static>> {
    let mut all = ckg::ALL.to_vec();
    all.extend(concept_iris::<EventType>());
    all.extend(concept_iris::<ActorCategory>());
    all.extend(concept_iris::<PlaceType>());
    all.extend(concept_iris::<SourceType>());
    all.extend(concept_iris::<DatePrecision>());
    all.extend(concept_iris::<CasualtyType>());
    all.extend(concept_iris::<Hedge>());
    all
}

fn has_english(quads: &[Quad], s: &NamedNode, p: &str) -> bool {
    quads.iter().any(|q| {
        q.subject == s.clone().into()
            && q.predicate.as_str() == p
            && matches!(&q.object, Term::Literal(l) if l.language() == Some("en") && !l.value().trim().is_empty())
    })
}

/// The objects of `subject predicate ?o`, in document order.
fn objects<'q>(quads: &'q [Quad], subject: &'q str, predicate: &'q str) -> Vec<&'q Term> {
    quads
        .iter()
        .filter(move |q| {
            matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == subject)
                && q.predicate.as_str() == predicate
        })
        .map(|q| &q.object)
        .collect()
}

fn literal_values(terms: &[&Term]) -> Vec<String> {
    terms
        .iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
        .collect()
}

fn iris(terms: &[&Term]) -> Vec<String> {
    terms
        .iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_term_the_code_writes_is_declared_with_label_and_comment() {
    let quads = parse("ontology/ckg.ttl");
    let mut missing = Vec::new();
    for term in code_terms() {
        let s = NamedNode::from(term);
        for p in [RDFS_LABEL, RDFS_COMMENT] {
            if !has_english(&quads, &s, p) {
                missing.push(format!("{term} lacks {p}"));
            }
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
                if n.as_str().starts_with(vocab::CKG) && !has_english(&quads, &n, RDFS_LABEL) {
                    missing.push(n.as_str().to_string());
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "unlabelled ckg terms: {missing:#?}");
}

/// The scheme's concepts in the ontology (by `skos:inScheme`, and its `skos:hasTopConcept` list
/// in order) are the enum's, in the enum's order.
fn check_scheme<C: ConceptScheme>(quads: &[Quad]) {
    let scheme = C::SCHEME.as_str();
    let wanted: Vec<String> = C::ALL
        .iter()
        .map(|c| c.iri().as_str().to_string())
        .collect();
    let mut in_scheme: Vec<String> = quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == SKOS_IN_SCHEME
                && matches!(&q.object, Term::NamedNode(n) if n.as_str() == scheme)
        })
        .map(|q| q.subject.to_string().trim_matches(['<', '>']).to_string())
        .collect();
    in_scheme.sort();
    let mut sorted = wanted.clone();
    sorted.sort();
    assert_eq!(in_scheme, sorted, "concepts with skos:inScheme <{scheme}>");
    assert_eq!(
        iris(&objects(quads, scheme, SKOS_HAS_TOP_CONCEPT)),
        wanted,
        "skos:hasTopConcept of <{scheme}>, in order"
    );
}

#[test]
fn each_concept_scheme_of_the_ontology_is_its_enum() {
    let quads = parse("ontology/ckg.ttl");
    check_scheme::<EventType>(&quads);
    check_scheme::<ActorCategory>(&quads);
    check_scheme::<PlaceType>(&quads);
    check_scheme::<SourceType>(&quads);
    check_scheme::<DatePrecision>(&quads);
    check_scheme::<CasualtyType>(&quads);
    check_scheme::<Hedge>(&quads);
    // …and the ontology has no scheme without an enum.
    let mut declared: Vec<String> = quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == RDF_TYPE
                && matches!(&q.object, Term::NamedNode(n) if n.as_str() == SKOS_CONCEPT_SCHEME)
        })
        .map(|q| q.subject.to_string().trim_matches(['<', '>']).to_string())
        .collect();
    declared.sort();
    let mut schemes: Vec<String> = [
        EventType::SCHEME,
        ActorCategory::SCHEME,
        PlaceType::SCHEME,
        SourceType::SCHEME,
        DatePrecision::SCHEME,
        CasualtyType::SCHEME,
        Hedge::SCHEME,
    ]
    .iter()
    .map(|s| s.as_str().to_string())
    .collect();
    schemes.sort();
    assert_eq!(declared, schemes, "skos:ConceptSchemes of ckg.ttl");
}

#[test]
fn acled_mappings_in_the_ontology_match_the_code() {
    let quads = parse("ontology/ckg.ttl");
    for c in EventType::ALL {
        let s = c.iri().as_str();
        assert_eq!(
            literal_values(&objects(&quads, s, ckg::ACLED_EVENT_TYPE.as_str())),
            c.acled_event_type()
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            "ckg:{} acledEventType",
            c.local()
        );
        assert_eq!(
            literal_values(&objects(&quads, s, ckg::ACLED_SUB_EVENT_TYPE.as_str())),
            c.acled_sub_event_type()
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            "ckg:{} acledSubEventType",
            c.local()
        );
    }
    for c in ActorCategory::ALL {
        assert_eq!(
            literal_values(&objects(
                &quads,
                c.iri().as_str(),
                ckg::ACLED_INTER_CODE.as_str()
            )),
            c.acled_inter()
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>(),
            "ckg:{} acledInterCode",
            c.local()
        );
    }
}

/// Every `sh:in` list of the property shapes on `path`, as IRIs.
fn allowed_values(quads: &[Quad], path: NamedNodeRef<'_>) -> Vec<Vec<String>> {
    let shapes = quads.iter().filter(|q| {
        q.predicate.as_str() == SH_PATH
            && matches!(&q.object, Term::NamedNode(n) if n.as_ref() == path)
    });
    let mut lists = Vec::new();
    for shape in shapes {
        let Some(mut node) = quads
            .iter()
            .find(|q| q.subject == shape.subject && q.predicate.as_str() == SH_IN)
            .map(|q| q.object.clone())
        else {
            continue;
        };
        let mut list = Vec::new();
        while let Term::BlankNode(b) = &node {
            let next = |p: &str| {
                quads
                    .iter()
                    .find(|q| q.subject == b.clone().into() && q.predicate.as_str() == p)
                    .map(|q| q.object.clone())
                    .unwrap_or_else(|| panic!("a broken sh:in list on {path}"))
            };
            if let Term::NamedNode(n) = next(RDF_FIRST) {
                list.push(n.as_str().to_string());
            }
            node = next(RDF_REST);
        }
        lists.push(list);
    }
    lists
}

fn check_shape<C: ConceptScheme>(quads: &[Quad], path: NamedNodeRef<'_>) -> Vec<Vec<String>> {
    let wanted: Vec<String> = C::ALL
        .iter()
        .map(|c| c.iri().as_str().to_string())
        .collect();
    let mut lists = allowed_values(quads, path);
    let before = lists.len();
    lists.retain(|l| l != &wanted);
    assert_eq!(
        before - lists.len(),
        1,
        "shapes.ttl: one sh:in on {path} listing exactly {wanted:?}"
    );
    lists
}

#[test]
fn the_shapes_allow_exactly_the_concepts_of_each_scheme() {
    let quads = parse("ontology/shapes.ttl");
    check_shape::<EventType>(&quads, ckg::EVENT_TYPE);
    check_shape::<ActorCategory>(&quads, ckg::ACTOR_CATEGORY);
    check_shape::<SourceType>(&quads, ckg::SOURCE_TYPE);
    check_shape::<DatePrecision>(&quads, ckg::DATE_PRECISION);
    check_shape::<CasualtyType>(&quads, ckg::CASUALTY_TYPE);
    check_shape::<Hedge>(&quads, ckg::HEDGE);
    check_shape::<Hedge>(&quads, ckg::INCIDENT_LINK_HEDGE);
    // Place types: the full list, and the types that need no `ckg:within`.
    let rest = check_shape::<PlaceType>(&quads, ckg::PLACE_TYPE);
    let mut standalone: Vec<String> = PlaceType::ALL
        .iter()
        .filter(|t| !t.needs_within())
        .map(|t| t.iri().as_str().to_string())
        .collect();
    standalone.sort();
    let rest: Vec<Vec<String>> = rest
        .into_iter()
        .map(|mut l| {
            l.sort();
            l
        })
        .collect();
    assert_eq!(
        rest,
        [standalone],
        "shapes.ttl: the place types that need no ckg:within (PlaceType::needs_within)"
    );
}

#[test]
fn shapes_parse_and_target_the_core_classes() {
    let quads = parse("ontology/shapes.ttl");
    for class in [
        ckg::INCIDENT,
        ckg::CASUALTY_CLAIM,
        ckg::RESPONSIBILITY_CLAIM,
        ckg::ACTOR,
        ckg::PLACE,
        ckg::SOURCE,
        ckg::REPORT,
    ] {
        assert!(
            quads.iter().any(
                |q| q.predicate.as_str() == "http://www.w3.org/ns/shacl#targetClass"
                    && matches!(&q.object, Term::NamedNode(n) if n.as_ref() == class)
            ),
            "no shape targets {class}"
        );
    }
}
