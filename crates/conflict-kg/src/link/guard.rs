//! The check before a link graph is replaced: a gazetteer file that yields nothing (an empty or
//! failed download) or lacks most of the entries the current links point to (a truncated one)
//! must not silently replace good links with nothing.

use super::{GazetteerKind, LinkError};
use crate::gazetteer::Gazetteer;
use crate::iri::gazetteer_entity;
use crate::store::{KgStore, StoreError};
use crate::vocab::ckg;
use oxigraph::model::{GraphNameRef, NamedNode, Term};
use std::collections::HashSet;

/// Fails when replacing `graph` with links into `gazetteer` would lose the links the graph
/// holds: the gazetteer has no entry at all, or fewer than half of the entries the current links
/// point to are in it.
pub fn check_replacement(
    store: &KgStore,
    graph: &NamedNode,
    kind: GazetteerKind,
    gazetteer: &Gazetteer,
) -> Result<(), LinkError> {
    let current = current_entries(store, graph)?;
    if gazetteer.is_empty() {
        return Err(LinkError::WouldLoseLinks {
            source_name: gazetteer.source.clone(),
            current: current.len(),
            found: 0,
            reason: "it has no usable entry",
        });
    }
    if current.is_empty() {
        return Ok(());
    }
    let available: HashSet<String> = gazetteer
        .entries
        .iter()
        .map(|e| gazetteer_entity(kind, &e.id).into_string())
        .collect();
    let found = current.iter().filter(|e| available.contains(*e)).count();
    if found * 2 < current.len() {
        return Err(LinkError::WouldLoseLinks {
            source_name: gazetteer.source.clone(),
            current: current.len(),
            found,
            reason: "it lacks most of the entries the current links point to",
        });
    }
    Ok(())
}

/// The gazetteer entries (`ckg:gazetteerEntry` objects) the links in `graph` point to.
fn current_entries(store: &KgStore, graph: &NamedNode) -> Result<HashSet<String>, LinkError> {
    let mut out = HashSet::new();
    for q in store.inner().quads_for_pattern(
        None,
        Some(ckg::GAZETTEER_ENTRY),
        None,
        Some(GraphNameRef::from(graph)),
    ) {
        let q = q.map_err(|source| {
            LinkError::Store(StoreError::Storage {
                path: store.path().to_path_buf(),
                source,
            })
        })?;
        if let Term::NamedNode(e) = q.object {
            out.insert(e.into_string());
        }
    }
    Ok(out)
}
