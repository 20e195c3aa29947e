//! Linking curated places and actors to gazetteer entries (`ckg link`): each place linked after
//! its parents (so country, governorate and neighbourhood constrain it), overrides applied, and
//! the quads a link becomes in its own named graph (`{base}graph/link/geonames`,
//! `{base}graph/link/wikidata`; IRIs minted by `iri`, coordinates written by `wkt`). The matcher
//! is `matcher`, `data/links.toml` is `overrides`, `--names` is `reconcile`, the review report
//! is `report`.
//!
//! Invariants:
//! - a candidate is only considered when its country, its admin1 (the curated parent
//!   governorate) and its feature class/code fit the curated place; the rest only serve as
//!   "best candidates" in the review report;
//! - an override in `data/links.toml` always wins over the matcher;
//! - the same model, gazetteer and overrides give the same quads (IRIs from ids, results
//!   sorted), so re-linking replaces a graph with an identical one.

mod guard;
mod matcher;
mod overrides;
mod reconcile;
mod report;

pub use guard::check_replacement;
pub use matcher::Matcher;
use matcher::{Query, Scored, Wanted};
pub use overrides::{Override, read_overrides};
pub use reconcile::{Reconciled, reconcile, write_reconciled};
pub use report::{ReportFormat, write_report};

pub use crate::gazetteer::GazetteerKind;

use crate::diag::Problems;
use crate::gazetteer::{Entry, Gazetteer, name_key};
use crate::iri::{self, Base};
use crate::model::Model;
use crate::vocab::{PlaceType, ckg, dcterms, geosparql, prov, rdf, rdfs, skos, xsd};
use crate::wkt::Point;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The country `data/` is about, as an ISO 3166-1 alpha-2 code: the curated data describe the
/// war in Syria. A curated place with no country among its ancestors (a region, desert or
/// river, which need no `within`) is looked for among this country's GeoNames entries, and so
/// is the admin1 code of a governorate whose country is not linked. `ckg link geonames
/// --countries` (the rows kept from a dump, and the country of `--names`) defaults to it too.
/// Curated data about another country would make it a field of the data.
pub const DEFAULT_COUNTRY: &str = "SY";

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("{0}")]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
    #[error("{0}")]
    Invalid(#[source] Problems),
    #[error("cannot read {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{source_name}: {reason} ({found} of the {current} entries the current links point to \
         are in it); the link graph was left as it was (check the file, or pass --allow-empty \
         to replace the links anyway)"
    )]
    WouldLoseLinks {
        source_name: String,
        current: usize,
        found: usize,
        reason: &'static str,
    },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// The outcome of matching one name set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    /// Confident: `skos:exactMatch`.
    Exact,
    /// Plausible, to be confirmed: `skos:closeMatch`.
    Close,
    /// Nothing good enough.
    None,
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Close => "close",
            Self::None => "none",
        }
    }
}

/// A curated resource that can be linked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Place(String),
    Actor(String),
}

impl Target {
    pub fn id(&self) -> &str {
        match self {
            Self::Place(id) | Self::Actor(id) => id,
        }
    }
    pub fn iri(&self, base: &Base) -> NamedNode {
        match self {
            Self::Place(id) => base.place(id),
            Self::Actor(id) => base.actor(id),
        }
    }
    /// The qualified link resource of this target to `gazetteer`.
    pub fn link_iri(&self, base: &Base, gazetteer: GazetteerKind) -> NamedNode {
        match self {
            Self::Place(id) => base.place_link(gazetteer, id),
            Self::Actor(id) => base.actor_link(gazetteer, id),
        }
    }
}

// --- Linking the model ------------------------------------------------------------------------

/// How a link was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Automatic,
    Override,
}

/// The result for one curated place or actor.
#[derive(Debug, Clone)]
pub struct Linked {
    pub target: Target,
    pub label: String,
    /// Place type or `actor`.
    pub kind: String,
    pub decision: Decision,
    pub method: Method,
    /// Entry id and, when the entry was in the gazetteer, its index.
    pub entry_id: Option<String>,
    pub entry: Option<usize>,
    pub score: Option<f64>,
    pub matched_name: Option<String>,
    pub candidates: Vec<Scored>,
    pub reason: String,
    /// Whether the entry's coordinates become the place's geometry: exact matches, and close
    /// matches an override marks with `geometry = true`.
    pub geometry: bool,
}

/// Links every curated place (GeoNames, Wikidata) and, for Wikidata, every actor. Parents are
/// linked before their children, so a child's country, governorate and neighbourhood come from
/// its ancestors' links.
pub fn link_model(
    model: &Model,
    matcher: &Matcher<'_>,
    kind: GazetteerKind,
    overrides: &[Override],
) -> Vec<Linked> {
    let g = matcher.gazetteer;
    let by_id: HashMap<&str, &crate::model::Place> =
        model.places.iter().map(|p| (p.id.as_str(), p)).collect();
    let depth = |id: &str| {
        let mut d = 0;
        let mut cur = by_id.get(id).and_then(|p| p.within.as_deref());
        while let Some(c) = cur {
            d += 1;
            cur = by_id.get(c).and_then(|p| p.within.as_deref());
            if d > 64 {
                break;
            }
        }
        d
    };
    let mut order: Vec<&crate::model::Place> = model.places.iter().collect();
    order.sort_by_key(|p| (depth(&p.id), p.id.clone()));
    let entry_by_id: HashMap<&str, usize> = g
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();

    let mut done: HashMap<String, Linked> = HashMap::new();
    for p in order {
        // Ancestors: nearest first.
        let mut ancestors = Vec::new();
        let mut cur = p.within.as_deref();
        while let Some(c) = cur {
            if ancestors.len() > 64 {
                break;
            }
            ancestors.push(c);
            cur = by_id.get(c).and_then(|x| x.within.as_deref());
        }
        let linked_entry = |id: &str| -> Option<&Entry> {
            let l = done.get(id)?;
            if l.decision == Decision::Exact {
                l.entry.map(|i| &g.entries[i])
            } else {
                None
            }
        };
        let country_place = ancestors.iter().find(|a| {
            by_id
                .get(*a)
                .is_some_and(|x| x.place_type == PlaceType::Country)
        });
        let country = match (kind, country_place) {
            (GazetteerKind::Wikidata, _) => None,
            (_, Some(c)) => linked_entry(c)
                .map(|e| e.country.clone())
                .filter(|c| !c.is_empty()),
            (_, None) if p.place_type == PlaceType::Country => None,
            (_, None) => Some(DEFAULT_COUNTRY.to_string()),
        };
        let governorate = ancestors.iter().find(|a| {
            by_id
                .get(*a)
                .is_some_and(|x| x.place_type == PlaceType::Governorate)
        });
        let (admin1, admin1_name) = match (kind, governorate) {
            (GazetteerKind::GeoNames, Some(gov)) => {
                match linked_entry(gov).filter(|e| !e.admin1.is_empty()) {
                    Some(e) => (Some(e.admin1.clone()), Some(e.name.clone())),
                    None => {
                        let gp = by_id[gov];
                        let names: Vec<String> = std::iter::once(gp.label.clone())
                            .chain(gp.aliases.iter().cloned())
                            .collect();
                        match matcher
                            .admin1_code(country.as_deref().unwrap_or(DEFAULT_COUNTRY), &names)
                        {
                            Some((code, name)) => (Some(code), Some(name)),
                            None => (None, None),
                        }
                    }
                }
            }
            _ => (None, None),
        };
        let near = ancestors
            .iter()
            .find_map(|a| linked_entry(a).and_then(|e| e.coordinates));
        let query = Query {
            names: std::iter::once(p.label.clone())
                .chain(p.aliases.iter().cloned())
                .collect(),
            wanted: Wanted::Place(p.place_type),
            country,
            admin1,
            admin1_name,
            near,
        };
        let target = Target::Place(p.id.clone());
        let linked = resolve(
            matcher,
            &query,
            target,
            &p.label,
            p.place_type.id(),
            kind,
            overrides,
            &entry_by_id,
        );
        done.insert(p.id.clone(), linked);
    }
    if kind == GazetteerKind::Wikidata {
        for a in &model.actors {
            let query = Query {
                names: std::iter::once(a.label.clone())
                    .chain(a.aliases.iter().cloned())
                    .collect(),
                wanted: Wanted::Actor,
                country: None,
                admin1: None,
                admin1_name: None,
                near: None,
            };
            let linked = resolve(
                matcher,
                &query,
                Target::Actor(a.id.clone()),
                &a.label,
                "actor",
                kind,
                overrides,
                &entry_by_id,
            );
            done.insert(format!("actor/{}", a.id), linked);
        }
    }
    let mut out: Vec<Linked> = done.into_values().collect();
    out.sort_by(|a, b| a.target.cmp(&b.target));
    out
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename them"
)]
fn resolve(
    matcher: &Matcher<'_>,
    query: &Query,
    target: Target,
    label: &str,
    kind_name: &str,
    kind: GazetteerKind,
    overrides: &[Override],
    entry_by_id: &HashMap<&str, usize>,
) -> Linked {
    let g = matcher.gazetteer;
    let outcome = matcher.decide(query);
    if let Some(o) = overrides
        .iter()
        .find(|o| o.target == target && o.gazetteer == kind)
    {
        let entry = o.id.as_deref().and_then(|id| entry_by_id.get(id).copied());
        return Linked {
            target,
            label: label.to_string(),
            kind: kind_name.to_string(),
            decision: o.decision,
            method: Method::Override,
            entry_id: o.id.clone(),
            entry,
            score: None,
            matched_name: entry.map(|i| g.entries[i].name.clone()),
            candidates: outcome.candidates,
            geometry: o.decision == Decision::Exact || o.geometry,
            reason: format!(
                "override in links.toml{}{}",
                o.note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default(),
                match (&o.id, entry) {
                    (Some(id), None) => format!(" ({id} is not in this gazetteer file)"),
                    _ => String::new(),
                }
            ),
        };
    }
    Linked {
        target,
        label: label.to_string(),
        kind: kind_name.to_string(),
        decision: outcome.decision,
        method: Method::Automatic,
        entry_id: outcome
            .chosen
            .as_ref()
            .map(|s| g.entries[s.entry].id.clone()),
        entry: outcome.chosen.as_ref().map(|s| s.entry),
        score: outcome.chosen.as_ref().map(|s| s.score),
        matched_name: outcome.chosen.as_ref().map(|s| s.matched_name.clone()),
        candidates: outcome.candidates,
        reason: outcome.reason,
        geometry: outcome.decision == Decision::Exact,
    }
}

/// The name keys of every curated place (and actor), to keep matching rows of other countries
/// while streaming a big dump.
pub fn wanted_keys(model: &Model) -> HashSet<String> {
    model
        .places
        .iter()
        .flat_map(|p| std::iter::once(&p.label).chain(&p.aliases))
        .map(|n| name_key(n))
        .filter(|k| !k.is_empty())
        .collect()
}

// --- Quads ------------------------------------------------------------------------------------

/// The quads of a linking run, all in the gazetteer's link graph. `file` is the gazetteer file
/// as the user named it.
pub fn link_quads(
    links: &[Linked],
    gazetteer: &Gazetteer,
    kind: GazetteerKind,
    file: &Path,
    base: &Base,
) -> Vec<Quad> {
    let graph = GraphName::NamedNode(base.link_graph(kind));
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        out.push(Quad::new(s.clone(), p, o, graph.clone()));
    };
    let source = base.gazetteer_file(file);
    add(&source, rdf::TYPE, prov::ENTITY.into());
    add(
        &source,
        rdfs::LABEL,
        Literal::new_simple_literal(format!(
            "{} gazetteer file {}",
            match kind {
                GazetteerKind::GeoNames => "GeoNames",
                GazetteerKind::Wikidata => "Wikidata",
            },
            file.file_name().unwrap_or_default().to_string_lossy()
        ))
        .into(),
    );
    add(
        &source,
        dcterms::SOURCE,
        Literal::new_simple_literal(file.display().to_string()).into(),
    );
    for l in links {
        let (Some(id), true) = (&l.entry_id, l.decision != Decision::None) else {
            continue;
        };
        let subject = l.target.iri(base);
        let entity = iri::gazetteer_entity(kind, id);
        let predicate = match l.decision {
            Decision::Exact => skos::EXACT_MATCH,
            _ => skos::CLOSE_MATCH,
        };
        add(&subject, predicate, entity.clone().into());
        let link = l.target.link_iri(base, kind);
        add(&link, rdf::TYPE, ckg::GAZETTEER_MATCH.into());
        add(&link, ckg::LINKED_RESOURCE, subject.clone().into());
        add(&link, ckg::GAZETTEER_ENTRY, entity.into());
        add(&link, skos::MAPPING_RELATION, predicate.into());
        add(
            &link,
            ckg::MATCH_METHOD,
            Literal::new_simple_literal(match l.method {
                Method::Automatic => "automatic",
                Method::Override => "override",
            })
            .into(),
        );
        if let Some(score) = l.score {
            add(
                &link,
                ckg::MATCH_SCORE,
                Literal::new_typed_literal(format!("{score:.3}"), xsd::DECIMAL).into(),
            );
        }
        if let Some(name) = &l.matched_name {
            add(
                &link,
                ckg::MATCHED_NAME,
                Literal::new_simple_literal(name).into(),
            );
        }
        add(&link, prov::WAS_DERIVED_FROM, source.clone().into());
        add(
            &link,
            rdfs::COMMENT,
            Literal::new_language_tagged_literal_unchecked(&l.reason, "en").into(),
        );
        // Coordinates of confident links only (a close match may be another place), unless
        // a person said in links.toml that they stand for the place.
        let coordinates = l
            .entry
            .and_then(|i| gazetteer.entries[i].coordinates)
            .filter(|_| l.geometry);
        if let (Target::Place(_), Some(at)) = (&l.target, coordinates) {
            let geometry = iri::geometry(&subject, kind.name());
            add(&subject, geosparql::HAS_GEOMETRY, geometry.clone().into());
            add(&geometry, rdf::TYPE, geosparql::GEOMETRY.into());
            add(
                &geometry,
                geosparql::AS_WKT,
                Point::from_lat_lon(at).literal().into(),
            );
            add(&geometry, prov::WAS_DERIVED_FROM, source.clone().into());
        }
    }
    out
}
