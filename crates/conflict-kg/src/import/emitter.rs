//! The [`Emitter`]: what a parsed row becomes, as quads of one import graph: the incident, its
//! casualty claims, the actors (curated through the alias table, or `{base}actor/{dataset}-…`)
//! and the place chain (each level reconciled with the curated places, or
//! `{base}place/{dataset}-…` within its parent) with the geometry of the located place.
//!
//! Beside them go two derived shortcuts (`ckg:DerivedProperty`, `ontology/README.md`) that
//! answer the common aggregate questions in one lookup each: `ckg:derivedGovernorate`, every
//! `ckg:Governorate` the incident's place lies in by `ckg:within*` (through this file's place
//! chain and the curated hierarchy), and `ckg:derivedFatalities`, the figure of the dataset's
//! total casualty claim. After the last row it writes the aggregate (incidents per governorate
//! and month, `derived.rs`) and the digest of the curated hierarchy these were computed from.
//! They live in the import's graph, so re-importing rebuilds them.
//!
//! Actors, places and geometries are written the first time a file names them; the sets of
//! those seen are the only state that grows. Only rows that passed every check are emitted, so
//! nothing written is ever taken back.

use super::derived::{self, Counts};
use super::naming::slug_or_hex;
use super::reconcile::PlaceLevel;
use super::{DatasetKind, Reference};
use crate::iri::{self, Base};
use crate::vocab::{
    ActorCategory, CasualtyType, DatePrecision, EventType, PlaceType, ckg, geosparql,
};
use crate::wkt::Point;
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::{HashMap, HashSet, VecDeque};

/// How an actor takes part in an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Role {
    /// `ckg:participant`: involved, side not stated.
    Participant,
    Perpetrator,
    Target,
}

/// A dated incident, as both datasets give it.
pub(super) struct IncidentFacts<'r> {
    /// The dataset's id of the row (`SYR12345`, `207734`).
    pub(super) id: &'r str,
    pub(super) label: String,
    pub(super) event_type: EventType,
    pub(super) start: chrono::NaiveDate,
    pub(super) end: chrono::NaiveDate,
    pub(super) precision: DatePrecision,
    pub(super) geo_precision: u64,
    pub(super) summary: Option<&'r str>,
}

/// A casualty figure credited to the dataset.
pub(super) struct CasualtyFigure<'r> {
    /// Suffix of the claim IRI: `{base}claim/{dataset}-{id}-{suffix}`.
    pub(super) suffix: &'static str,
    pub(super) group: Option<NamedNode>,
    pub(super) min: Option<u64>,
    pub(super) best: Option<u64>,
    pub(super) max: Option<u64>,
    pub(super) source_note: Option<&'r str>,
    /// The dataset's figure for everyone killed in the event (not a part of it): also written
    /// on the incident as `ckg:derivedFatalities` (its best count, else its maximum).
    pub(super) total: bool,
}

/// Quads written and not yet taken by the conversion, all in the import's graph.
struct Queue {
    graph: GraphName,
    quads: VecDeque<Quad>,
}

impl Queue {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push_back(Quad::new(
            s.clone(),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }
}

/// Turns parsed rows into quads of one import graph (see the module doc).
pub(super) struct Emitter<'a> {
    kind: DatasetKind,
    base: &'a Base,
    reference: &'a Reference,
    source: NamedNode,
    out: Queue,
    /// Actor name → (IRI, curated?).
    actors: HashMap<String, (NamedNode, bool)>,
    /// Imported actors whose category is written.
    categorised: HashSet<String>,
    /// Place key (level-tagged names down the chain) → its IRI and the nearest curated place at
    /// or above it.
    places: HashMap<String, (NamedNode, Option<String>)>,
    geometries: HashSet<NamedNode>,
    /// Place IRI → the governorates it lies in by `ckg:within*` (`ckg:derivedGovernorate`).
    governorates: HashMap<NamedNode, Vec<NamedNode>>,
    /// The roles written for the current incident: an actor named twice in a row (actor1 and
    /// an associated actor, say) takes part once.
    roles: HashSet<(Role, NamedNode)>,
    /// The aggregate so far: incidents per governorate and month.
    counts: Counts,
}

impl<'a> Emitter<'a> {
    pub(super) fn new(
        kind: DatasetKind,
        base: &'a Base,
        reference: &'a Reference,
        graph: &NamedNode,
    ) -> Self {
        Self {
            kind,
            base,
            reference,
            source: base.source(kind.id()),
            out: Queue {
                graph: graph.clone().into(),
                quads: VecDeque::new(),
            },
            actors: HashMap::new(),
            categorised: HashSet::new(),
            places: HashMap::new(),
            geometries: HashSet::new(),
            governorates: HashMap::new(),
            roles: HashSet::new(),
            counts: Counts::default(),
        }
    }

    /// After the last row: the aggregate and the digest of the curated hierarchy it and the
    /// `ckg:derivedGovernorate` shortcuts were computed from (`derived.rs`).
    pub(super) fn finish(&mut self) {
        let GraphName::NamedNode(graph) = self.out.graph.clone() else {
            unreachable!("an import graph is a named graph")
        };
        let quads = self.counts.quads(self.base, &graph, &self.source);
        self.out.quads.extend(quads);
        self.out.quads.push_back(derived::digest_quad(
            &graph,
            self.reference.hierarchy_digest(),
        ));
    }

    /// The oldest quad written and not yet taken.
    pub(super) fn pop(&mut self) -> Option<Quad> {
        self.out.quads.pop_front()
    }

    /// The incident of a row with its date, type, place and provenance.
    pub(super) fn incident(
        &mut self,
        f: &IncidentFacts<'_>,
        place: Option<&NamedNode>,
    ) -> NamedNode {
        let s = self.base.incident(&format!("{}-{}", self.kind.id(), f.id));
        self.roles.clear();
        let out = &mut self.out;
        out.add(&s, rdf::TYPE, ckg::INCIDENT.into_owned());
        out.add(
            &s,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(&f.label, "en"),
        );
        out.add(&s, ckg::EVENT_TYPE, f.event_type.iri().into_owned());
        out.add(&s, ckg::START_DATE, date(f.start));
        out.add(&s, ckg::END_DATE, date(f.end));
        out.add(&s, ckg::DATE_PRECISION, f.precision.iri().into_owned());
        if let Some(p) = place {
            out.add(&s, ckg::PLACE_PROP, p.clone());
            let governorates = self.governorates.get(p).map_or(&[][..], Vec::as_slice);
            for g in governorates {
                out.add(&s, ckg::DERIVED_GOVERNORATE, g.clone());
            }
            self.counts.add(governorates, derived::month_of(f.start), 1);
        }
        out.add(&s, ckg::GEO_PRECISION, integer(f.geo_precision));
        if let Some(text) = f.summary.filter(|t| !t.is_empty()) {
            out.add(&s, ckg::SUMMARY, Literal::new_simple_literal(text));
        }
        out.add(&s, ckg::RECORDED_IN, self.source.clone());
        out.add(&s, ckg::DATASET_ID, Literal::new_simple_literal(f.id));
        s
    }

    /// Links an actor to an incident (once, however often the row names it in that role).
    pub(super) fn role(&mut self, incident: &NamedNode, role: Role, actor: &NamedNode) {
        if !self.roles.insert((role, actor.clone())) {
            return;
        }
        let p = match role {
            Role::Participant => ckg::PARTICIPANT,
            Role::Perpetrator => ckg::PERPETRATOR,
            Role::Target => ckg::TARGET,
        };
        self.out.add(incident, p, actor.clone());
    }

    /// A casualty claim credited to the dataset.
    pub(super) fn casualty_claim(
        &mut self,
        incident: &NamedNode,
        row_id: &str,
        f: CasualtyFigure<'_>,
    ) {
        let s = self
            .base
            .claim(&format!("{}-{row_id}-{}", self.kind.id(), f.suffix));
        let out = &mut self.out;
        out.add(&s, rdf::TYPE, ckg::CLAIM.into_owned());
        out.add(&s, rdf::TYPE, ckg::CASUALTY_CLAIM.into_owned());
        out.add(&s, ckg::ABOUT_INCIDENT, incident.clone());
        out.add(&s, ckg::CLAIMED_BY, self.source.clone());
        out.add(
            &s,
            ckg::CASUALTY_TYPE,
            CasualtyType::Killed.iri().into_owned(),
        );
        if let Some(g) = f.group {
            out.add(&s, ckg::CASUALTY_GROUP, g);
        }
        for (p, v) in [
            (ckg::MIN_COUNT, f.min),
            (ckg::BEST_COUNT, f.best),
            (ckg::MAX_COUNT, f.max),
        ] {
            if let Some(v) = v {
                out.add(&s, p, integer(v));
            }
        }
        if let Some(note) = f.source_note.filter(|n| !n.is_empty()) {
            out.add(&s, ckg::SOURCE_NOTE, Literal::new_simple_literal(note));
        }
        if let Some(n) = f.best.or(f.max).filter(|_| f.total) {
            out.add(incident, ckg::DERIVED_FATALITIES, integer(n));
        }
    }

    /// The actor a dataset name stands for: the curated actor its alias names, or
    /// `{base}actor/{dataset}-{slug}` (labelled the first time it is seen, categorised the first
    /// time a category is given; curated actors keep their own).
    pub(super) fn actor(&mut self, name: &str, category: Option<ActorCategory>) -> NamedNode {
        let (iri, curated) = match self.actors.get(name) {
            Some(known) => known.clone(),
            None => self.new_actor(name),
        };
        if let Some(c) = category {
            if !curated && !self.categorised.contains(name) {
                self.out
                    .add(&iri, ckg::ACTOR_CATEGORY, c.iri().into_owned());
                self.categorised.insert(name.to_string());
            }
        }
        iri
    }

    fn new_actor(&mut self, name: &str) -> (NamedNode, bool) {
        let curated = self.reference.actor(self.kind, name).is_some();
        let iri = match self.reference.actor(self.kind, name) {
            Some(id) => self.base.actor(id),
            None => {
                let iri = self
                    .base
                    .actor(&format!("{}-{}", self.kind.id(), slug_or_hex(name)));
                let out = &mut self.out;
                out.add(&iri, rdf::TYPE, ckg::ACTOR.into_owned());
                out.add(
                    &iri,
                    rdfs::LABEL,
                    Literal::new_language_tagged_literal_unchecked(name, "en"),
                );
                iri
            }
        };
        self.actors.insert(name.to_string(), (iri.clone(), curated));
        (iri, curated)
    }

    /// The most specific place of an admin chain (empty levels skipped), every level reconciled
    /// with the curated places or created as `{base}place/{dataset}-{slug(path)}` within its
    /// parent.
    pub(super) fn place(&mut self, chain: &[(PlaceLevel, &str)]) -> Option<NamedNode> {
        let mut key = String::new();
        let mut path = String::new();
        // The level above: its IRI and the nearest curated place at or above it.
        let mut parent: Option<(NamedNode, Option<String>)> = None;
        for &(level, name) in chain {
            if name.is_empty() {
                continue;
            }
            key.push_str(level_tag(level));
            key.push_str(name);
            key.push('\u{1f}');
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(name);
            if let Some(known) = self.places.get(&key) {
                parent = Some(known.clone());
                continue;
            }
            let ancestor = parent.as_ref().and_then(|(_, c)| c.as_deref());
            let curated = self
                .reference
                .place(level, name, ancestor)
                .map(str::to_string);
            let governorates: Vec<NamedNode> = match &curated {
                // The import writes nothing about a curated place: its governorates are those
                // of the curated hierarchy.
                Some(id) => self
                    .reference
                    .governorates(id)
                    .iter()
                    .map(|g| self.base.place(g))
                    .collect(),
                None => parent
                    .as_ref()
                    .and_then(|(p, _)| self.governorates.get(p))
                    .cloned()
                    .unwrap_or_default(),
            };
            let iri = match &curated {
                Some(id) => self.base.place(id),
                None => {
                    let iri =
                        self.base
                            .place(&format!("{}-{}", self.kind.id(), slug_or_hex(&path)));
                    let out = &mut self.out;
                    out.add(&iri, rdf::TYPE, ckg::PLACE.into_owned());
                    out.add(
                        &iri,
                        rdfs::LABEL,
                        Literal::new_language_tagged_literal_unchecked(name, "en"),
                    );
                    out.add(&iri, ckg::PLACE_TYPE, level.place_type().iri().into_owned());
                    if let Some((p, _)) = &parent {
                        out.add(&iri, ckg::WITHIN, p.clone());
                    }
                    iri
                }
            };
            let mut governorates = governorates;
            if curated.is_none() && level.place_type() == PlaceType::Governorate {
                governorates.insert(0, iri.clone());
            }
            self.governorates.entry(iri.clone()).or_insert(governorates);
            let entry = (iri, curated.or_else(|| ancestor.map(str::to_string)));
            self.places.insert(key.clone(), entry.clone());
            parent = Some(entry);
        }
        parent.map(|(iri, _)| iri)
    }

    /// `place geo:hasGeometry <place/geometry/{dataset}> . … geo:asWKT "POINT(lon lat)"`, the
    /// first time a file locates the place.
    pub(super) fn geometry(&mut self, place: &NamedNode, longitude: f64, latitude: f64) {
        let g = iri::geometry(place, self.kind.id());
        if !self.geometries.insert(g.clone()) {
            return;
        }
        let out = &mut self.out;
        out.add(place, geosparql::HAS_GEOMETRY, g.clone());
        out.add(&g, rdf::TYPE, geosparql::GEOMETRY.into_owned());
        out.add(
            &g,
            geosparql::AS_WKT,
            Point {
                lon: longitude,
                lat: latitude,
            }
            .literal(),
        );
    }
}

fn level_tag(level: PlaceLevel) -> &'static str {
    match level {
        PlaceLevel::Country => "0:",
        PlaceLevel::Admin1 => "1:",
        PlaceLevel::Admin2 => "2:",
        PlaceLevel::Admin3 => "3:",
        PlaceLevel::Location => "4:",
    }
}

fn date(d: chrono::NaiveDate) -> Literal {
    Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE)
}

fn integer(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}
