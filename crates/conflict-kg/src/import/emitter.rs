//! The [`Emitter`]: what a parsed row becomes, as quads of one import graph: the incident, its
//! casualty claims, the actors (curated through the alias table, or `{base}actor/{dataset}-…`)
//! and the place chain (each level reconciled with the curated places, or
//! `{base}place/{dataset}-…` within its parent) with the geometry of the located place.
//!
//! Actors, places and geometries are written the first time a file names them; the sets of
//! those seen are the only state that grows. Only rows that passed every check are emitted, so
//! nothing written is ever taken back.

use super::naming::slug_or_hex;
use super::reconcile::PlaceLevel;
use super::{DatasetKind, Reference};
use crate::rdf::Base;
use crate::vocab::{self, ActorCategoryConcept, term};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::{HashMap, HashSet, VecDeque};

/// Predicates, built once.
struct Terms {
    rdf_type: NamedNode,
    label: NamedNode,
    incident: NamedNode,
    actor: NamedNode,
    place: NamedNode,
    claim: NamedNode,
    casualty_claim: NamedNode,
    event_type: NamedNode,
    start_date: NamedNode,
    end_date: NamedNode,
    date_precision: NamedNode,
    place_prop: NamedNode,
    participant: NamedNode,
    perpetrator: NamedNode,
    target: NamedNode,
    summary: NamedNode,
    recorded_in: NamedNode,
    dataset_id: NamedNode,
    geo_precision: NamedNode,
    about_incident: NamedNode,
    claimed_by: NamedNode,
    casualty_type: NamedNode,
    casualty_group: NamedNode,
    killed: NamedNode,
    min_count: NamedNode,
    best_count: NamedNode,
    max_count: NamedNode,
    source_note: NamedNode,
    actor_category: NamedNode,
    place_type: NamedNode,
    within: NamedNode,
    has_geometry: NamedNode,
    geometry: NamedNode,
    as_wkt: NamedNode,
}

fn ckg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(vocab::ckg(local))
}

impl Terms {
    fn new() -> Self {
        let killed = vocab::find_concept(vocab::CASUALTY_TYPES, "killed").expect("killed");
        Self {
            rdf_type: rdf::TYPE.into(),
            label: rdfs::LABEL.into(),
            incident: ckg(term::INCIDENT),
            actor: ckg(term::ACTOR),
            place: ckg(term::PLACE),
            claim: ckg(term::CLAIM),
            casualty_claim: ckg(term::CASUALTY_CLAIM),
            event_type: ckg(term::EVENT_TYPE),
            start_date: ckg(term::START_DATE),
            end_date: ckg(term::END_DATE),
            date_precision: ckg(term::DATE_PRECISION),
            place_prop: ckg(term::PLACE_PROP),
            participant: ckg(term::PARTICIPANT),
            perpetrator: ckg(term::PERPETRATOR),
            target: ckg(term::TARGET),
            summary: ckg(term::SUMMARY),
            recorded_in: ckg(term::RECORDED_IN),
            dataset_id: ckg(term::DATASET_ID),
            geo_precision: ckg(term::GEO_PRECISION),
            about_incident: ckg(term::ABOUT_INCIDENT),
            claimed_by: ckg(term::CLAIMED_BY),
            casualty_type: ckg(term::CASUALTY_TYPE),
            casualty_group: ckg(term::CASUALTY_GROUP),
            killed: ckg(killed.local),
            min_count: ckg(term::MIN_COUNT),
            best_count: ckg(term::BEST_COUNT),
            max_count: ckg(term::MAX_COUNT),
            source_note: ckg(term::SOURCE_NOTE),
            actor_category: ckg(term::ACTOR_CATEGORY),
            place_type: ckg(term::PLACE_TYPE),
            within: ckg(term::WITHIN),
            has_geometry: NamedNode::new_unchecked(vocab::geo::HAS_GEOMETRY),
            geometry: NamedNode::new_unchecked(vocab::geo::GEOMETRY),
            as_wkt: NamedNode::new_unchecked(vocab::geo::AS_WKT),
        }
    }
}

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
    pub(super) event_type: &'static vocab::EventTypeConcept,
    pub(super) start: chrono::NaiveDate,
    pub(super) end: chrono::NaiveDate,
    pub(super) precision: &'static vocab::Concept,
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
}

/// Quads written and not yet taken by the conversion, all in the import's graph.
struct Queue {
    graph: GraphName,
    quads: VecDeque<Quad>,
}

impl Queue {
    fn add(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        self.quads.push_back(Quad::new(
            s.clone(),
            p.clone(),
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
    t: Terms,
    out: Queue,
    /// Actor name → (IRI, curated?).
    actors: HashMap<String, (NamedNode, bool)>,
    /// Imported actors whose category is written.
    categorised: HashSet<String>,
    /// Place key (level-tagged names down the chain) → its IRI and the nearest curated place at
    /// or above it.
    places: HashMap<String, (NamedNode, Option<String>)>,
    geometries: HashSet<NamedNode>,
    /// The roles written for the current incident: an actor named twice in a row (actor1 and
    /// an associated actor, say) takes part once.
    roles: HashSet<(Role, NamedNode)>,
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
            source: base.source_only(kind.id()),
            t: Terms::new(),
            out: Queue {
                graph: graph.clone().into(),
                quads: VecDeque::new(),
            },
            actors: HashMap::new(),
            categorised: HashSet::new(),
            places: HashMap::new(),
            geometries: HashSet::new(),
            roles: HashSet::new(),
        }
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
        let (t, out) = (&self.t, &mut self.out);
        out.add(&s, &t.rdf_type, t.incident.clone());
        out.add(
            &s,
            &t.label,
            Literal::new_language_tagged_literal_unchecked(&f.label, "en"),
        );
        out.add(&s, &t.event_type, ckg(f.event_type.local));
        out.add(&s, &t.start_date, date(f.start));
        out.add(&s, &t.end_date, date(f.end));
        out.add(&s, &t.date_precision, ckg(f.precision.local));
        if let Some(p) = place {
            out.add(&s, &t.place_prop, p.clone());
        }
        out.add(&s, &t.geo_precision, integer(f.geo_precision));
        if let Some(text) = f.summary.filter(|t| !t.is_empty()) {
            out.add(&s, &t.summary, Literal::new_simple_literal(text));
        }
        out.add(&s, &t.recorded_in, self.source.clone());
        out.add(&s, &t.dataset_id, Literal::new_simple_literal(f.id));
        s
    }

    /// Links an actor to an incident (once, however often the row names it in that role).
    pub(super) fn role(&mut self, incident: &NamedNode, role: Role, actor: &NamedNode) {
        if !self.roles.insert((role, actor.clone())) {
            return;
        }
        let p = match role {
            Role::Participant => &self.t.participant,
            Role::Perpetrator => &self.t.perpetrator,
            Role::Target => &self.t.target,
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
        let (t, out) = (&self.t, &mut self.out);
        out.add(&s, &t.rdf_type, t.claim.clone());
        out.add(&s, &t.rdf_type, t.casualty_claim.clone());
        out.add(&s, &t.about_incident, incident.clone());
        out.add(&s, &t.claimed_by, self.source.clone());
        out.add(&s, &t.casualty_type, t.killed.clone());
        if let Some(g) = f.group {
            out.add(&s, &t.casualty_group, g);
        }
        for (p, v) in [
            (&t.min_count, f.min),
            (&t.best_count, f.best),
            (&t.max_count, f.max),
        ] {
            if let Some(v) = v {
                out.add(&s, p, integer(v));
            }
        }
        if let Some(note) = f.source_note.filter(|n| !n.is_empty()) {
            out.add(&s, &t.source_note, Literal::new_simple_literal(note));
        }
    }

    /// The actor a dataset name stands for: the curated actor its alias names, or
    /// `{base}actor/{dataset}-{slug}` (labelled the first time it is seen, categorised the first
    /// time a category is given; curated actors keep their own).
    pub(super) fn actor(
        &mut self,
        name: &str,
        category: Option<&'static ActorCategoryConcept>,
    ) -> NamedNode {
        let (iri, curated) = match self.actors.get(name) {
            Some(known) => known.clone(),
            None => self.new_actor(name),
        };
        if let Some(c) = category {
            if !curated && !self.categorised.contains(name) {
                self.out.add(&iri, &self.t.actor_category, ckg(c.local));
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
                let (t, out) = (&self.t, &mut self.out);
                out.add(&iri, &t.rdf_type, t.actor.clone());
                out.add(
                    &iri,
                    &t.label,
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
            let iri = match &curated {
                Some(id) => self.base.place(id),
                None => {
                    let iri =
                        self.base
                            .place(&format!("{}-{}", self.kind.id(), slug_or_hex(&path)));
                    let (t, out) = (&self.t, &mut self.out);
                    out.add(&iri, &t.rdf_type, t.place.clone());
                    out.add(
                        &iri,
                        &t.label,
                        Literal::new_language_tagged_literal_unchecked(name, "en"),
                    );
                    let concept = vocab::find_concept(vocab::PLACE_TYPES, level.place_type())
                        .expect("every level's place type is a concept");
                    out.add(&iri, &t.place_type, ckg(concept.local));
                    if let Some((p, _)) = &parent {
                        out.add(&iri, &t.within, p.clone());
                    }
                    iri
                }
            };
            let entry = (iri, curated.or_else(|| ancestor.map(str::to_string)));
            self.places.insert(key.clone(), entry.clone());
            parent = Some(entry);
        }
        parent.map(|(iri, _)| iri)
    }

    /// `place geo:hasGeometry <place/geometry/{dataset}> . … geo:asWKT "POINT(lon lat)"`, the
    /// first time a file locates the place.
    pub(super) fn geometry(&mut self, place: &NamedNode, longitude: f64, latitude: f64) {
        let g = NamedNode::new_unchecked(format!("{}/geometry/{}", place.as_str(), self.kind.id()));
        if !self.geometries.insert(g.clone()) {
            return;
        }
        let (t, out) = (&self.t, &mut self.out);
        out.add(place, &t.has_geometry, g.clone());
        out.add(&g, &t.rdf_type, t.geometry.clone());
        out.add(
            &g,
            &t.as_wkt,
            Literal::new_typed_literal(
                format!("POINT({longitude} {latitude})"),
                NamedNode::new_unchecked(vocab::geo::WKT_LITERAL),
            ),
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
