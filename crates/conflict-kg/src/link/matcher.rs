//! The matcher: for one set of names (a curated place's label and aliases, or a mention), the
//! gazetteer entries that could be meant, each scored, and the decision: exact, close or none.
//!
//! Candidates come from the name index (same key: 1 for a preferred name, 0.95 for an alternate),
//! else from the consonant skeleton (0.9), else from similar keys (0.85 × similarity). A
//! candidate counts only when its country, admin1 (the parent governorate) and feature
//! class/code fit; the others are kept, with the reason, for the review report. Population, a
//! seat of government (PPLA…) and nearness to the nearest linked ancestor break ties. A facility
//! (airbase, base, oil field, camp) no entry is named after may be a close match to an entry of
//! its kind beside its namesake village (`beside_namesake`).

use super::Decision;
use crate::gazetteer::geonames::AdminNames;
use crate::gazetteer::{
    Entry, Gazetteer, NameKind, distance_km, loose_skeleton, name_key, similarity, skeleton,
};
use crate::vocab::PlaceType;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What kind of thing is being looked up, which decides the feature classes/codes (GeoNames)
/// that fit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// A curated place of this type.
    Place(PlaceType),
    /// An actor (Wikidata only).
    Actor,
    /// A bare name (`--names`): populated places first, then admin areas, then anything.
    AnyPlace,
}

/// Wikidata classes whose instances are places: country (Q6256), sovereign state (Q3624078),
/// river (Q4022).
pub(super) const WIKIDATA_PLACE_CLASSES: &[&str] = &["Q6256", "Q3624078", "Q4022"];

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
            PlaceType::Country => (class == "A"
                && (code.starts_with("PCL") || unknown && e.admin1 == "00"))
                .then_some(1.0),
            PlaceType::Governorate => fit(class == "A" && code == "ADM1"),
            PlaceType::District => fit(class == "A" && code == "ADM2"),
            PlaceType::Subdistrict => fit(class == "A" && code == "ADM3"),
            PlaceType::City | PlaceType::Town | PlaceType::Village => fit(class == "P"),
            PlaceType::Camp => match class {
                "S" if code.starts_with("CMP") => Some(1.0),
                // GeoNames records some camps (Yarmouk) as a populated place or a section of one.
                "P" => Some(0.9),
                _ => None,
            },
            PlaceType::OilField => fit(class == "S" && matches!(code, "OILF" | "OILW" | "GASF")),
            PlaceType::Airbase => match (class, code) {
                ("S", "AIRB" | "AIRF") => Some(1.0),
                ("S", "AIRP" | "AIRH") => Some(0.9),
                _ => None,
            },
            PlaceType::MilitaryBase => {
                fit(class == "S" && matches!(code, "INSM" | "MILB" | "CMPMN"))
            }
            PlaceType::Desert => match (class, code) {
                ("T", "DES" | "DESR") => Some(1.0),
                ("T", "PLN" | "PLAT" | "PLNX") => Some(0.9),
                ("L", "RGN") => Some(0.85),
                _ => None,
            },
            PlaceType::River => {
                fit(class == "H" && matches!(code, "STM" | "STMI" | "STMS" | "WAD"))
            }
            PlaceType::Region => fit(class == "L" && matches!(code, "RGN" | "AREA" | "RGNE")),
            PlaceType::Hospital => fit(class == "S" && matches!(code, "HSP" | "HSPC" | "HSPD")),
            // A location of unknown kind (what imported dataset locations are): no feature says
            // an entry is one, so none fits.
            PlaceType::Locality => None,
        },
    }
}

/// Place types that are facilities, often named after the village beside them.
fn is_facility(t: PlaceType) -> bool {
    match t {
        PlaceType::Airbase | PlaceType::MilitaryBase | PlaceType::OilField | PlaceType::Camp => {
            true
        }
        PlaceType::Country
        | PlaceType::Governorate
        | PlaceType::District
        | PlaceType::Subdistrict
        | PlaceType::City
        | PlaceType::Town
        | PlaceType::Village
        | PlaceType::Desert
        | PlaceType::River
        | PlaceType::Region
        | PlaceType::Hospital
        | PlaceType::Locality => false,
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
    /// Refused for its feature alone (the right name in the right area, but, say, a village
    /// where an airbase is wanted): a namesake a facility may be named after.
    pub namesake: bool,
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
pub(super) const EXACT: f64 = 0.85;
/// Score at or above which a candidate is a close match.
pub(super) const CLOSE: f64 = 0.7;
/// How far ahead of the runner-up an exact match must be.
pub(super) const MARGIN: f64 = 0.04;
/// How far from its namesake a facility may lie (see `Matcher::beside_namesake`).
pub(super) const NAMESAKE_KM: f64 = 5.0;
/// GeoNames feature codes of seats of government (capital, admin1–4 seats).
const SEATS: &[&str] = &["PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"];

/// Searches one gazetteer.
pub struct Matcher<'g> {
    pub gazetteer: &'g Gazetteer,
    admin1: Vec<(String, String, HashSet<String>)>,
    /// Admin code (`SY.07`, `SY.07.170793`) → name, to show in reasons.
    area_names: HashMap<String, String>,
}

/// A governorate name's key: the transliteration key of the name without its area-kind words.
fn area_key(name: &str) -> String {
    name_key(&crate::gazetteer::without_area_words(name))
}

impl<'g> Matcher<'g> {
    /// A matcher over `gazetteer`; admin1 names come from the admin names (the contents of
    /// `admin1CodesASCII.txt` and `admin2Codes.txt`, when given) and from the gazetteer's own ADM1
    /// rows. Admin2 names only label entries in reasons and in the review report.
    pub fn new(gazetteer: &'g Gazetteer, admin: Option<&AdminNames>) -> Self {
        let mut by_code: BTreeMap<(String, String), (String, HashSet<String>)> = BTreeMap::new();
        let mut area_names = HashMap::new();
        if let Some(names) = admin {
            for (code, n) in names {
                area_names.insert(code.clone(), n.name.clone());
                // `SY.07` is an admin1 code; `SY.07.170793` (admin2) is not, nor is `SY.`.
                if let Some((cc, a1)) = code
                    .split_once('.')
                    .filter(|(_, a1)| !a1.is_empty() && !a1.contains('.'))
                {
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
                area_names
                    .entry(format!("{}.{}", e.country, e.admin1))
                    .or_insert_with(|| e.name.clone());
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
        Self {
            gazetteer,
            admin1,
            area_names,
        }
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
        let note_skeleton = |hits: &mut HashMap<usize, (f64, String)>,
                             i: usize,
                             want: &str,
                             skeleton: fn(&str) -> String| {
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
            // Two consonants (Badia, Baddā: `bd`) are too little to go on (`x` is kh, `$` sh).
            // Counted without vowels: `skeleton` keeps a leading one (Ibida, Ibda: `ibd`).
            let enough = |sk: &str| {
                sk.chars()
                    .filter(|c| !matches!(c, '~' | ' ' | 'a' | 'e' | 'i' | 'o' | 'u'))
                    .count()
                    >= 3
            };
            for form in [skeleton as fn(&str) -> String, loose_skeleton] {
                for key in keys.iter().filter(|k| k.chars().count() >= 4) {
                    let sk = form(key);
                    if !enough(&sk) {
                        continue;
                    }
                    for &i in g.lookup_skeleton(&sk) {
                        note_skeleton(&mut hits, i, &sk, form);
                    }
                }
                if !hits.is_empty() {
                    break;
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
                let mut namesake = false;
                match type_fit(q.wanted, e) {
                    Some(f) => factor *= f,
                    None => {
                        if rejected.is_none() {
                            // A village with the same name, or the same consonants (Hmeimim,
                            // Ḩumaymīm): what facilities are named after.
                            namesake = name_score >= 0.9 && e.feature_class == "P";
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
                                    Wanted::Place(t) => t.id(),
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
                if SEATS.contains(&e.feature_code.as_str()) {
                    // The seat of a capital, governorate, district or subdistrict is the one
                    // people mean more often than a namesake hamlet (a tie-breaker, like
                    // population, which GeoNames often gives as 0).
                    score += 0.015;
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
                    namesake,
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
            if let Some(outcome) = self.beside_namesake(q, &all) {
                return outcome;
            }
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
                        self.describe(e),
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
                            self.describe(e),
                            best.name_score
                        )
                    } else if best.score >= EXACT {
                        format!(
                            "ambiguous: runner-up only {margin:.2} behind ({})",
                            self.describe(&self.gazetteer.entries[eligible[1].entry])
                        )
                    } else {
                        format!(
                            "plausible: name `{}` ({}), score below {EXACT}",
                            best.matched_name,
                            self.describe(e)
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

    /// Facilities are often named after the village beside them (Hmeimim airbase, al-Tanf
    /// base): when no entry of a fitting feature has the name, an entry of a fitting feature
    /// within [`NAMESAKE_KM`] of a namesake (right name, right country and governorate, wrong
    /// feature) is a plausible match, never an exact one: the nearest, scored below [`EXACT`].
    fn beside_namesake(&self, q: &Query, all: &[Scored]) -> Option<Outcome> {
        let Wanted::Place(t) = q.wanted else {
            return None;
        };
        if !is_facility(t) {
            return None;
        }
        let g = self.gazetteer;
        // Facility → (its nearest namesake, km). Namesakes are populated places only.
        let mut nearest: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
        for n in all.iter().filter(|s| s.namesake) {
            let Some(at) = g.entries[n.entry].coordinates else {
                continue;
            };
            for (i, e) in g.entries.iter().enumerate() {
                // A facility is a facility: a village is never one, whatever `type_fit` allows
                // for a camp.
                let fits = e.feature_class != "P"
                    && type_fit(q.wanted, e).is_some()
                    && q.country.as_ref().is_none_or(|cc| &e.country == cc)
                    && q.admin1
                        .as_ref()
                        .is_none_or(|a1| e.admin1.is_empty() || &e.admin1 == a1);
                let Some(c) = e.coordinates.filter(|_| fits) else {
                    continue;
                };
                let km = distance_km(at, c);
                if km <= NAMESAKE_KM && nearest.get(&i).is_none_or(|&(_, k)| km < k) {
                    nearest.insert(i, (n.entry, km));
                }
            }
        }
        // Between CLOSE and EXACT: better fitting features and nearer ones first.
        let mut found: Vec<(Scored, usize, f64)> = nearest
            .into_iter()
            .map(|(i, (namesake, km))| {
                let fit = type_fit(q.wanted, &g.entries[i]).unwrap_or(0.0);
                let score = CLOSE + (EXACT - CLOSE) * 0.5 * fit * (1.0 - km / NAMESAKE_KM / 2.0);
                let scored = Scored {
                    entry: i,
                    score: (score * 1000.0).round() / 1000.0,
                    // The name that matched is the namesake's.
                    matched_name: all
                        .iter()
                        .find(|s| s.entry == namesake)
                        .map_or_else(String::new, |s| s.matched_name.clone()),
                    name_score: 0.0,
                    rejected: None,
                    namesake: false,
                };
                (scored, namesake, km)
            })
            .collect();
        found.sort_by(|a, b| {
            (-a.0.score, a.2, &g.entries[a.0.entry].id)
                .partial_cmp(&(-b.0.score, b.2, &g.entries[b.0.entry].id))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let (best, namesake, km) = found.first()?.clone();
        let e = &g.entries[best.entry];
        let n = &g.entries[namesake];
        let reason = format!(
            "plausible: no {} that fits this place has its name; `{}` ({}) lies {km:.1} km \
             from {} `{}` ({}), its namesake{}",
            t.id(),
            e.name,
            self.describe(e),
            n.id,
            n.name,
            self.describe(n),
            match found.get(1) {
                Some((s, _, km2)) => format!(
                    "; next: {} `{}` ({:.3}, {km2:.1} km)",
                    g.entries[s.entry].id, g.entries[s.entry].name, s.score
                ),
                None => String::new(),
            }
        );
        let candidates = found
            .into_iter()
            .map(|(s, _, _)| s)
            .chain(all.iter().cloned())
            .take(5)
            .collect();
        Some(Outcome {
            decision: Decision::Close,
            chosen: Some(best),
            candidates,
            reason,
        })
    }

    /// An entry for a reason: feature, admin codes with their names when known, population.
    /// `P.PPLA2 SY.07 (Dayr az Zawr) SY.07.170793 (Al Mayadin District) pop. 54534`.
    pub fn describe(&self, e: &Entry) -> String {
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
        let named = |code: String| match self.area_names.get(&code) {
            Some(name) => format!("{code} ({name})"),
            None => code,
        };
        if !e.country.is_empty() {
            if e.admin1.is_empty() {
                parts.push(e.country.clone());
            } else {
                let a1 = format!("{}.{}", e.country, e.admin1);
                if !e.admin2.is_empty() {
                    parts.push(named(a1.clone()));
                    parts.push(named(format!("{a1}.{}", e.admin2)));
                } else {
                    parts.push(named(a1));
                }
            }
        }
        if e.population > 0 {
            parts.push(format!("pop. {}", e.population));
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

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
        let out = m.decide(&query("Hajin", Wanted::Place(PlaceType::Town), Some("07")));
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
    fn admin2_names_label_reasons_but_are_not_admin1_codes() {
        use crate::gazetteer::geonames::AdminName;
        let mut e = entry("173480", "Al Mayādīn", "P", "PPLA2", "07", 54534);
        e.admin2 = "170793".into();
        let g = gazetteer(vec![e]);
        let name = |n: &str| AdminName {
            name: n.into(),
            ascii: n.into(),
            geonameid: String::new(),
        };
        let admin: AdminNames = [
            ("SY.07".to_string(), name("Dayr az Zawr")),
            ("SY.07.170793".to_string(), name("Al Mayadin District")),
        ]
        .into_iter()
        .collect();
        let m = Matcher::new(&g, Some(&admin));
        assert_eq!(
            m.describe(&g.entries[0]),
            "P.PPLA2 SY.07 (Dayr az Zawr) SY.07.170793 (Al Mayadin District) pop. 54534"
        );
        // The district's code never becomes a governorate: only `SY.07` is one.
        assert!(
            m.admin1_code("SY", &["Al Mayadin District".into()])
                .is_none()
        );
        assert_eq!(
            m.admin1_code(
                "SY",
                &["Deir ez-Zor Governorate".into(), "Dayr az Zawr".into()]
            ),
            Some(("07".into(), "Dayr az Zawr".into()))
        );
    }

    fn at(mut e: Entry, lat: f64, lon: f64) -> Entry {
        e.coordinates = Some((lat, lon));
        e
    }

    #[test]
    fn an_airbase_named_after_a_village_is_a_close_match_to_the_airfield_beside_it() {
        let g = gazetteer(vec![
            at(
                entry("169492", "Ḩumaymīm", "P", "PPL", "02", 0),
                35.40081,
                35.94032,
            ),
            at(
                entry("6300131", "Lattakia", "S", "AIRP", "", 0),
                35.40109,
                35.94868,
            ),
            at(
                entry("4472", "Khafr Bū at Taḩtā", "S", "AIRP", "02", 0),
                35.4125,
                35.94167,
            ),
            // 11 km away: too far to be the namesake's airfield.
            at(entry("1", "Far Field", "S", "AIRF", "02", 0), 35.5, 35.94),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query(
            "Hmeimim",
            Wanted::Place(PlaceType::Airbase),
            Some("02"),
        ));
        assert_eq!(out.decision, Decision::Close, "{}", out.reason);
        let chosen = out.chosen.unwrap();
        assert_eq!(g.entries[chosen.entry].id, "6300131");
        assert!(chosen.score >= CLOSE && chosen.score < EXACT);
        assert!(out.reason.contains("0.8 km from 169492"), "{}", out.reason);
        assert!(out.reason.contains("next: 4472"), "{}", out.reason);
        assert!(!out.candidates.iter().any(|c| g.entries[c.entry].id == "1"));
        // A town is not a facility: a namesake of the wrong feature gives nothing.
        let out = m.decide(&query(
            "Hmeimim",
            Wanted::Place(PlaceType::Desert),
            Some("02"),
        ));
        assert_eq!(out.decision, Decision::None);
    }

    #[test]
    fn the_nearest_namesake_counts_and_a_better_feature_wins() {
        let mut other = at(entry("1002", "Qaryat", "P", "PPL", "02", 0), 35.43, 35.94);
        other.alternates = vec!["Khmeimim".into()];
        let g = gazetteer(vec![
            at(entry("1001", "Hmeimim", "P", "PPL", "02", 0), 35.40, 35.94),
            other,
            // 0.4 km from 1002 (3.4 km from 1001); the AIRP is 0.5 km from 1001.
            at(
                entry("2001", "Xfield", "S", "AIRB", "02", 0),
                35.4335,
                35.94,
            ),
            at(entry("2002", "Yport", "S", "AIRP", "02", 0), 35.4045, 35.94),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&Query {
            names: vec!["Hmeimim".into(), "Khmeimim".into()],
            ..query("Hmeimim", Wanted::Place(PlaceType::Airbase), Some("02"))
        });
        // The air base (AIRB, 0.4 km from its nearest namesake) beats the airport (AIRP).
        assert_eq!(out.decision, Decision::Close);
        assert_eq!(g.entries[out.chosen.as_ref().unwrap().entry].id, "2001");
        assert!(
            out.reason.contains("lies 0.4 km from 1002"),
            "{}",
            out.reason
        );
        assert_eq!(out.chosen.unwrap().matched_name, "Khmeimim");
        assert!(out.candidates[0].score > out.candidates[1].score);
    }

    #[test]
    fn a_camp_is_never_a_village_beside_a_namesake_that_is_not_a_village() {
        let g = gazetteer(vec![
            at(entry("3001", "Yarmouk", "S", "SCH", "13", 0), 33.47, 36.30),
            at(entry("3002", "Babbila", "P", "PPL", "13", 0), 33.47, 36.33),
            at(entry("3003", "Yarmouk", "P", "PPL", "13", 0), 33.50, 36.30),
            at(entry("3004", "Babbila", "P", "PPL", "13", 0), 33.50, 36.31),
        ]);
        let m = Matcher::new(&g, None);
        // The village Yarmouk fits a camp (GeoNames records some camps so): an ordinary match.
        let out = m.decide(&query(
            "Yarmouk",
            Wanted::Place(PlaceType::Camp),
            Some("13"),
        ));
        assert_eq!(g.entries[out.chosen.unwrap().entry].id, "3003");
        // Without it, nothing: the school is no namesake, the villages are no camps.
        let g = gazetteer(g.entries[..2].to_vec());
        let m = Matcher::new(&g, None);
        let out = m.decide(&query(
            "Yarmouk",
            Wanted::Place(PlaceType::Camp),
            Some("13"),
        ));
        assert_eq!(out.decision, Decision::None, "{}", out.reason);
    }

    #[test]
    fn two_consonants_are_not_enough_for_a_skeleton_match() {
        let g = gazetteer(vec![
            entry("171977", "Baddā", "P", "PPL", "08", 0),
            entry("167899", "Khushām", "P", "PPLA3", "07", 0),
        ]);
        let m = Matcher::new(&g, None);
        assert_eq!(
            m.decide(&query("Badia", Wanted::AnyPlace, None)).decision,
            Decision::None
        );
        // A leading vowel is no consonant (Ibida, Ibda: `ibd`).
        let g2 = gazetteer(vec![entry("1", "Ibda", "P", "PPL", "08", 0)]);
        let m2 = Matcher::new(&g2, None);
        assert_eq!(
            m2.decide(&query("Ibida", Wanted::AnyPlace, None)).decision,
            Decision::None
        );
        // kh-sh-m: three consonants (`x$m` in keys) are.
        let out = m.decide(&query("Khasham", Wanted::AnyPlace, None));
        assert_eq!(g.entries[out.chosen.unwrap().entry].id, "167899");
    }

    #[test]
    fn a_seat_of_government_wins_a_tie_with_a_namesake() {
        let g = gazetteer(vec![
            entry("165505", "Ra’s al ‘Ayn", "P", "PPL", "09", 0),
            entry("165509", "Ra’s al ‘Ayn", "P", "PPLA2", "01", 0),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query("Ras al-Ain", Wanted::AnyPlace, None));
        // Ahead, but by less than MARGIN: plausible, not certain.
        assert_eq!(out.decision, Decision::Close);
        assert_eq!(g.entries[out.chosen.unwrap().entry].id, "165509");
    }

    #[test]
    fn a_governorate_only_matches_an_adm1_row() {
        let g = gazetteer(vec![
            entry("1", "Homs", "P", "PPLA", "11", 775404),
            entry("2", "Homs", "A", "ADM1", "11", 0),
        ]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query("Homs", Wanted::Place(PlaceType::Governorate), None));
        assert_eq!(g.entries[out.chosen.unwrap().entry].id, "2");
        let out = m.decide(&query("Homs", Wanted::Place(PlaceType::OilField), None));
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
        let out = m.decide(&query(
            "Tell Abyad",
            Wanted::Place(PlaceType::Village),
            Some("04"),
        ));
        assert_eq!(out.decision, Decision::Close);
        assert!(out.reason.starts_with("ambiguous"), "{}", out.reason);
    }

    #[test]
    fn a_misspelling_is_at_best_a_close_match() {
        let g = gazetteer(vec![entry("1", "Subaykhan", "P", "PPL", "07", 25514)]);
        let m = Matcher::new(&g, None);
        let out = m.decide(&query(
            "Subaykhun",
            Wanted::Place(PlaceType::Town),
            Some("07"),
        ));
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
