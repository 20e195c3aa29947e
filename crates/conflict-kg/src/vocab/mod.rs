//! The vocabulary, typed: every namespace, prefix and instance folder, every `ckg:` term and
//! every standard term the code writes as a `NamedNodeRef<'static>` constant (`ckg::INCIDENT`,
//! `skos::ALT_LABEL`, `geosparql::HAS_GEOMETRY`…), and the six SKOS concept schemes as enums
//! (`concepts`) with their dataset mappings (`acled`, `ucdp`). Instance IRIs are minted by
//! `crate::iri`, from the folders named here.
//!
//! Terms are declared with `namespace!`, which also lists them (`ckg::ALL`) and generates one
//! IRI-validity test per term, as sophia's `namespace!` does. Invariant: every `ckg:` term and
//! concept is declared in `ontology/ckg.ttl` with an English label and comment, and the concept
//! schemes there hold exactly the enums' concepts (checked by `tests/ontology.rs`), so code and
//! ontology cannot drift apart.

/// The `ckg:` namespace as a literal, so `concat!` can build term and concept IRIs at compile
/// time. [`CKG`] and [`ckg::NAMESPACE`] are this string.
macro_rules! ckg_namespace {
    () => {
        "https://w3id.org/conflict-kg/ontology#"
    };
}

/// Declares a namespace module: `NAMESPACE`, one `NamedNodeRef<'static>` constant per term,
/// `ALL` (every term, in declaration order) and, under `cfg(test)`, one test per term checking
/// that its IRI is valid, plus one checking that no two terms share an IRI.
///
/// ```text
/// namespace! {
///     /// doc of the module
///     pub mod ckg (ckg) = "https://w3id.org/conflict-kg/ontology#";
///     /// doc of the term
///     INCIDENT = "Incident";
/// }
/// ```
macro_rules! namespace {
    (
        $(#[$meta:meta])*
        pub mod $module:ident ($prefix:literal) = $namespace:expr;
        $( $(#[$term_meta:meta])* $term:ident = $local:literal; )*
    ) => {
        $(#[$meta])*
        pub mod $module {
            use oxigraph::model::NamedNodeRef;

            /// The namespace IRI: every term of this module is it followed by a local name.
            pub const NAMESPACE: &str = $namespace;

            $(
                #[doc = concat!("`", $prefix, ":", $local, "`.")]
                $(#[$term_meta])*
                pub const $term: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($namespace, $local));
            )*

            /// Every term of this module, in declaration order.
            pub const ALL: &[NamedNodeRef<'static>] = &[$($term),*];

            #[cfg(test)]
            mod tests {
                #[test]
                fn no_two_terms_share_an_iri() {
                    let mut seen = std::collections::HashSet::new();
                    for term in super::ALL {
                        assert!(seen.insert(term.as_str()), "{term} is declared twice");
                    }
                }

                #[expect(non_snake_case, reason = "one test per term, named after the term")]
                mod valid_iri {
                    $(
                        #[test]
                        fn $term() {
                            let iri = super::super::$term.as_str();
                            assert!(
                                oxigraph::model::NamedNode::new(iri).is_ok(),
                                "`{iri}` is not a valid IRI"
                            );
                            assert!(!$local.is_empty() && !$local.contains(['/', '#']));
                        }
                    )*
                }
            }
        }
    };
}

mod acled;
mod concepts;
mod ucdp;

pub use acled::ACLED_INTER_NAMES;
pub use concepts::{
    ActorCategory, CasualtyType, ConceptScheme, DatePrecision, EventType, Hedge, PlaceType,
    Relation, SourceType, UnknownConcept,
};
/// RDF, RDFS and XSD terms, as oxigraph declares them.
pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

// --- Namespaces and prefixes ----------------------------------------------------------------

/// The ontology namespace (`ckg:`).
pub const CKG: &str = ckg_namespace!();
/// The default base for instance IRIs (`--base`).
pub const DEFAULT_BASE: &str = "https://w3id.org/conflict-kg/id/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = skos::NAMESPACE;
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const PROV: &str = prov::NAMESPACE;
pub const GEO: &str = geosparql::NAMESPACE;
pub const SCHEMA: &str = schema::NAMESPACE;
pub const DCTERMS: &str = dcterms::NAMESPACE;
pub const TIME: &str = "http://www.w3.org/2006/time#";
/// GeoSPARQL functions (`geof:distance`…), evaluated by `spargeo` in `query.rs`.
pub const GEOF: &str = "http://www.opengis.net/def/function/geosparql/";
/// OGC units of measure (`uom:metre`), the third argument of `geof:distance`.
pub const UOM: &str = "http://www.opengis.net/def/uom/OGC/1.0/";
/// GeoNames entities: `https://sws.geonames.org/{geonameid}/`.
pub const GEONAMES_ENTITY: &str = "https://sws.geonames.org/";
/// Wikidata entities: `http://www.wikidata.org/entity/{QID}`.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

/// Standard prefixes, declared in every query and export.
pub const STANDARD_PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("sem", SEM),
    ("prov", PROV),
    ("geo", GEO),
    ("schema", SCHEMA),
    ("dcterms", DCTERMS),
    ("time", TIME),
    ("ckg", CKG),
    ("geof", GEOF),
    ("uom", UOM),
    ("gn", GEONAMES_ENTITY),
    ("wd", WIKIDATA_ENTITY),
];

/// The folders instance IRIs live in under the base: `{base}{folder}/{id}` (minted by
/// `crate::iri::Base`). Each folder is also the prefix queries and exports declare for it
/// (`place:` = `{base}place/`): one prefix per folder keeps exported Turtle free of `\/` escapes.
pub mod folder {
    pub const INCIDENT: &str = "incident";
    pub const ACTOR: &str = "actor";
    pub const PLACE: &str = "place";
    pub const SOURCE: &str = "source";
    pub const REPORT: &str = "report";
    pub const CLAIM: &str = "claim";
    pub const GRAPH: &str = "graph";
    pub const LINK: &str = "link";
}

/// Every instance folder, in the order prefixes are declared.
pub const INSTANCE_FOLDERS: &[&str] = &[
    folder::INCIDENT,
    folder::ACTOR,
    folder::PLACE,
    folder::SOURCE,
    folder::REPORT,
    folder::CLAIM,
    folder::GRAPH,
    folder::LINK,
];

// --- Terms ----------------------------------------------------------------------------------

namespace! {
    /// The ontology's own terms (`ontology/ckg.ttl`). Concepts are not here: they are the
    /// variants of the concept-scheme enums ([`EventType`](super::EventType)…).
    pub mod ckg ("ckg") = ckg_namespace!();

    // Classes.
    INCIDENT = "Incident";
    ACTOR = "Actor";
    PERSON = "Person";
    PLACE = "Place";
    SOURCE = "Source";
    REPORT = "Report";
    CLAIM = "Claim";
    CASUALTY_CLAIM = "CasualtyClaim";
    RESPONSIBILITY_CLAIM = "ResponsibilityClaim";
    CONTROL_CLAIM = "ControlClaim";
    PRESENCE_CLAIM = "PresenceClaim";
    STRENGTH_CLAIM = "StrengthClaim";

    // Incident properties.
    EVENT_TYPE = "eventType";
    PERPETRATOR = "perpetrator";
    PERPETRATOR_KNOWN = "perpetratorKnown";
    TARGET = "target";
    /// The property (the class is [`PLACE`]).
    PLACE_PROP = "place";
    LOCATION_QUALIFIER = "locationQualifier";
    START_DATE = "startDate";
    END_DATE = "endDate";
    DATE_PRECISION = "datePrecision";
    DATE_TEXT = "dateText";
    DESCRIBED_IN = "describedIn";
    SUMMARY = "summary";
    SUB_EVENT_OF = "subEventOf";
    PARTICIPANT = "participant";
    GEO_PRECISION = "geoPrecision";
    RECORDED_IN = "recordedIn";
    DATASET_ID = "datasetId";

    // Derived shortcuts an import writes beside what they are derived from (the class marks
    // the properties; see `ontology/README.md`).
    DERIVED_PROPERTY = "DerivedProperty";
    DERIVED_GOVERNORATE = "derivedGovernorate";
    DERIVED_FATALITIES = "derivedFatalities";
    /// The class of classes whose instances no source states (an import computes them).
    DERIVED_CLASS = "DerivedClass";
    /// The per-import aggregate: incidents per governorate and month.
    INCIDENT_COUNT = "IncidentCount";
    COUNT_DATASET = "countDataset";
    COUNT_GOVERNORATE = "countGovernorate";
    COUNT_MONTH = "countMonth";
    INCIDENT_COUNT_PROP = "incidentCount";
    PLACE_HIERARCHY_DIGEST = "placeHierarchyDigest";

    // Claim properties.
    ABOUT_INCIDENT = "aboutIncident";
    CLAIMED_BY = "claimedBy";
    REPORTED_IN = "reportedIn";
    EVIDENCE = "evidence";
    STATED_ON = "statedOn";
    INCIDENT_LINKED_BY = "incidentLinkedBy";
    INCIDENT_LINK_EVIDENCE = "incidentLinkEvidence";
    CASUALTY_TYPE = "casualtyType";
    CASUALTY_GROUP = "casualtyGroup";
    MIN_COUNT = "minCount";
    MAX_COUNT = "maxCount";
    CLAIMED_PERPETRATOR = "claimedPerpetrator";
    BEST_COUNT = "bestCount";
    SOURCE_NOTE = "sourceNote";
    ABOUT_ACTOR = "aboutActor";
    ABOUT_PLACE = "aboutPlace";

    // Actor properties.
    ACTOR_CATEGORY = "actorCategory";
    PART_OF = "partOf";
    ALLIED_WITH = "alliedWith";
    COUNTRY = "country";
    RANK = "rank";
    MEMBER_OF = "memberOf";

    // Source properties.
    SOURCE_TYPE = "sourceType";

    // Place properties.
    PLACE_TYPE = "placeType";
    WITHIN = "within";

    // Report properties.
    CITES = "cites";
    DATELINE = "dateline";

    // Gazetteer links (`ckg link`): one qualified match resource per linked place or actor.
    GAZETTEER_MATCH = "GazetteerMatch";
    LINKED_RESOURCE = "linkedResource";
    GAZETTEER_ENTRY = "gazetteerEntry";
    MATCH_SCORE = "matchScore";
    MATCHED_NAME = "matchedName";
    MATCH_METHOD = "matchMethod";

    // Concept-scheme mapping properties.
    ACLED_EVENT_TYPE = "acledEventType";
    ACLED_SUB_EVENT_TYPE = "acledSubEventType";
    ACLED_INTER_CODE = "acledInterCode";

    // Concept schemes.
    EVENT_TYPE_SCHEME = "EventTypeScheme";
    ACTOR_CATEGORY_SCHEME = "ActorCategoryScheme";
    PLACE_TYPE_SCHEME = "PlaceTypeScheme";
    SOURCE_TYPE_SCHEME = "SourceTypeScheme";
    DATE_PRECISION_SCHEME = "DatePrecisionScheme";
    CASUALTY_TYPE_SCHEME = "CasualtyTypeScheme";

    // Seed fidelity (issue 11): who said it through whom, how hedged, how much, and what the
    // curators added. Each is shown with the seed sentence it serves in ontology/README.md.
    /// "Source S says incident I took place" (a video "purporting to show the explosion").
    OCCURRENCE_CLAIM = "OccurrenceClaim";
    /// "Source S says actor A is allied with / backed by actor B" ("Russian-backed Syrian troops").
    RELATION_CLAIM = "RelationClaim";
    /// A value the curators added from outside the report text, with where it came from.
    CURATED_FACT = "CuratedFact";
    /// Claim → Source that passed the claimant's statement on ("…, Al-Monitor online reported").
    VIA = "via";
    /// Claim → Person who spoke for the claimant ("said Observatory head Rami Abdel Rahman").
    VOICED_BY = "voicedBy";
    /// Person → Source they speak for.
    SPEAKS_FOR = "speaksFor";
    /// Claim → Claim it rests on (CIT "quoting social media reports of a funeral").
    BASED_ON = "basedOn";
    /// Casualty claim → casualty claim whose figure includes this one (2 advisers of the 4).
    PART_OF_FIGURE = "partOfFigure";
    /// Claim → Incident that ended the state of affairs it describes (IS in Yarmuk until the
    /// evacuation).
    HELD_UNTIL = "heldUntil";
    /// Claim → hedge concept ("reportedly", "could have", "purporting").
    HEDGE = "hedge";
    /// Claim → hedge concept of the incident link ("it appeared to be the same incident").
    INCIDENT_LINK_HEDGE = "incidentLinkHedge";
    /// The words of a figure as the text gives them ("dozens", "more than two dozen").
    QUANTITY_TEXT = "quantityText";
    /// How a control or presence claim covers its place ("tiny pockets of", "nearly all of").
    PLACE_QUALIFIER = "placeQualifier";
    /// Place ↔ Place sharing ground without either containing the other (the Badia, Homs).
    OVERLAPS = "overlaps";
    /// Source → Place it is based in ("a local Russian newspaper in the Siberian city of Chita").
    BASED_IN = "basedIn";
    /// Joint source → the sources it names together ("Moscow and a monitor said").
    COMPRISES = "comprises";
    /// Relation claim → the relation claimed (`ckg:alliedWith`, `ckg:backedBy`).
    CLAIMED_RELATION = "claimedRelation";
    /// Relation claim → the other actor of the relation.
    RELATED_ACTOR = "relatedActor";
    /// Actor → Actor that supports it without fighting beside it as one ("US-backed fighters").
    BACKED_BY = "backedBy";
    /// Curated fact → where the curators took it from (a file, a reading of the text).
    ORIGIN = "origin";
    /// Curated fact → the resource whose values it marks.
    CURATED_RESOURCE = "curatedResource";
    /// Curated fact → the property whose values on that resource are the curators'.
    CURATED_PROPERTY = "curatedProperty";
    /// The scheme of hedges ([`Hedge`](super::Hedge)).
    HEDGE_SCHEME = "HedgeScheme";
}

namespace! {
    /// The SKOS terms the code writes: aliases, and the mapping of a link.
    pub mod skos ("skos") = "http://www.w3.org/2004/02/skos/core#";
    ALT_LABEL = "altLabel";
    EXACT_MATCH = "exactMatch";
    CLOSE_MATCH = "closeMatch";
    MAPPING_RELATION = "mappingRelation";
}

namespace! {
    /// The schema.org terms the code writes (reports).
    pub mod schema ("schema") = "http://schema.org/";
    HEADLINE = "headline";
    DATE_PUBLISHED = "datePublished";
    PUBLISHER = "publisher";
}

namespace! {
    /// The Dublin Core terms the code writes: the file a report or a gazetteer came from.
    pub mod dcterms ("dcterms") = "http://purl.org/dc/terms/";
    SOURCE = "source";
}

namespace! {
    /// The PROV-O terms the code writes: gazetteer files and what was derived from them.
    pub mod prov ("prov") = "http://www.w3.org/ns/prov#";
    ENTITY = "Entity";
    WAS_DERIVED_FROM = "wasDerivedFrom";
    WAS_ATTRIBUTED_TO = "wasAttributedTo";
}

namespace! {
    /// The GeoSPARQL terms the code writes, for coordinates:
    /// `?place geo:hasGeometry ?g . ?g a geo:Geometry ; geo:asWKT "POINT(lon lat)"^^geo:wktLiteral`
    /// (the literal is written by `crate::wkt`). Named as oxigraph's `vocab::geosparql`; the
    /// prefix is `geo:`.
    pub mod geosparql ("geo") = "http://www.opengis.net/ont/geosparql#";
    HAS_GEOMETRY = "hasGeometry";
    AS_WKT = "asWKT";
    GEOMETRY = "Geometry";
    WKT_LITERAL = "wktLiteral";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_namespace_constant_is_its_module_namespace() {
        assert_eq!(CKG, ckg::NAMESPACE);
        assert!(ckg::ALL.iter().all(|t| t.as_str().starts_with(CKG)));
        for (prefix, iri) in STANDARD_PREFIXES {
            assert!(
                iri.ends_with(['/', '#']),
                "{prefix}: `{iri}` cannot take a local name"
            );
        }
    }

    #[test]
    fn every_standard_term_is_under_a_declared_prefix() {
        let standard = [
            skos::ALL,
            schema::ALL,
            dcterms::ALL,
            prov::ALL,
            geosparql::ALL,
        ];
        for term in standard.into_iter().flatten() {
            assert!(
                STANDARD_PREFIXES
                    .iter()
                    .any(|(_, ns)| term.as_str().starts_with(ns)),
                "{term} has no prefix in STANDARD_PREFIXES"
            );
        }
    }
}
