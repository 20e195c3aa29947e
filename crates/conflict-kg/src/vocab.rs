//! Every IRI the project writes, in one place: namespaces, ontology terms and the SKOS concept
//! tables that map the short ids used in `data/` (and, later, dataset codes) to concepts.
//!
//! Invariant: every `ckg:` term named here is declared in `ontology/ckg.ttl` with a label and a
//! comment (checked by `tests/ontology.rs`), so code and ontology cannot drift apart.

/// The ontology namespace (`ckg:`).
pub const CKG: &str = "https://w3id.org/conflict-kg/ontology#";
/// The default base for instance IRIs (`--base`).
pub const DEFAULT_BASE: &str = "https://w3id.org/conflict-kg/id/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const GEO: &str = "http://www.opengis.net/ont/geosparql#";
pub const SCHEMA: &str = "http://schema.org/";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const SH: &str = "http://www.w3.org/ns/shacl#";
/// GeoSPARQL functions (`geof:distance`…), evaluated by `spargeo` in `query.rs`.
pub const GEOF: &str = "http://www.opengis.net/def/function/geosparql/";
/// OGC units of measure (`uom:metre`), the third argument of `geof:distance`.
pub const UOM: &str = "http://www.opengis.net/def/uom/OGC/1.0/";
/// GeoNames entities: `https://sws.geonames.org/{geonameid}/`.
pub const GEONAMES_ENTITY: &str = "https://sws.geonames.org/";
/// Wikidata entities: `http://www.wikidata.org/entity/{QID}`.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

/// GeoSPARQL terms used for coordinates (`?place geo:hasGeometry ?g . ?g geo:asWKT "POINT(lon lat)"`).
pub mod geo {
    pub const HAS_GEOMETRY: &str = "http://www.opengis.net/ont/geosparql#hasGeometry";
    pub const AS_WKT: &str = "http://www.opengis.net/ont/geosparql#asWKT";
    pub const GEOMETRY: &str = "http://www.opengis.net/ont/geosparql#Geometry";
    pub const WKT_LITERAL: &str = "http://www.opengis.net/ont/geosparql#wktLiteral";
}

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

/// Instance folders under the base IRI, each with the prefix used for it in queries and exports
/// (one prefix per folder keeps exported Turtle free of `\/` escapes).
pub const INSTANCE_FOLDERS: &[(&str, &str)] = &[
    ("incident", "incident/"),
    ("actor", "actor/"),
    ("place", "place/"),
    ("source", "source/"),
    ("report", "report/"),
    ("claim", "claim/"),
    ("graph", "graph/"),
    ("link", "link/"),
];

/// Ontology term names (local names in the `ckg:` namespace).
pub mod term {
    // Classes.
    pub const INCIDENT: &str = "Incident";
    pub const ACTOR: &str = "Actor";
    pub const PERSON: &str = "Person";
    pub const PLACE: &str = "Place";
    pub const SOURCE: &str = "Source";
    pub const REPORT: &str = "Report";
    pub const CLAIM: &str = "Claim";
    pub const CASUALTY_CLAIM: &str = "CasualtyClaim";
    pub const RESPONSIBILITY_CLAIM: &str = "ResponsibilityClaim";
    pub const CONTROL_CLAIM: &str = "ControlClaim";
    pub const PRESENCE_CLAIM: &str = "PresenceClaim";
    pub const STRENGTH_CLAIM: &str = "StrengthClaim";

    // Incident properties.
    pub const EVENT_TYPE: &str = "eventType";
    pub const PERPETRATOR: &str = "perpetrator";
    pub const PERPETRATOR_KNOWN: &str = "perpetratorKnown";
    pub const TARGET: &str = "target";
    pub const PLACE_PROP: &str = "place";
    pub const LOCATION_QUALIFIER: &str = "locationQualifier";
    pub const START_DATE: &str = "startDate";
    pub const END_DATE: &str = "endDate";
    pub const DATE_PRECISION: &str = "datePrecision";
    pub const DATE_TEXT: &str = "dateText";
    pub const DESCRIBED_IN: &str = "describedIn";
    pub const SUMMARY: &str = "summary";
    pub const SUB_EVENT_OF: &str = "subEventOf";
    pub const PARTICIPANT: &str = "participant";
    pub const GEO_PRECISION: &str = "geoPrecision";
    pub const RECORDED_IN: &str = "recordedIn";
    pub const DATASET_ID: &str = "datasetId";

    // Claim properties.
    pub const ABOUT_INCIDENT: &str = "aboutIncident";
    pub const CLAIMED_BY: &str = "claimedBy";
    pub const REPORTED_IN: &str = "reportedIn";
    pub const EVIDENCE: &str = "evidence";
    pub const STATED_ON: &str = "statedOn";
    pub const INCIDENT_LINKED_BY: &str = "incidentLinkedBy";
    pub const INCIDENT_LINK_EVIDENCE: &str = "incidentLinkEvidence";
    pub const CASUALTY_TYPE: &str = "casualtyType";
    pub const CASUALTY_GROUP: &str = "casualtyGroup";
    pub const MIN_COUNT: &str = "minCount";
    pub const MAX_COUNT: &str = "maxCount";
    pub const CLAIMED_PERPETRATOR: &str = "claimedPerpetrator";
    pub const BEST_COUNT: &str = "bestCount";
    pub const SOURCE_NOTE: &str = "sourceNote";
    pub const ABOUT_ACTOR: &str = "aboutActor";
    pub const ABOUT_PLACE: &str = "aboutPlace";

    // Actor properties.
    pub const ACTOR_CATEGORY: &str = "actorCategory";
    pub const PART_OF: &str = "partOf";
    pub const ALLIED_WITH: &str = "alliedWith";
    pub const COUNTRY: &str = "country";
    pub const RANK: &str = "rank";
    pub const MEMBER_OF: &str = "memberOf";

    // Source properties.
    pub const SOURCE_TYPE: &str = "sourceType";

    // Place properties.
    pub const PLACE_TYPE: &str = "placeType";
    pub const WITHIN: &str = "within";

    // Report properties.
    pub const CITES: &str = "cites";
    pub const DATELINE: &str = "dateline";

    // Gazetteer links (`ckg link`): one qualified match resource per linked place or actor.
    pub const GAZETTEER_MATCH: &str = "GazetteerMatch";
    pub const LINKED_RESOURCE: &str = "linkedResource";
    pub const GAZETTEER_ENTRY: &str = "gazetteerEntry";
    pub const MATCH_SCORE: &str = "matchScore";
    pub const MATCHED_NAME: &str = "matchedName";
    pub const MATCH_METHOD: &str = "matchMethod";

    // Concept-scheme mapping properties.
    pub const ACLED_EVENT_TYPE: &str = "acledEventType";
    pub const ACLED_SUB_EVENT_TYPE: &str = "acledSubEventType";
    pub const ACLED_INTER_CODE: &str = "acledInterCode";

    // Concept schemes.
    pub const EVENT_TYPE_SCHEME: &str = "EventTypeScheme";
    pub const ACTOR_CATEGORY_SCHEME: &str = "ActorCategoryScheme";
    pub const PLACE_TYPE_SCHEME: &str = "PlaceTypeScheme";
    pub const SOURCE_TYPE_SCHEME: &str = "SourceTypeScheme";
    pub const DATE_PRECISION_SCHEME: &str = "DatePrecisionScheme";
    pub const CASUALTY_TYPE_SCHEME: &str = "CasualtyTypeScheme";

    // --- Seed fidelity (issue 11): who said it through whom, how hedged, how much, and what
    // the curators added. Every term is declared in ontology/ckg.ttl and shown with the seed
    // sentence it serves in ontology/README.md.
    /// "Source S says incident I took place" (a video "purporting to show the explosion").
    pub const OCCURRENCE_CLAIM: &str = "OccurrenceClaim";
    /// "Source S says actor A is allied with / backed by actor B" ("Russian-backed Syrian troops").
    pub const RELATION_CLAIM: &str = "RelationClaim";
    /// A value the curators added from outside the report text, with where it came from.
    pub const CURATED_FACT: &str = "CuratedFact";
    /// Claim → Source that passed the claimant's statement on ("…, Al-Monitor online reported").
    pub const VIA: &str = "via";
    /// Claim → Person who spoke for the claimant ("said Observatory head Rami Abdel Rahman").
    pub const VOICED_BY: &str = "voicedBy";
    /// Person → Source they speak for.
    pub const SPEAKS_FOR: &str = "speaksFor";
    /// Claim → Claim it rests on (CIT "quoting social media reports of a funeral").
    pub const BASED_ON: &str = "basedOn";
    /// Casualty claim → casualty claim whose figure includes this one (2 advisers of the 4).
    pub const PART_OF_FIGURE: &str = "partOfFigure";
    /// Claim → Incident that ended the state of affairs it describes (IS in Yarmuk until the
    /// evacuation).
    pub const HELD_UNTIL: &str = "heldUntil";
    /// Claim → hedge concept ("reportedly", "could have", "purporting").
    pub const HEDGE: &str = "hedge";
    /// Claim → hedge concept of the incident link ("it appeared to be the same incident").
    pub const INCIDENT_LINK_HEDGE: &str = "incidentLinkHedge";
    /// The words of a figure as the text gives them ("dozens", "more than two dozen").
    pub const QUANTITY_TEXT: &str = "quantityText";
    /// How a control or presence claim covers its place ("tiny pockets of", "nearly all of").
    pub const PLACE_QUALIFIER: &str = "placeQualifier";
    /// Place ↔ Place sharing ground without either containing the other (the Badia, Homs).
    pub const OVERLAPS: &str = "overlaps";
    /// Source → Place it is based in ("a local Russian newspaper in the Siberian city of Chita").
    pub const BASED_IN: &str = "basedIn";
    /// Joint source → the sources it names together ("Moscow and a monitor said").
    pub const COMPRISES: &str = "comprises";
    /// Relation claim → the relation claimed (`ckg:alliedWith`, `ckg:backedBy`).
    pub const CLAIMED_RELATION: &str = "claimedRelation";
    /// Relation claim → the other actor of the relation.
    pub const RELATED_ACTOR: &str = "relatedActor";
    /// Actor → Actor that supports it without fighting beside it as one ("US-backed fighters").
    pub const BACKED_BY: &str = "backedBy";
    /// Curated fact → where the curators took it from (a file, a reading of the text).
    pub const ORIGIN: &str = "origin";
    /// Curated fact → the resource whose values it marks.
    pub const CURATED_RESOURCE: &str = "curatedResource";
    /// Curated fact → the property whose values on that resource are the curators'.
    pub const CURATED_PROPERTY: &str = "curatedProperty";
    /// The scheme of hedges (`HEDGES`).
    pub const HEDGE_SCHEME: &str = "HedgeScheme";
}

/// One SKOS concept: the short id used in data files and its local name in `ckg:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    pub id: &'static str,
    pub local: &'static str,
}

/// An event-type concept with the ACLED event type / sub-event type it corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTypeConcept {
    pub id: &'static str,
    pub local: &'static str,
    /// ACLED `event_type`, or `None` where ACLED has no equivalent (aggregates).
    pub acled_event_type: Option<&'static str>,
    /// ACLED `sub_event_type`.
    pub acled_sub_event_type: Option<&'static str>,
}

const fn et(
    id: &'static str,
    local: &'static str,
    ev: Option<&'static str>,
    sub: Option<&'static str>,
) -> EventTypeConcept {
    EventTypeConcept {
        id,
        local,
        acled_event_type: ev,
        acled_sub_event_type: sub,
    }
}

const BATTLES: Option<&str> = Some("Battles");
const EXPLOSIONS: Option<&str> = Some("Explosions/Remote violence");
const VAC: Option<&str> = Some("Violence against civilians");
const STRATEGIC: Option<&str> = Some("Strategic developments");
const PROTESTS: Option<&str> = Some("Protests");
const RIOTS: Option<&str> = Some("Riots");

/// Event types (`ckg:EventTypeScheme`), covering every ACLED sub-event type plus a few curated
/// ones ACLED does not code (accidents, aggregates of attacks).
pub const EVENT_TYPES: &[EventTypeConcept] = &[
    et("attack", "Attack", BATTLES, Some("Armed clash")),
    et("armed-clash", "ArmedClash", BATTLES, Some("Armed clash")),
    et(
        "government-regains-territory",
        "GovernmentRegainsTerritory",
        BATTLES,
        Some("Government regains territory"),
    ),
    et(
        "non-state-actor-overtakes-territory",
        "NonStateActorOvertakesTerritory",
        BATTLES,
        Some("Non-state actor overtakes territory"),
    ),
    et(
        "chemical-weapon",
        "ChemicalWeapon",
        EXPLOSIONS,
        Some("Chemical weapon"),
    ),
    et(
        "air-strike",
        "AirStrike",
        EXPLOSIONS,
        Some("Air/drone strike"),
    ),
    et(
        "suicide-bomb",
        "SuicideBomb",
        EXPLOSIONS,
        Some("Suicide bomb"),
    ),
    et(
        "shelling",
        "Shelling",
        EXPLOSIONS,
        Some("Shelling/artillery/missile attack"),
    ),
    et(
        "remote-explosive",
        "RemoteExplosive",
        EXPLOSIONS,
        Some("Remote explosive/landmine/IED"),
    ),
    et("grenade", "Grenade", EXPLOSIONS, Some("Grenade")),
    et(
        "sexual-violence",
        "SexualViolence",
        VAC,
        Some("Sexual violence"),
    ),
    et(
        "attack-on-civilians",
        "AttackOnCivilians",
        VAC,
        Some("Attack"),
    ),
    et(
        "abduction",
        "Abduction",
        VAC,
        Some("Abduction/forced disappearance"),
    ),
    et(
        "peaceful-protest",
        "PeacefulProtest",
        PROTESTS,
        Some("Peaceful protest"),
    ),
    et(
        "protest-with-intervention",
        "ProtestWithIntervention",
        PROTESTS,
        Some("Protest with intervention"),
    ),
    et(
        "excessive-force-against-protesters",
        "ExcessiveForceAgainstProtesters",
        PROTESTS,
        Some("Excessive force against protesters"),
    ),
    et(
        "violent-demonstration",
        "ViolentDemonstration",
        RIOTS,
        Some("Violent demonstration"),
    ),
    et("mob-violence", "MobViolence", RIOTS, Some("Mob violence")),
    et("agreement", "Agreement", STRATEGIC, Some("Agreement")),
    et("arrests", "Arrests", STRATEGIC, Some("Arrests")),
    et(
        "change-to-group",
        "ChangeToGroup",
        STRATEGIC,
        Some("Change to group/activity"),
    ),
    et(
        "disrupted-weapons-use",
        "DisruptedWeaponsUse",
        STRATEGIC,
        Some("Disrupted weapons use"),
    ),
    et(
        "base-established",
        "BaseEstablished",
        STRATEGIC,
        Some("Headquarters or base established"),
    ),
    et(
        "looting",
        "LootingPropertyDestruction",
        STRATEGIC,
        Some("Looting/property destruction"),
    ),
    et(
        "negotiated-withdrawal",
        "NegotiatedWithdrawal",
        STRATEGIC,
        Some("Non-violent transfer of territory"),
    ),
    et(
        "other-development",
        "OtherDevelopment",
        STRATEGIC,
        Some("Other"),
    ),
    et(
        "military-deployment",
        "MilitaryDeployment",
        STRATEGIC,
        Some("Other"),
    ),
    et(
        "material-support",
        "MaterialSupport",
        STRATEGIC,
        Some("Other"),
    ),
    et("accident", "Accident", STRATEGIC, Some("Other")),
    et("attack-series", "AttackSeries", None, None),
];

/// An actor category with the ACLED actor-type (`inter1`/`inter2`) code it corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorCategoryConcept {
    pub id: &'static str,
    pub local: &'static str,
    /// ACLED inter code 1–8, `None` where ACLED has no actor type for it.
    pub acled_inter: Option<u8>,
}

const fn ac(id: &'static str, local: &'static str, inter: Option<u8>) -> ActorCategoryConcept {
    ActorCategoryConcept {
        id,
        local,
        acled_inter: inter,
    }
}

/// Actor categories (`ckg:ActorCategoryScheme`), aligned with ACLED's eight actor types.
pub const ACTOR_CATEGORIES: &[ActorCategoryConcept] = &[
    ac("state-forces", "StateForces", Some(1)),
    ac("rebel-group", "RebelGroup", Some(2)),
    ac("political-militia", "PoliticalMilitia", Some(3)),
    ac("identity-militia", "IdentityMilitia", Some(4)),
    ac("rioters", "Rioters", Some(5)),
    ac("protesters", "Protesters", Some(6)),
    ac("civilians", "Civilians", Some(7)),
    ac("external-forces", "ExternalForces", Some(8)),
    ac(
        "private-military-company",
        "PrivateMilitaryCompany",
        Some(8),
    ),
    ac("coalition", "Coalition", Some(8)),
    ac("government", "Government", Some(1)),
    ac("alliance", "Alliance", None),
    ac("individual", "Individual", None),
];

/// Place types (`ckg:PlaceTypeScheme`).
pub const PLACE_TYPES: &[Concept] = &[
    Concept {
        id: "country",
        local: "Country",
    },
    Concept {
        id: "governorate",
        local: "Governorate",
    },
    Concept {
        id: "district",
        local: "District",
    },
    Concept {
        id: "subdistrict",
        local: "Subdistrict",
    },
    Concept {
        id: "city",
        local: "City",
    },
    Concept {
        id: "town",
        local: "Town",
    },
    Concept {
        id: "village",
        local: "Village",
    },
    Concept {
        id: "camp",
        local: "Camp",
    },
    Concept {
        id: "oil-field",
        local: "OilField",
    },
    Concept {
        id: "airbase",
        local: "Airbase",
    },
    Concept {
        id: "military-base",
        local: "MilitaryBase",
    },
    Concept {
        id: "desert",
        local: "Desert",
    },
    Concept {
        id: "river",
        local: "River",
    },
    Concept {
        id: "region",
        local: "Region",
    },
    Concept {
        id: "locality",
        local: "Locality",
    },
    // Seed fidelity (issue 11): "a Russian-operated military hospital in Syria".
    Concept {
        id: "hospital",
        local: "Hospital",
    },
];

/// Source types (`ckg:SourceTypeScheme`).
pub const SOURCE_TYPES: &[Concept] = &[
    Concept {
        id: "news-agency",
        local: "NewsAgency",
    },
    Concept {
        id: "newspaper",
        local: "Newspaper",
    },
    Concept {
        id: "online-outlet",
        local: "OnlineOutlet",
    },
    Concept {
        id: "monitor",
        local: "Monitor",
    },
    Concept {
        id: "government",
        local: "GovernmentSource",
    },
    Concept {
        id: "military",
        local: "MilitarySource",
    },
    Concept {
        id: "official",
        local: "Official",
    },
    Concept {
        id: "osint-group",
        local: "OsintGroup",
    },
    Concept {
        id: "armed-group",
        local: "ArmedGroupClaim",
    },
    Concept {
        id: "anonymous",
        local: "AnonymousSource",
    },
    Concept {
        id: "local-residents",
        local: "LocalResidents",
    },
    Concept {
        id: "social-media",
        local: "SocialMedia",
    },
    Concept {
        id: "dataset",
        local: "Dataset",
    },
    // Seed fidelity (issue 11).
    Concept {
        id: "joint",
        local: "JointAttribution",
    },
    Concept {
        id: "curator",
        local: "Curator",
    },
];

/// Date precisions (`ckg:DatePrecisionScheme`).
pub const DATE_PRECISIONS: &[Concept] = &[
    Concept {
        id: "day",
        local: "Day",
    },
    Concept {
        id: "week",
        local: "Week",
    },
    Concept {
        id: "month",
        local: "Month",
    },
    Concept {
        id: "year",
        local: "Year",
    },
];

/// Casualty types (`ckg:CasualtyTypeScheme`).
pub const CASUALTY_TYPES: &[Concept] = &[
    Concept {
        id: "killed",
        local: "Killed",
    },
    Concept {
        id: "wounded",
        local: "Wounded",
    },
];

impl EventTypeConcept {
    /// The concept an ACLED `sub_event_type` is imported as (case-insensitive; ACLED's
    /// "protestors" spelling is accepted). Two ACLED sub-event types correspond to several of
    /// our concepts, and import takes the general one: "Armed clash" → `ckg:ArmedClash` (not
    /// `ckg:Attack`, which curators use when a report says who attacked whom) and "Other" →
    /// `ckg:OtherDevelopment` (not deployments, material support or accidents, which need a
    /// reading of the notes).
    pub fn from_acled(sub_event_type: &str) -> Option<&'static EventTypeConcept> {
        let wanted = sub_event_type
            .trim()
            .to_lowercase()
            .replace("protestors", "protesters");
        let preferred = match wanted.as_str() {
            "armed clash" => Some("armed-clash"),
            "other" => Some("other-development"),
            _ => None,
        };
        EVENT_TYPES.iter().find(|c| match preferred {
            Some(id) => c.id == id,
            None => c
                .acled_sub_event_type
                .is_some_and(|s| s.to_lowercase() == wanted),
        })
    }

    /// The concept a UCDP GED `type_of_violence` is imported as: 1 (state-based) and 2
    /// (non-state) conflict are armed clashes between the two sides; 3 (one-sided violence) is an
    /// attack on civilians.
    pub fn from_ucdp(type_of_violence: u8) -> Option<&'static EventTypeConcept> {
        let id = match type_of_violence {
            1 | 2 => "armed-clash",
            3 => "attack-on-civilians",
            _ => return None,
        };
        EVENT_TYPES.iter().find(|c| c.id == id)
    }
}

/// ACLED's actor-type names as written in exports since 2024 (`inter1` = "State forces"…),
/// by inter code.
pub const ACLED_INTER_NAMES: &[(u8, &str)] = &[
    (1, "State forces"),
    (2, "Rebel group"),
    (3, "Political militia"),
    (4, "Identity militia"),
    (5, "Rioters"),
    (6, "Protesters"),
    (7, "Civilians"),
    (8, "External/Other forces"),
];

impl ActorCategoryConcept {
    /// The category an ACLED `inter1`/`inter2` value is imported as: a code 1–8 or its name
    /// ("State forces", case-insensitive). Codes shared by several of our categories take the
    /// general one: 1 → `ckg:StateForces` (not `ckg:Government`), 8 → `ckg:ExternalForces`
    /// (not PMC or coalition, which ACLED does not distinguish).
    pub fn from_acled(inter: &str) -> Option<&'static ActorCategoryConcept> {
        let inter = inter.trim();
        let code: u8 = match inter.parse() {
            Ok(n) => n,
            Err(_) => {
                ACLED_INTER_NAMES
                    .iter()
                    .find(|(_, name)| name.eq_ignore_ascii_case(inter))?
                    .0
            }
        };
        let id = match code {
            1 => "state-forces",
            8 => "external-forces",
            _ => {
                ACTOR_CATEGORIES
                    .iter()
                    .find(|c| c.acled_inter == Some(code))?
                    .id
            }
        };
        ACTOR_CATEGORIES.iter().find(|c| c.id == id)
    }
}

/// The date precision a UCDP GED `date_prec` is imported as: 1 (exact day) → day; 2 (within
/// 2–6 days) and 3 (within a week) → week; 4 (within a month) → month; 5 (within a year) →
/// year. `date_start`/`date_end` keep the exact window either way.
pub fn date_precision_from_ucdp(date_prec: u8) -> Option<&'static Concept> {
    let id = match date_prec {
        1 => "day",
        2 | 3 => "week",
        4 => "month",
        5 => "year",
        _ => return None,
    };
    find_concept(DATE_PRECISIONS, id)
}

/// The date precision an ACLED `time_precision` is imported as: 1 → day, 2 → week, 3 → month.
pub fn date_precision_from_acled(time_precision: u8) -> Option<&'static Concept> {
    let id = match time_precision {
        1 => "day",
        2 => "week",
        3 => "month",
        _ => return None,
    };
    find_concept(DATE_PRECISIONS, id)
}

/// The full IRI of a `ckg:` term.
pub fn ckg(local: &str) -> String {
    format!("{CKG}{local}")
}

/// Looks a short id up in a concept table.
pub fn find_concept<'a>(table: &'a [Concept], id: &str) -> Option<&'a Concept> {
    table.iter().find(|c| c.id == id)
}

/// Hedges (`ckg:HedgeScheme`, issue 11): how a text qualifies a statement's certainty, on the
/// claim (`ckg:hedge`) or on its incident link (`ckg:incidentLinkHedge`).
pub const HEDGES: &[Concept] = &[
    Concept {
        id: "reportedly",
        local: "Reportedly",
    },
    Concept {
        id: "possibly",
        local: "Possibly",
    },
    Concept {
        id: "purportedly",
        local: "Purportedly",
    },
    Concept {
        id: "apparently",
        local: "Apparently",
    },
    Concept {
        id: "estimated",
        local: "Estimated",
    },
];

/// The relations a relation claim can state (issue 11): data id → the `ckg:` property the
/// claim names with `ckg:claimedRelation`.
pub const RELATIONS: &[Concept] = &[
    Concept {
        id: "allied-with",
        local: term::ALLIED_WITH,
    },
    Concept {
        id: "backed-by",
        local: term::BACKED_BY,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_unique<'a>(what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            assert!(seen.insert(id), "{what}: `{id}` appears twice");
        }
    }

    #[test]
    fn concept_ids_and_local_names_are_unique_within_each_scheme() {
        assert_unique("event type id", EVENT_TYPES.iter().map(|c| c.id));
        assert_unique("event type local", EVENT_TYPES.iter().map(|c| c.local));
        assert_unique("actor category id", ACTOR_CATEGORIES.iter().map(|c| c.id));
        assert_unique(
            "actor category local",
            ACTOR_CATEGORIES.iter().map(|c| c.local),
        );
        for table in [PLACE_TYPES, SOURCE_TYPES, DATE_PRECISIONS, CASUALTY_TYPES] {
            assert_unique("concept id", table.iter().map(|c| c.id));
            assert_unique("concept local", table.iter().map(|c| c.local));
        }
    }

    #[test]
    fn concept_local_names_do_not_collide_across_schemes() {
        let all = EVENT_TYPES
            .iter()
            .map(|c| c.local)
            .chain(ACTOR_CATEGORIES.iter().map(|c| c.local))
            .chain(
                [PLACE_TYPES, SOURCE_TYPES, DATE_PRECISIONS, CASUALTY_TYPES]
                    .iter()
                    .flat_map(|t| t.iter().map(|c| c.local)),
            );
        assert_unique("concept local name across schemes", all);
    }

    #[test]
    fn acled_sub_event_types_shared_by_several_concepts_import_as_the_general_one() {
        assert_eq!(
            EventTypeConcept::from_acled("Armed clash").map(|c| c.id),
            Some("armed-clash")
        );
        assert_eq!(
            EventTypeConcept::from_acled("Other").map(|c| c.id),
            Some("other-development")
        );
        assert_eq!(
            EventTypeConcept::from_acled("remote explosive/landmine/IED").map(|c| c.id),
            Some("remote-explosive")
        );
        assert_eq!(
            EventTypeConcept::from_acled("Excessive force against protestors").map(|c| c.id),
            Some("excessive-force-against-protesters")
        );
        assert_eq!(EventTypeConcept::from_acled("Picnic"), None);
    }

    #[test]
    fn every_acled_sub_event_type_of_the_table_imports_as_a_concept_carrying_it() {
        for c in EVENT_TYPES {
            if let Some(sub) = c.acled_sub_event_type {
                let imported = EventTypeConcept::from_acled(sub).expect(sub);
                assert_eq!(imported.acled_sub_event_type, Some(sub));
            }
        }
    }

    #[test]
    fn acled_inter_codes_and_names_import_as_one_category_each() {
        for (code, name) in ACLED_INTER_NAMES {
            let by_code = ActorCategoryConcept::from_acled(&code.to_string()).unwrap();
            let by_name = ActorCategoryConcept::from_acled(name).unwrap();
            assert_eq!(by_code, by_name, "{code} / {name}");
            assert_eq!(by_code.acled_inter, Some(*code));
        }
        assert_eq!(
            ActorCategoryConcept::from_acled("1").map(|c| c.id),
            Some("state-forces")
        );
        assert_eq!(
            ActorCategoryConcept::from_acled("8").map(|c| c.id),
            Some("external-forces")
        );
        assert_eq!(ActorCategoryConcept::from_acled("9"), None);
        assert_eq!(ActorCategoryConcept::from_acled("Aliens"), None);
    }

    #[test]
    fn dataset_precision_codes_map_to_date_precisions() {
        let ids = |f: fn(u8) -> Option<&'static Concept>, codes: &[u8]| {
            codes
                .iter()
                .map(|&c| f(c).map(|p| p.id))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(date_precision_from_acled, &[0, 1, 2, 3, 4]),
            [None, Some("day"), Some("week"), Some("month"), None]
        );
        assert_eq!(
            ids(date_precision_from_ucdp, &[1, 2, 3, 4, 5, 6]),
            [
                Some("day"),
                Some("week"),
                Some("week"),
                Some("month"),
                Some("year"),
                None
            ]
        );
    }

    #[test]
    fn every_acled_sub_event_type_is_mapped() {
        let acled = [
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
            "Violent demonstration",
            "Mob violence",
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ];
        for sub in acled {
            assert!(
                EVENT_TYPES
                    .iter()
                    .any(|c| c.acled_sub_event_type == Some(sub)),
                "ACLED sub-event type `{sub}` has no concept"
            );
        }
    }

    #[test]
    fn hedge_and_relation_tables_are_unique_and_hedges_collide_with_no_other_concept() {
        assert_unique("hedge id", HEDGES.iter().map(|c| c.id));
        assert_unique("relation id", RELATIONS.iter().map(|c| c.id));
        let all = EVENT_TYPES
            .iter()
            .map(|c| c.local)
            .chain(ACTOR_CATEGORIES.iter().map(|c| c.local))
            .chain(
                [
                    PLACE_TYPES,
                    SOURCE_TYPES,
                    DATE_PRECISIONS,
                    CASUALTY_TYPES,
                    HEDGES,
                ]
                .iter()
                .flat_map(|t| t.iter().map(|c| c.local)),
            );
        assert_unique("concept local name across schemes", all);
    }
}
