//! Linking curated places and actors to gazetteer entries: the matcher (candidates, scores and
//! the exact/close/none decision), the overrides of `data/links.toml`, and the quads a link
//! becomes in its own named graph (`{base}graph/link/geonames`, `{base}graph/link/wikidata`).
//!
//! Invariants:
//! - a candidate is only considered when its country, its admin1 (the curated parent
//!   governorate) and its feature class/code fit the curated place; the rest only serve as
//!   "best candidates" in the review report;
//! - an override in `data/links.toml` always wins over the matcher;
//! - the same model, gazetteer and overrides give the same quads (IRIs from ids, results
//!   sorted), so re-linking replaces a graph with an identical one.

pub mod report;

use crate::diag::{Problem, Problems, SourceText};
use crate::gazetteer::geonames::AdminNames;
use crate::gazetteer::{Entry, Gazetteer, NameKind, distance_km, name_key, similarity, skeleton};
use crate::model::Model;
use crate::rdf::Base;
use crate::vocab::{self, term};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use toml::Spanned;

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
    #[error("{0}")]
    Invalid(Problems),
    #[error("cannot read {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Which gazetteer a link points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GazetteerKind {
    GeoNames,
    Wikidata,
}

impl GazetteerKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::GeoNames => "geonames",
            Self::Wikidata => "wikidata",
        }
    }

    /// The entity IRI of an entry id.
    pub fn entity(self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(match self {
            Self::GeoNames => format!("{}{id}/", vocab::GEONAMES_ENTITY),
            Self::Wikidata => format!("{}{id}", vocab::WIKIDATA_ENTITY),
        })
    }

    /// The named graph holding this gazetteer's links.
    pub fn graph(self, base: &Base) -> NamedNode {
        base.graph(&format!("link/{}", self.name()))
    }
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

/// What kind of thing is being looked up, which decides the feature classes/codes (GeoNames)
/// that fit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// A curated place of this type (a `ckg:PlaceTypeScheme` id: `town`, `governorate`…).
    Place(&'static str),
    /// An actor (Wikidata only).
    Actor,
    /// A bare name (`--names`): populated places first, then admin areas, then anything.
    AnyPlace,
}

/// Wikidata classes whose instances are places: country (Q6256), sovereign state (Q3624078).
pub const WIKIDATA_PLACE_CLASSES: &[&str] = &["Q6256", "Q3624078"];

/// How well an entry's feature fits what is wanted: `None` when it does not fit at all.
fn type_fit(wanted: Wanted, e: &Entry) -> Option<f64> {
    let (class, code) = (e.feature_class.as_str(), e.feature_code.as_str());
    if class.is_empty() {
        // Wikidata: no feature codes. An entity with a coordinate location (P625) or an
        // `instance of` a known place class is a place; any other is taken for an organisation.
        let place = e.coordinates.is_some()
            || e.instance_of
                .iter()
                .any(|c| WIKIDATA_PLACE_CLASSES.contains(&c.as_str()));
        return match (wanted, place) {
            (Wanted::Actor, false) => Some(1.0),
            (Wanted::Actor, true) => None,
            (_, true) => Some(1.0),
            (_, false) => Some(0.85),
        };
    }
    let unknown = code.is_empty();
    let fit = |ok: bool| ok.then_some(if unknown { 0.95 } else { 1.0 });
    match wanted {
        Wanted::Actor => None,
        Wanted::AnyPlace => Some(match class {
            "P" => 1.0,
            "A" => 0.9,
            _ => 0.85,
        }),
        Wanted::Place(t) => match t {
            // A country row: PCL* code, or (extracts without codes) admin1 `00`.
            "country" => (class == "A" && (code.starts_with("PCL") || unknown && e.admin1 == "00"))
                .then_some(1.0),
            "governorate" => fit(class == "A" && code == "ADM1"),
            "district" => fit(class == "A" && code == "ADM2"),
            "subdistrict" => fit(class == "A" && code == "ADM3"),
            "city" | "town" | "village" => fit(class == "P"),
            "camp" => match class {
                "S" if code.starts_with("CMP") => Some(1.0),
                // GeoNames records some camps (Yarmouk) as a populated place or a section of one.
                "P" => Some(0.9),
                _ => None,
            },
            "oil-field" => fit(class == "S" && matches!(code, "OILF" | "OILW" | "GASF")),
            "airbase" => match (class, code) {
                ("S", "AIRB" | "AIRF") => Some(1.0),
                ("S", "AIRP" | "AIRH") => Some(0.9),
                _ => None,
            },
            "military-base" => fit(class == "S" && matches!(code, "INSM" | "MILB" | "CMPMN")),
            "desert" => match (class, code) {
                ("T", "DES" | "DESR") => Some(1.0),
                ("T", "PLN" | "PLAT" | "PLNX") => Some(0.9),
                ("L", "RGN") => Some(0.85),
                _ => None,
            },
            "river" => fit(class == "H" && matches!(code, "STM" | "STMI" | "STMS" | "WAD")),
            "region" => fit(class == "L" && matches!(code, "RGN" | "AREA" | "RGNE")),
            _ => None,
        },
    }
}

/// A lookup: the names to try and what constrains the answer.
#[derive(Debug, Clone)]
pub struct Query {
    pub names: Vec<String>,
    pub wanted: Wanted,
    /// ISO alpha-2 code the entry must have (GeoNames).
    pub country: Option<String>,
    /// GeoNames admin1 code the entry must have (the curated parent governorate).
    pub admin1: Option<String>,
    /// Human name of that governorate, for reasons.
    pub admin1_name: Option<String>,
    /// Coordinates of the nearest linked ancestor: closer entries win ties.
    pub near: Option<(f64, f64)>,
}

/// One scored candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Index into the gazetteer's entries.
    pub entry: usize,
    pub score: f64,
    /// The gazetteer's name that matched.
    pub matched_name: String,
    /// How the name matched: 1 preferred name, 0.95 alternate name, 0.9 same consonants, lower
    /// for approximate spellings. Below 0.95 a candidate is at best a close match.
    pub name_score: f64,
    /// Why it was not eligible (wrong country, admin1 or type), if it was not.
    pub rejected: Option<String>,
}

/// The matcher's answer for one query.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub decision: Decision,
    /// The chosen candidate (exact or close).
    pub chosen: Option<Scored>,
    /// The best candidates, eligible or not, best first (at most five).
    pub candidates: Vec<Scored>,
    pub reason: String,
}

/// Score at or above which a clear best candidate is an exact match.
pub const EXACT: f64 = 0.85;
/// Score at or above which a candidate is a close match.
pub const CLOSE: f64 = 0.7;
/// How far ahead of the runner-up an exact match must be.
pub const MARGIN: f64 = 0.04;

/// Searches one gazetteer.
pub struct Matcher<'g> {
    pub gazetteer: &'g Gazetteer,
    admin1: Vec<(String, String, HashSet<String>)>,
}

/// Words that name the kind of area, dropped when a governorate name is compared.
const AREA_WORDS: &[&str] = &[
    "governorate",
    "province",
    "muhafazat",
    "mohafazat",
    "district",
    "city",
];

fn area_key(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !AREA_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    name_key(&words.join(" "))
}

impl<'g> Matcher<'g> {
    /// A matcher over `gazetteer`; admin1 names come from the admin names file (when given) and
    /// from the gazetteer's own ADM1 rows.
    pub fn new(gazetteer: &'g Gazetteer, admin1: Option<&AdminNames>) -> Self {
        let mut by_code: BTreeMap<(String, String), (String, HashSet<String>)> = BTreeMap::new();
        if let Some(names) = admin1 {
            for (code, n) in names {
                if let Some((cc, a1)) = code.split_once('.') {
                    let slot = by_code
                        .entry((cc.to_string(), a1.to_string()))
                        .or_insert_with(|| (n.name.clone(), HashSet::new()));
                    slot.1.insert(area_key(&n.name));
                    slot.1.insert(area_key(&n.ascii));
                }
            }
        }
        for e in &gazetteer.entries {
            if e.feature_code == "ADM1" && !e.admin1.is_empty() {
                let slot = by_code
                    .entry((e.country.clone(), e.admin1.clone()))
                    .or_insert_with(|| (e.name.clone(), HashSet::new()));
                for n in e.names() {
                    slot.1.insert(area_key(n));
                }
            }
        }
        let admin1 = by_code
            .into_iter()
            .map(|((cc, a1), (name, keys))| (format!("{cc}.{a1}"), name, keys))
            .collect();
        Self { gazetteer, admin1 }
    }

    /// The admin1 code (`07`) and name of a governorate given by any of its names, in `country`.
    pub fn admin1_code(&self, country: &str, names: &[String]) -> Option<(String, String)> {
        let keys: HashSet<String> = names.iter().map(|n| area_key(n)).collect();
        let prefix = format!("{country}.");
        self.admin1
            .iter()
            .filter(|(code, _, _)| code.starts_with(&prefix))
            .find(|(_, _, k)| !k.is_disjoint(&keys))
            .map(|(code, name, _)| (code[prefix.len()..].to_string(), name.clone()))
    }

    /// Every candidate whose name matches one of the query's names, scored, best first.
    pub fn candidates(&self, q: &Query) -> Vec<Scored> {
        let g = self.gazetteer;
        // entry → (name score, matched name)
        let mut hits: HashMap<usize, (f64, String)> = HashMap::new();
        let note = |hits: &mut HashMap<usize, (f64, String)>, i: usize, s: f64, key: &str| {
            let slot = hits.entry(i).or_insert((0.0, String::new()));
            if s > slot.0 {
                let matched = g.entries[i]
                    .names()
                    .find(|n| name_key(n) == key)
                    .unwrap_or(&g.entries[i].name)
                    .to_string();
                *slot = (s, matched);
            }
        };
        let note_skeleton = |hits: &mut HashMap<usize, (f64, String)>, i: usize, key: &str| {
            let want = skeleton(key);
            if let Some(n) = g.entries[i]
                .names()
                .find(|n| skeleton(&name_key(n)) == want)
            {
                hits.entry(i).or_insert((0.9, n.to_string()));
            }
        };
        let keys: Vec<String> = q
            .names
            .iter()
            .map(|n| name_key(n))
            .filter(|k| !k.is_empty())
            .collect();
        for key in &keys {
            for &(i, kind) in g.lookup(key) {
                note(
                    &mut hits,
                    i,
                    if kind == NameKind::Preferred {
                        1.0
                    } else {
                        0.95
                    },
                    key,
                );
            }
        }
        if hits.is_empty() {
            // Same consonants, other vowels: plausible at best (0.9 × 0.94 < EXACT).
            for key in keys.iter().filter(|k| k.chars().count() >= 4) {
                for &i in g.lookup_skeleton(&skeleton(key)) {
                    note_skeleton(&mut hits, i, key);
                }
            }
        }
        if hits.is_empty() {
            // Approximate: keys of similar length starting with the same letter.
            for key in keys.iter().filter(|k| k.chars().count() >= 4) {
                let first = key.chars().next();
                let len = key.chars().count();
                for (k, entries) in g.keys() {
                    if k.chars().next() != first || k.chars().count().abs_diff(len) > 2 {
                        continue;
                    }
                    let sim = similarity(key, k);
                    if sim >= 0.6 {
                        for &(i, _) in entries {
                            note(&mut hits, i, 0.85 * sim, k);
                        }
                    }
                }
            }
        }
        let mut scored: Vec<Scored> = hits
            .into_iter()
            .map(|(i, (name_score, matched_name))| {
                let e = &g.entries[i];
                let mut rejected = None;
                if name_score < 0.85 * 0.8 {
                    // Shown to the reviewer, never chosen.
                    rejected = Some(format!("name only similar ({:.2})", name_score / 0.85));
                }
                let mut factor = 1.0;
                if let Some(cc) = &q.country {
                    if !e.country.is_empty() && &e.country != cc && rejected.is_none() {
                        rejected = Some(format!("country {} is not {cc}", e.country));
                    }
                }
                if let Some(a1) = &q.admin1 {
                    if e.admin1.is_empty() {
                        factor *= 0.9;
                    } else if &e.admin1 != a1 && rejected.is_none() {
                        rejected = Some(format!(
                            "admin1 {} is not {a1} ({})",
                            e.admin1,
                            q.admin1_name.as_deref().unwrap_or("the parent governorate")
                        ));
                    }
                }
                match type_fit(q.wanted, e) {
                    Some(f) => factor *= f,
                    None => {
                        if rejected.is_none() {
                            rejected = Some(format!(
                                "{} does not fit {}",
                                if e.feature_class.is_empty() {
                                    "an entity with coordinates".to_string()
                                } else {
                                    format!(
                                        "feature {}.{}",
                                        e.feature_class,
                                        if e.feature_code.is_empty() {
                                            "?"
                                        } else {
                                            &e.feature_code
                                        }
                                    )
                                },
                                match q.wanted {
                                    Wanted::Place(t) => t,
                                    Wanted::Actor => "an actor",
                                    Wanted::AnyPlace => "a place",
                                }
                            ))
                        }
                    }
                }
                let mut score = 0.94 * name_score * factor;
                if e.population > 0 {
                    score += 0.03 * ((e.population as f64 + 1.0).log10() / 6.0).min(1.0);
                }
                if let (Some(near), Some(at)) = (q.near, e.coordinates) {
                    score += 0.03 * (1.0 - distance_km(near, at) / 150.0).max(0.0);
                }
                Scored {
                    entry: i,
                    score: (score * 1000.0).round() / 1000.0,
                    matched_name,
                    name_score,
                    rejected,
                }
            })
            .collect();
        scored.sort_by(|a, b| {
            (a.rejected.is_some(), -a.score, &g.entries[a.entry].id)
                .partial_cmp(&(b.rejected.is_some(), -b.score, &g.entries[b.entry].id))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        scored
    }

    /// Matches a query and decides.
    pub fn decide(&self, q: &Query) -> Outcome {
        let all = self.candidates(q);
        let eligible: Vec<&Scored> = all.iter().filter(|s| s.rejected.is_none()).collect();
        let candidates: Vec<Scored> = all.iter().take(5).cloned().collect();
        let Some(best) = eligible.first() else {
            let reason = if all.is_empty() {
                "no entry has any of these names".to_string()
            } else {
                format!(
                    "{} candidate{}, none fitting; best: {}",
                    all.len(),
                    if all.len() == 1 { "" } else { "s" },
                    all[0].rejected.as_deref().unwrap_or("")
                )
            };
            return Outcome {
                decision: Decision::None,
                chosen: None,
                candidates,
                reason,
            };
        };
        let runner_up = eligible.get(1).map_or(0.0, |s| s.score);
        let margin = best.score - runner_up;
        let e = &self.gazetteer.entries[best.entry];
        let (decision, reason) =
            if best.score >= EXACT && margin >= MARGIN && best.name_score >= 0.95 {
                (
                    Decision::Exact,
                    format!(
                        "name `{}`, {}{}",
                        best.matched_name,
                        describe(e),
                        if eligible.len() > 1 {
                            format!(", {margin:.2} ahead of the runner-up")
                        } else {
                            String::new()
                        }
                    ),
                )
            } else if best.score >= CLOSE {
                (
                    Decision::Close,
                    if best.name_score < 0.95 {
                        format!(
                            "plausible: `{}` ({}) is spelled differently (name score {:.2})",
                            best.matched_name,
                            describe(e),
                            best.name_score
                        )
                    } else if best.score >= EXACT {
                        format!(
                            "ambiguous: runner-up only {margin:.2} behind ({})",
                            describe(&self.gazetteer.entries[eligible[1].entry])
                        )
                    } else {
                        format!(
                            "plausible: name `{}` ({}), score below {EXACT}",
                            best.matched_name,
                            describe(e)
                        )
                    },
                )
            } else {
                (
                    Decision::None,
                    format!("best score {:.2} is below {CLOSE}", best.score),
                )
            };
        Outcome {
            chosen: (decision != Decision::None).then(|| (*best).clone()),
            decision,
            candidates,
            reason,
        }
    }
}

fn describe(e: &Entry) -> String {
    let mut parts = Vec::new();
    if !e.feature_class.is_empty() {
        parts.push(format!(
            "{}.{}",
            e.feature_class,
            if e.feature_code.is_empty() {
                "?"
            } else {
                &e.feature_code
            }
        ));
    }
    if !e.country.is_empty() {
        parts.push(if e.admin1.is_empty() {
            e.country.clone()
        } else {
            format!("{}.{}", e.country, e.admin1)
        });
    }
    if e.population > 0 {
        parts.push(format!("pop. {}", e.population));
    }
    parts.join(" ")
}

// --- Overrides --------------------------------------------------------------------------------

/// One `[[link]]` of `data/links.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// `place` or `actor` id.
    pub target: Target,
    pub gazetteer: GazetteerKind,
    /// The entry id (`173480`, `Q2429253`); `None` with `match = "none"`.
    pub id: Option<String>,
    pub decision: Decision,
    pub note: Option<String>,
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    #[serde(default)]
    link: Vec<LinkRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkRecord {
    place: Option<Spanned<String>>,
    actor: Option<Spanned<String>>,
    geonames: Option<Spanned<i64>>,
    wikidata: Option<Spanned<String>>,
    #[serde(rename = "match")]
    decision: Option<Spanned<String>>,
    note: Option<String>,
}

/// Reads `links.toml` (absent file: no overrides), checking every reference against the model.
pub fn read_overrides(path: &Path, model: &Model) -> Result<Vec<Override>, LinkError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(LinkError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let src = SourceText::new(path, text);
    let file: LinksFile = toml::from_str(&src.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LinkError::Invalid(Problems(vec![src.problem(
            offset,
            "",
            e.message().trim().replace('\n', " "),
        )]))
    })?;
    let mut problems = Problems::default();
    let mut out = Vec::new();
    let mut seen: HashMap<(Target, GazetteerKind), usize> = HashMap::new();
    for (n, r) in file.link.into_iter().enumerate() {
        let field = |f: &str| format!("link[{n}].{f}");
        let mut problem = |offset: usize, f: &str, message: String| {
            problems.push(src.problem(offset, field(f), message));
        };
        let target = match (&r.place, &r.actor) {
            (Some(p), None) => {
                if !model.places.iter().any(|x| &x.id == p.get_ref()) {
                    problem(
                        p.span().start,
                        "place",
                        format!(
                            "unknown place `{}` (expected an id of data/reference/*.toml)",
                            p.get_ref()
                        ),
                    );
                }
                Target::Place(p.get_ref().clone())
            }
            (None, Some(a)) => {
                if !model.actors.iter().any(|x| &x.id == a.get_ref()) {
                    problem(
                        a.span().start,
                        "actor",
                        format!(
                            "unknown actor `{}` (expected an id of data/reference/*.toml)",
                            a.get_ref()
                        ),
                    );
                }
                Target::Actor(a.get_ref().clone())
            }
            _ => {
                let at = r
                    .place
                    .as_ref()
                    .map_or(0, |p| p.span().start)
                    .max(r.actor.as_ref().map_or(0, |a| a.span().start));
                problem(
                    at,
                    "place",
                    "expected exactly one of `place` or `actor`".into(),
                );
                continue;
            }
        };
        let (gazetteer, id, id_at) = match (&r.geonames, &r.wikidata) {
            (Some(g), None) => {
                if *g.get_ref() <= 0 {
                    problem(
                        g.span().start,
                        "geonames",
                        format!("found {}, expected a positive geonameid", g.get_ref()),
                    );
                }
                (
                    GazetteerKind::GeoNames,
                    Some(g.get_ref().to_string()),
                    g.span().start,
                )
            }
            (None, Some(w)) => {
                if crate::gazetteer::wikidata::qid(w.get_ref()).as_deref() != Some(w.get_ref()) {
                    problem(
                        w.span().start,
                        "wikidata",
                        format!("found `{}`, expected a QID such as Q2429253", w.get_ref()),
                    );
                }
                (
                    GazetteerKind::Wikidata,
                    Some(w.get_ref().clone()),
                    w.span().start,
                )
            }
            _ => {
                // `match = "none"` needs the gazetteer named, with or without an id.
                problem(
                    r.decision.as_ref().map_or(0, |d| d.span().start),
                    "geonames",
                    "expected exactly one of `geonames = <id>` or `wikidata = \"Q…\"`".into(),
                );
                continue;
            }
        };
        let decision = match r
            .decision
            .as_ref()
            .map(|d| (d.get_ref().as_str(), d.span().start))
        {
            None | Some(("exact", _)) => Decision::Exact,
            Some(("close", _)) => Decision::Close,
            Some(("none", _)) => Decision::None,
            Some((other, at)) => {
                problem(
                    at,
                    "match",
                    format!("found `{other}`, expected `exact`, `close` or `none`"),
                );
                Decision::None
            }
        };
        if let Some(first) = seen.insert((target.clone(), gazetteer), n) {
            problem(
                id_at,
                gazetteer.name(),
                format!(
                    "{} `{}` already has a {} override in link[{first}]",
                    match target {
                        Target::Place(_) => "place",
                        Target::Actor(_) => "actor",
                    },
                    target.id(),
                    gazetteer.name()
                ),
            );
        }
        out.push(Override {
            target,
            gazetteer,
            id: if decision == Decision::None { None } else { id },
            decision,
            note: r.note,
        });
    }
    problems.into_result().map_err(LinkError::Invalid)?;
    Ok(out)
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
        let country_place = ancestors
            .iter()
            .find(|a| by_id.get(*a).is_some_and(|x| x.place_type.id == "country"));
        let country = match (kind, country_place) {
            (GazetteerKind::Wikidata, _) => None,
            (_, Some(c)) => linked_entry(c)
                .map(|e| e.country.clone())
                .filter(|c| !c.is_empty()),
            (_, None) if p.place_type.id == "country" => None,
            (_, None) => Some("SY".to_string()),
        };
        let governorate = ancestors.iter().find(|a| {
            by_id
                .get(*a)
                .is_some_and(|x| x.place_type.id == "governorate")
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
                        match matcher.admin1_code(country.as_deref().unwrap_or("SY"), &names) {
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
            wanted: Wanted::Place(p.place_type.id),
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
            p.place_type.id,
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

/// The IRI of the geometry a gazetteer gives a place: `{place}/geometry/{gazetteer}`.
pub fn geometry_iri(place: &NamedNode, kind: GazetteerKind) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/geometry/{}", place.as_str(), kind.name()))
}

/// The qualified link resource: `{base}link/{gazetteer}/{place-id}` (`…/actor-{id}` for actors).
pub fn link_iri(base: &Base, kind: GazetteerKind, target: &Target) -> NamedNode {
    let local = match target {
        Target::Place(id) => id.clone(),
        Target::Actor(id) => format!("actor-{id}"),
    };
    NamedNode::new_unchecked(format!("{}link/{}/{local}", base.as_str(), kind.name()))
}

/// The gazetteer file as a provenance entity: `{base}source/gazetteer/{file name}`.
pub fn gazetteer_source_iri(base: &Base, file: &Path) -> NamedNode {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    NamedNode::new_unchecked(format!("{}source/gazetteer/{safe}", base.as_str()))
}

fn ckg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(vocab::ckg(local))
}

fn ns(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

/// `POINT(lon lat)` as a `geo:wktLiteral`.
pub fn wkt_point((lat, lon): (f64, f64)) -> Literal {
    Literal::new_typed_literal(format!("POINT({lon} {lat})"), ns(vocab::GEO, "wktLiteral"))
}

/// The quads of a linking run, all in the gazetteer's link graph. `file` is the gazetteer file
/// as the user named it.
pub fn link_quads(
    links: &[Linked],
    gazetteer: &Gazetteer,
    kind: GazetteerKind,
    file: &Path,
    base: &Base,
) -> Vec<Quad> {
    let graph = GraphName::NamedNode(kind.graph(base));
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: Term| {
        out.push(Quad::new(s.clone(), p, o, graph.clone()));
    };
    let source = gazetteer_source_iri(base, file);
    add(&source, rdf::TYPE.into(), ns(vocab::PROV, "Entity").into());
    add(
        &source,
        rdfs::LABEL.into(),
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
        ns(vocab::DCTERMS, "source"),
        Literal::new_simple_literal(file.display().to_string()).into(),
    );
    for l in links {
        let (Some(id), true) = (&l.entry_id, l.decision != Decision::None) else {
            continue;
        };
        let subject = l.target.iri(base);
        let entity = kind.entity(id);
        let predicate = match l.decision {
            Decision::Exact => ns(vocab::SKOS, "exactMatch"),
            _ => ns(vocab::SKOS, "closeMatch"),
        };
        add(&subject, predicate.clone(), entity.clone().into());
        let link = link_iri(base, kind, &l.target);
        add(&link, rdf::TYPE.into(), ckg(term::GAZETTEER_MATCH).into());
        add(&link, ckg(term::LINKED_RESOURCE), subject.clone().into());
        add(&link, ckg(term::GAZETTEER_ENTRY), entity.into());
        add(&link, ns(vocab::SKOS, "mappingRelation"), predicate.into());
        add(
            &link,
            ckg(term::MATCH_METHOD),
            Literal::new_simple_literal(match l.method {
                Method::Automatic => "automatic",
                Method::Override => "override",
            })
            .into(),
        );
        if let Some(score) = l.score {
            add(
                &link,
                ckg(term::MATCH_SCORE),
                Literal::new_typed_literal(format!("{score:.3}"), xsd::DECIMAL).into(),
            );
        }
        if let Some(name) = &l.matched_name {
            add(
                &link,
                ckg(term::MATCHED_NAME),
                Literal::new_simple_literal(name).into(),
            );
        }
        add(
            &link,
            ns(vocab::PROV, "wasDerivedFrom"),
            source.clone().into(),
        );
        add(
            &link,
            rdfs::COMMENT.into(),
            Literal::new_language_tagged_literal_unchecked(&l.reason, "en").into(),
        );
        // Coordinates of confident links only: a close match may be another place.
        let coordinates = l
            .entry
            .and_then(|i| gazetteer.entries[i].coordinates)
            .filter(|_| l.decision == Decision::Exact);
        if let (Target::Place(_), Some(at)) = (&l.target, coordinates) {
            let geometry = geometry_iri(&subject, kind);
            add(
                &subject,
                ns(vocab::GEO, "hasGeometry"),
                geometry.clone().into(),
            );
            add(
                &geometry,
                rdf::TYPE.into(),
                ns(vocab::GEO, "Geometry").into(),
            );
            add(&geometry, ns(vocab::GEO, "asWKT"), wkt_point(at).into());
            add(
                &geometry,
                ns(vocab::PROV, "wasDerivedFrom"),
                source.clone().into(),
            );
        }
    }
    out
}

// --- Reconciling a list of names --------------------------------------------------------------

/// One reconciled mention (`--names`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    pub mention: String,
    pub geonameid: Option<String>,
    pub name: Option<String>,
    pub score: Option<f64>,
    pub decision: Decision,
}

/// Reads a names TSV (header with `mention` and optional `governorate`) and matches every row.
pub fn reconcile(
    path: &Path,
    text: &str,
    matcher: &Matcher<'_>,
    country: &str,
) -> Result<Vec<Reconciled>, LinkError> {
    let problem = |line: usize, column: usize, field: &str, message: String| {
        LinkError::Invalid(Problems(vec![Problem {
            location: crate::diag::Location {
                file: path.to_path_buf(),
                line,
                column,
            },
            field: field.to_string(),
            message,
        }]))
    };
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(problem(
            1,
            1,
            "header",
            "found an empty file, expected a header line with a `mention` column".into(),
        ));
    };
    let header: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split('\t')
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let Some(mention_col) = header.iter().position(|h| h == "mention") else {
        return Err(problem(
            1,
            1,
            "header",
            format!(
                "found columns `{}`, expected a `mention` column (and optionally `governorate`)",
                header.join("`, `")
            ),
        ));
    };
    let gov_col = header.iter().position(|h| h == "governorate");
    let mut out = Vec::new();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let mention = cols.get(mention_col).map_or("", |m| m.trim());
        if mention.is_empty() {
            return Err(problem(
                i + 1,
                mention_col + 1,
                "mention",
                "found nothing, expected a place name".into(),
            ));
        }
        let (admin1, admin1_name) = match gov_col.and_then(|c| cols.get(c)).map(|g| g.trim()) {
            Some(g) if !g.is_empty() => match matcher.admin1_code(country, &[g.to_string()]) {
                Some((code, name)) => (Some(code), Some(name)),
                None => {
                    return Err(problem(
                        i + 1,
                        gov_col.unwrap_or(0) + 1,
                        "governorate",
                        format!(
                            "found `{g}`, expected the name of a first-level division of {country} (as in the admin1 codes file or the dump's ADM1 rows)"
                        ),
                    ));
                }
            },
            _ => (None, None),
        };
        // "… Governorate", "… province": the mention says what it is.
        let says_governorate = mention.split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "governorate" | "province" | "muhafazat" | "mohafazat"
            )
        });
        let outcome = matcher.decide(&Query {
            names: vec![mention.to_string()],
            wanted: if says_governorate {
                Wanted::Place("governorate")
            } else {
                Wanted::AnyPlace
            },
            country: Some(country.to_string()),
            admin1,
            admin1_name,
            near: None,
        });
        let chosen = outcome.chosen.as_ref();
        out.push(Reconciled {
            mention: mention.to_string(),
            geonameid: chosen.map(|s| matcher.gazetteer.entries[s.entry].id.clone()),
            name: chosen.map(|s| matcher.gazetteer.entries[s.entry].name.clone()),
            score: chosen.map(|s| s.score),
            decision: outcome.decision,
        });
    }
    Ok(out)
}

/// Writes reconciled mentions as TSV: `mention geonameid name score match`.
pub fn write_reconciled(rows: &[Reconciled], out: &mut impl std::io::Write) -> std::io::Result<()> {
    writeln!(out, "mention\tgeonameid\tname\tscore\tmatch")?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for r in rows {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            clean(&r.mention),
            r.geonameid.as_deref().unwrap_or(""),
            clean(r.name.as_deref().unwrap_or("")),
            r.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
            r.decision.name()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, class: &str, code: &str, admin1: &str, pop: u64) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            alternates: Vec::new(),
            coordinates: Some((35.0, 40.0)),
            feature_class: class.into(),
            feature_code: code.into(),
            country: "SY".into(),
            admin1: admin1.into(),
            admin2: String::new(),
            population: pop,
            instance_of: Vec::new(),
        }
    }

    fn query(name: &str, wanted: Wanted, admin1: Option<&str>) -> Query {
        Query {
            names: vec![name.into()],
            wanted,
            country: Some("SY".into()),
            admin1: admin1.map(str::to_string),
            admin1_name: None,
            near: None,
        }
    }

    fn gazetteer(entries: Vec<Entry>) -> Gazetteer {
        let mut g = Gazetteer::new("test");
        for e in entries {
            g.push(e);
        }
        g
    }

    #[test]
    fn a_town_in_deir_ez_zor_never_matches_a_namesake_in_another_governorate() {
        let g = gazetteer(vec![
            entry("1", "Hajin", "P", "PPL", "11", 90000),
            entry("2", "Hajīn", "P", "PPLA3", "07", 29237),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query("Hajin", Wanted::Place("town"), Some("07")));
        assert_eq!(out.decision, Decision::Exact);
        assert_eq!(g.entries[out.chosen.unwrap().entry].id, "2");
        let refused = out.candidates.iter().find(|c| c.entry == 0).unwrap();
        assert!(
            refused
                .rejected
                .as_deref()
                .unwrap()
                .starts_with("admin1 11 is not 07")
        );
    }

    #[test]
    fn a_governorate_only_matches_an_adm1_row() {
        let g = gazetteer(vec![
            entry("1", "Homs", "P", "PPLA", "11", 775404),
            entry("2", "Homs", "A", "ADM1", "11", 0),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query("Homs", Wanted::Place("governorate"), None));
        assert_eq!(g.entries[out.chosen.unwrap().entry].id, "2");
        let out = m.decide(&query("Homs", Wanted::Place("oil-field"), None));
        assert_eq!(out.decision, Decision::None);
        assert!(out.reason.contains("none fitting"), "{}", out.reason);
    }

    #[test]
    fn two_equally_good_namesakes_give_a_close_match_not_an_exact_one() {
        let g = gazetteer(vec![
            entry("1", "Tall Abyad", "P", "PPL", "04", 0),
            entry("2", "Tall Abyad", "P", "PPL", "04", 0),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query("Tell Abyad", Wanted::Place("village"), Some("04")));
        assert_eq!(out.decision, Decision::Close);
        assert!(out.reason.starts_with("ambiguous"), "{}", out.reason);
    }

    #[test]
    fn a_misspelling_is_at_best_a_close_match() {
        let g = gazetteer(vec![entry("1", "Subaykhan", "P", "PPL", "07", 25514)]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query("Subaykhun", Wanted::Place("town"), Some("07")));
        assert_eq!(out.decision, Decision::Close, "{out:?}");
    }

    #[test]
    fn governorate_names_resolve_to_admin1_codes_from_adm1_rows() {
        let mut adm1 = entry("170792", "Dayr az Zawr", "A", "ADM1", "07", 0);
        adm1.alternates.push("Deir ez-Zor Governorate".into());
        let g = gazetteer(vec![adm1]);
        let m = Matcher::new(&g, None);
        for name in ["Deir Ezzor province", "Deir ez-Zor", "Dayr az Zawr"] {
            assert_eq!(
                m.admin1_code("SY", &[name.to_string()]),
                Some(("07".to_string(), "Dayr az Zawr".to_string())),
                "{name}"
            );
        }
        assert_eq!(m.admin1_code("IQ", &["Deir ez-Zor".to_string()]), None);
    }
}
