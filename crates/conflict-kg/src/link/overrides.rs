//! Overrides: `data/links.toml`, a person's decisions about links, which always win over the
//! matcher. Read and checked against the model before anything is written; every problem names
//! `file:line:column`, the field, what was found and what was expected.

use super::{Decision, GazetteerKind, LinkError, Target};
use crate::diag::{Problems, SourceText};
use crate::model::Model;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

/// One `[[link]]` of `data/links.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// `place` or `actor` id.
    pub target: Target,
    pub gazetteer: GazetteerKind,
    /// The entry id (`173480`, `Q2429253`); `None` with `match = "none"`.
    pub id: Option<String>,
    pub decision: Decision,
    /// `geometry = true`: a close match whose coordinates stand for the place (a person
    /// checked that they do, e.g. the airport whose runways an airbase uses).
    pub geometry: bool,
    pub note: Option<String>,
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
    geometry: Option<Spanned<bool>>,
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
    let file: LinksFile = src
        .parse_toml()
        .map_err(|p| LinkError::Invalid(Problems::from(vec![p]).found_in(path)))?;
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
        let geometry = r.geometry.as_ref().is_some_and(|g| *g.get_ref());
        if let Some(g) = r.geometry.as_ref().filter(|_| decision != Decision::Close) {
            problem(
                g.span().start,
                "geometry",
                "`geometry` only applies to `match = \"close\"` (an exact match always gives \
                 its coordinates, `none` has none)"
                    .into(),
            );
        }
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
            geometry,
            note: r.note,
        });
    }
    problems
        .into_result()
        .map_err(|p| LinkError::Invalid(p.found_in(path)))?;
    Ok(out)
}
