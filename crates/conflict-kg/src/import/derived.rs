//! The derived data of an import graph beyond the per-incident shortcuts, and how they follow
//! the curated place hierarchy:
//!
//! - the **aggregate** ([`Counts`]): the file's incidents per governorate (`ckg:derivedGovernorate`)
//!   and month (of `ckg:startDate`), one `ckg:IncidentCount` resource per cell, written by the
//!   emitter after the last row, so the governorate-and-month question reads a few thousand
//!   triples instead of scanning and joining three properties of every incident;
//! - the **hierarchy digest** ([`hierarchy_digest`], `ckg:placeHierarchyDigest` on the graph's
//!   IRI): a digest of the curated governorates of every curated place, the part of the curated
//!   data `ckg:derivedGovernorate` and the aggregate were computed from;
//! - their **refresh** ([`refresh`]): `ckg build` calls it in its own transaction, after it has
//!   replaced the curated graphs. An import graph whose digest is not the new hierarchy's gets
//!   the `ckg:derivedGovernorate` of every incident whose place now lies in other governorates
//!   (the walk `ckg:within*` through the graph's own place chain and the new curated hierarchy,
//!   the emitter's rule), its aggregate adjusted by the same incidents, and the new digest: the
//!   triples a re-import of the same file with the new data would write, as long as
//!   reconciliation picks the same curated places (which curated place a name stands for is
//!   decided at import time; re-import to decide it again, `ontology/README.md`).
//!
//! Everything here is deterministic: cells are written in IRI and month order, and a cell's IRI
//! comes from its graph, month and governorate ([`crate::iri`]).

use crate::iri::{self, Base};
use crate::model::Model;
use crate::vocab::{PlaceType, ckg};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::{StorageError, Transaction};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A calendar month, as the first seven characters of an `xsd:date` give it (`2018-05`).
type Month = (i32, u32);

/// Incidents per governorate and month, for one import graph.
#[derive(Debug, Default)]
pub(super) struct Counts {
    cells: HashMap<NamedNode, HashMap<Month, i64>>,
}

impl Counts {
    /// Counts one incident of `month` in each of `governorates` (`by` is 1, or -1 to take one
    /// back).
    pub(super) fn add(&mut self, governorates: &[NamedNode], month: Month, by: i64) {
        for g in governorates {
            let months = match self.cells.get_mut(g) {
                Some(months) => months,
                None => self.cells.entry(g.clone()).or_default(),
            };
            *months.entry(month).or_default() += by;
        }
    }

    /// The aggregate's quads in `graph`: per non-empty cell `{graph}/count/{month}/{place}`,
    /// its class, dataset, governorate, month and count.
    pub(super) fn quads(&self, base: &Base, graph: &NamedNode, dataset: &NamedNode) -> Vec<Quad> {
        let sorted: BTreeMap<(&str, Month), (&NamedNode, i64)> = self
            .cells
            .iter()
            .flat_map(|(g, months)| {
                months
                    .iter()
                    .filter(|(_, n)| **n > 0)
                    .map(move |(m, n)| ((g.as_str(), *m), (g, *n)))
            })
            .collect();
        let in_graph = GraphName::from(graph.clone());
        let mut quads = Vec::with_capacity(sorted.len() * 5);
        for ((_, month), (governorate, n)) in sorted {
            let text = month_text(month);
            let cell = iri::incident_count(base, graph, &text, governorate);
            let mut add = |p: NamedNodeRef<'_>, o: Term| {
                quads.push(Quad::new(cell.clone(), p.into_owned(), o, in_graph.clone()))
            };
            add(rdf::TYPE, ckg::INCIDENT_COUNT.into_owned().into());
            add(ckg::COUNT_DATASET, dataset.clone().into());
            add(ckg::COUNT_GOVERNORATE, governorate.clone().into());
            add(
                ckg::COUNT_MONTH,
                Literal::new_typed_literal(text, xsd::G_YEAR_MONTH).into(),
            );
            add(
                ckg::INCIDENT_COUNT_PROP,
                Literal::new_typed_literal(n.to_string(), xsd::INTEGER).into(),
            );
        }
        quads
    }
}

/// The month of a date, as `SUBSTR(STR(?start), 1, 7)` gives it.
pub(super) fn month_of(date: chrono::NaiveDate) -> Month {
    use chrono::Datelike;
    (date.year(), date.month())
}

fn month_text((year, month): Month) -> String {
    format!("{year:04}-{month:02}")
}

/// `2018-05` (or the `2018-05-23` of an `xsd:date`) → its month.
fn parse_month(text: &str) -> Option<Month> {
    let year = text.get(..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    (text.as_bytes().get(4) == Some(&b'-')).then_some((year, month))
}

/// The digest an import records of the curated hierarchy (curated place id → its curated
/// governorates): FNV-1a (64 bits) over the sorted `id\tgovernorate…\n` lines, as
/// `fnv1a64:{hex}`. It only has to change when the hierarchy does (a build compares it); it is
/// not a checksum against tampering.
pub(super) fn hierarchy_digest(governorates: &HashMap<String, Vec<String>>) -> String {
    let mut ids: Vec<&String> = governorates.keys().collect();
    ids.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for id in ids {
        feed(id.as_bytes());
        for g in &governorates[id] {
            feed(b"\t");
            feed(g.as_bytes());
        }
        feed(b"\n");
    }
    format!("fnv1a64:{hash:016x}")
}

/// The quad `<graph> ckg:placeHierarchyDigest "digest"` in `graph`.
pub(super) fn digest_quad(graph: &NamedNode, digest: &str) -> Quad {
    Quad::new(
        graph.clone(),
        ckg::PLACE_HIERARCHY_DIGEST.into_owned(),
        Literal::new_simple_literal(digest),
        graph.clone(),
    )
}

/// What [`refresh`] did to the import graphs, each list sorted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Refresh {
    /// Graphs whose derived data was recomputed for the new hierarchy.
    pub refreshed: Vec<NamedNode>,
    /// Graphs with no `ckg:placeHierarchyDigest` (imported before the aggregate existed): left
    /// as they are, since nothing says which hierarchy their derived data follows.
    pub undigested: Vec<NamedNode>,
}

/// Brings the derived data of every import graph in `tx` up to the curated hierarchy of
/// `model` (see the module doc). A graph without a digest (imported before the aggregate
/// existed) is left as it is and reported, so the caller can say: re-import it.
pub(crate) fn refresh(
    tx: &mut Transaction<'_>,
    base: &Base,
    model: &Model,
) -> Result<Refresh, StorageError> {
    let curated = super::reconcile::curated_governorates(model);
    let digest = hierarchy_digest(&curated);
    let prefix = import_graph_prefix(base);
    let mut graphs = Vec::new();
    for g in tx.named_graphs() {
        if let NamedOrBlankNode::NamedNode(g) = g? {
            if g.as_str().starts_with(&prefix) {
                graphs.push(g);
            }
        }
    }
    graphs.sort();
    let mut done = Refresh::default();
    for graph in graphs {
        let recorded = objects(tx, graph.as_ref(), ckg::PLACE_HIERARCHY_DIGEST, &graph)?;
        let Some(Term::Literal(old)) = recorded.first() else {
            done.undigested.push(graph);
            continue;
        };
        if old.value() == digest {
            continue;
        }
        let old = digest_quad(&graph, old.value());
        refresh_graph(tx, base, &curated, &graph)?;
        tx.remove(&old);
        tx.insert(&digest_quad(&graph, &digest));
        done.refreshed.push(graph);
    }
    Ok(done)
}

/// One import graph's `ckg:derivedGovernorate` and aggregate, recomputed for the places whose
/// governorates changed.
fn refresh_graph(
    tx: &mut Transaction<'_>,
    base: &Base,
    curated: &HashMap<String, Vec<String>>,
    graph: &NamedNode,
) -> Result<(), StorageError> {
    let in_graph = GraphNameRef::from(graph);
    // The graph's own place chain: parents, and which of its places are governorates.
    let mut parents: HashMap<NamedNode, Vec<NamedNode>> = HashMap::new();
    for q in tx.quads_for_pattern(None, Some(ckg::WITHIN), None, Some(in_graph)) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (q.subject, q.object) {
            parents.entry(s).or_default().push(o);
        }
    }
    let governorate_type = PlaceType::Governorate.iri();
    let mut own_governorates = HashSet::new();
    let mut own_places = HashSet::new();
    for q in tx.quads_for_pattern(None, Some(ckg::PLACE_TYPE), None, Some(in_graph)) {
        let q = q?;
        if let NamedOrBlankNode::NamedNode(s) = q.subject {
            if q.object == Term::from(governorate_type.into_owned()) {
                own_governorates.insert(s.clone());
            }
            own_places.insert(s);
        }
    }
    let place_folder = base.folder(crate::vocab::folder::PLACE);
    let walk = |start: &NamedNode| -> Vec<NamedNode> {
        let mut found = HashSet::new();
        let mut todo = vec![start.clone()];
        let mut seen = HashSet::new();
        while let Some(p) = todo.pop() {
            if !seen.insert(p.clone()) {
                continue;
            }
            if own_places.contains(&p) {
                if own_governorates.contains(&p) {
                    found.insert(p.clone());
                }
                todo.extend(parents.get(&p).into_iter().flatten().cloned());
            } else if let Some(id) = p.as_str().strip_prefix(&place_folder) {
                found.extend(curated.get(id).into_iter().flatten().map(|g| base.place(g)));
            }
        }
        let mut found: Vec<NamedNode> = found.into_iter().collect();
        found.sort();
        found
    };

    // The places the graph's incidents are at (one scan of `ckg:place`, only when stale).
    let mut at: HashMap<NamedNode, Vec<NamedNode>> = HashMap::new();
    for q in tx.quads_for_pattern(None, Some(ckg::PLACE_PROP), None, Some(in_graph)) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(i), Term::NamedNode(p)) = (q.subject, q.object) {
            at.entry(p).or_default().push(i);
        }
    }
    let mut places: Vec<&NamedNode> = at.keys().collect();
    places.sort();
    let mut delta = Counts::default();
    let mut changed = false;
    for place in places {
        let incidents = &at[place];
        let new = walk(place);
        // Every incident at a place has the same governorates (the emitter's rule and this one).
        let old: Vec<NamedNode> = named(objects(
            tx,
            incidents[0].as_ref(),
            ckg::DERIVED_GOVERNORATE,
            graph,
        )?);
        if sorted(old.clone()) == new {
            continue;
        }
        changed = true;
        for i in incidents {
            for g in &old {
                tx.remove(&Quad::new(
                    i.clone(),
                    ckg::DERIVED_GOVERNORATE.into_owned(),
                    g.clone(),
                    graph.clone(),
                ));
            }
            for g in &new {
                tx.insert(&Quad::new(
                    i.clone(),
                    ckg::DERIVED_GOVERNORATE.into_owned(),
                    g.clone(),
                    graph.clone(),
                ));
            }
            let start = objects(tx, i.as_ref(), ckg::START_DATE, graph)?;
            if let Some(month) = start
                .first()
                .and_then(|t| match t {
                    Term::Literal(l) => Some(l),
                    _ => None,
                })
                .and_then(|l| parse_month(l.value()))
            {
                delta.add(&old, month, -1);
                delta.add(&new, month, 1);
            }
        }
    }
    if !changed {
        return Ok(());
    }
    // The aggregate: the cells read back, adjusted, and written again whole.
    let mut counts = delta;
    let mut dataset = None;
    let cells: Vec<NamedNode> = tx
        .quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(ckg::INCIDENT_COUNT.into()),
            Some(in_graph),
        )
        .filter_map(|q| match q {
            Ok(q) => match q.subject {
                NamedOrBlankNode::NamedNode(s) => Some(Ok(s)),
                NamedOrBlankNode::BlankNode(_) => None,
            },
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    for cell in cells {
        let quads: Vec<Quad> = tx
            .quads_for_pattern(Some(cell.as_ref().into()), None, None, Some(in_graph))
            .collect::<Result<_, _>>()?;
        let (mut governorate, mut month, mut n) = (None, None, None);
        for q in &quads {
            match (q.predicate.as_ref(), &q.object) {
                (p, Term::NamedNode(o)) if p == ckg::COUNT_GOVERNORATE => {
                    governorate = Some(o.clone())
                }
                (p, Term::NamedNode(o)) if p == ckg::COUNT_DATASET => dataset = Some(o.clone()),
                (p, Term::Literal(l)) if p == ckg::COUNT_MONTH => month = parse_month(l.value()),
                (p, Term::Literal(l)) if p == ckg::INCIDENT_COUNT_PROP => {
                    n = l.value().parse::<i64>().ok()
                }
                _ => {}
            }
            tx.remove(q);
        }
        if let (Some(g), Some(m), Some(n)) = (governorate, month, n) {
            counts.add(&[g], m, n);
        }
    }
    let dataset = match dataset {
        Some(d) => d,
        None => dataset_of(base, graph),
    };
    tx.extend(&counts.quads(base, graph, &dataset));
    Ok(())
}

/// The source of an import graph's dataset, from its IRI (`{base}graph/import/{dataset}/…`).
fn dataset_of(base: &Base, graph: &NamedNode) -> NamedNode {
    let rest = graph
        .as_str()
        .strip_prefix(&import_graph_prefix(base))
        .unwrap_or_default();
    base.source(rest.split('/').next().unwrap_or_default())
}

/// `{base}graph/import/`: what every import graph's IRI starts with.
fn import_graph_prefix(base: &Base) -> String {
    format!("{}import/", base.folder(crate::vocab::folder::GRAPH))
}

fn objects(
    tx: &Transaction<'_>,
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
    graph: &NamedNode,
) -> Result<Vec<Term>, StorageError> {
    tx.quads_for_pattern(
        Some(subject.into()),
        Some(predicate),
        None,
        Some(graph.as_ref().into()),
    )
    .map(|q| q.map(|q| q.object))
    .collect()
}

fn named(terms: Vec<Term>) -> Vec<NamedNode> {
    terms
        .into_iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect()
}

fn sorted(mut v: Vec<NamedNode>) -> Vec<NamedNode> {
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_back_as_written_and_from_dates() {
        assert_eq!(month_text((2018, 5)), "2018-05");
        assert_eq!(parse_month("2018-05"), Some((2018, 5)));
        assert_eq!(parse_month("2018-05-23"), Some((2018, 5)));
        assert_eq!(parse_month("2018/05"), None);
        let d = chrono::NaiveDate::from_ymd_opt(2016, 12, 29).unwrap();
        assert_eq!(
            month_text(month_of(d)),
            &d.format("%Y-%m-%d").to_string()[..7]
        );
    }

    #[test]
    fn the_digest_changes_with_the_hierarchy_and_not_with_map_order() {
        let a: HashMap<String, Vec<String>> = [
            ("mayadeen".to_string(), vec!["deir-ez-zor".to_string()]),
            ("homs".to_string(), vec!["homs".to_string()]),
        ]
        .into();
        let mut b = a.clone();
        assert_eq!(hierarchy_digest(&a), hierarchy_digest(&b));
        b.insert("mayadeen".to_string(), vec!["homs".to_string()]);
        assert_ne!(hierarchy_digest(&a), hierarchy_digest(&b));
    }

    #[test]
    fn counts_taken_back_to_zero_write_no_cell() {
        let base = Base::default();
        let graph = base.import_graph("acled", "x");
        let g = base.place("g");
        let mut counts = Counts::default();
        counts.add(std::slice::from_ref(&g), (2018, 5), 1);
        counts.add(std::slice::from_ref(&g), (2018, 6), 1);
        counts.add(std::slice::from_ref(&g), (2018, 6), -1);
        let quads = counts.quads(&base, &graph, &base.source("acled"));
        assert_eq!(quads.len(), 5);
        assert!(
            quads
                .iter()
                .all(|q| q.subject.to_string().contains("/count/2018-05/g"))
        );
    }
}
