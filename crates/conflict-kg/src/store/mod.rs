//! Stage 4: the on-disk oxigraph (RocksDB) store. This file: opening it (for writing or in
//! memory; `reader.rs`: for reading beside a writer) with clear errors, replacing graphs in one
//! transaction, and counting what it holds; `optimize.rs`: compaction that never grows it; `lock.rs`: who may write; `staging.rs`:
//! changes too big for one transaction (imports), staged and swapped in whole.
//!
//! Invariants: a write either commits whole or leaves the store as it was (one RocksDB
//! transaction per `replace_curated` or `replace_graph`; for imports, a staged copy swapped in
//! whole, see [`Staging`](staging::Staging)); `build` owns only the ontology, reference and report graphs, so
//! graphs written by other commands (links, imports) survive a rebuild.
//!
//! Writers hold `{store}.lock` (an OS file lock) as well as RocksDB's own lock, for as long as
//! they live: the directory swap of an import releases RocksDB's lock for a moment, the file
//! lock never.

mod lock;
mod optimize;
mod reader;
mod staging;

pub(crate) use lock::sibling;
use lock::{lock_for_writing, recover, rocksdb_lock_held_elsewhere};
pub use optimize::Optimized;

use crate::iri::Base;
use crate::vocab::ckg;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};
use std::fs::File;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the store {path} is in use by another ckg process (or another program holding it \
         read-write); wait for it to finish and try again"
    )]
    InUse { path: PathBuf },
    #[error("no store at {path}: run `ckg build` first (or point --store / CKG_STORE at one)")]
    Missing { path: PathBuf },
    #[error("cannot open the store {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    #[error(
        "the store {path} kept changing while it was being opened for reading ({attempts} \
         attempts): a writer is rewriting its files; try again"
    )]
    KeptChanging { path: PathBuf, attempts: u32 },
    #[error("store {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the store {path} was opened read-only; this needs it opened for writing")]
    NotWritable { path: PathBuf },
    #[error("store {path}: {source}")]
    Storage {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
}

/// An open store and where it lives.
pub struct KgStore {
    store: Store,
    path: PathBuf,
    /// `{store}.lock`, held by writers.
    lock: Option<File>,
    /// A reader's store directory, kept open: RocksDB reaches it as `/proc/self/fd/N`
    /// (`reader.rs`). Declared after `store`, so it is closed after it.
    _pinned: Option<File>,
}

impl KgStore {
    /// Opens (creating if needed) a store for writing, holding `{store}.lock` until dropped.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let lock = lock_for_writing(path)?;
        recover(path)?;
        let store = Store::open(path).map_err(|source| {
            if rocksdb_lock_held_elsewhere(path) {
                StoreError::InUse {
                    path: path.to_path_buf(),
                }
            } else {
                StoreError::Open {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
        Ok(Self {
            store,
            path: path.to_path_buf(),
            lock: Some(lock),
            _pinned: None,
        })
    }

    /// Opens an existing store for writing (`Missing` when there is none), holding
    /// `{store}.lock` until dropped.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Self::open(path)
    }

    /// Wraps an in-memory store (tests and dry runs).
    pub fn in_memory() -> Result<Self, StoreError> {
        let store = Store::new().map_err(|source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            source,
        })?;
        Ok(Self {
            store,
            path: PathBuf::from(":memory:"),
            lock: None,
            _pinned: None,
        })
    }

    pub(crate) fn inner(&self) -> &Store {
        &self.store
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn storage(&self, source: StorageError) -> StoreError {
        StoreError::Storage {
            path: self.path.clone(),
            source,
        }
    }

    /// The graphs `build` owns: ontology, reference and every report graph.
    pub fn curated_graphs(&self, base: &Base) -> Result<Vec<NamedNode>, StoreError> {
        let report_prefix = base.report_graph_prefix();
        // Draft graphs are `build`'s too: a build without --drafts removes them.
        let draft_prefix = base.draft_graph_prefix();
        let fixed = [base.ontology_graph(), base.reference_graph()];
        let mut graphs = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(g) = g.map_err(|e| self.storage(e))? {
                if g.as_str().starts_with(&report_prefix)
                    || g.as_str().starts_with(&draft_prefix)
                    || fixed.contains(&g)
                {
                    graphs.push(g);
                }
            }
        }
        Ok(graphs)
    }

    /// Replaces every curated graph with `quads`, in one transaction. `before_commit` runs after
    /// everything is staged and before the commit (the CLI uses it for the interruption test).
    pub fn replace_curated(
        &self,
        base: &Base,
        quads: &[Quad],
        before_commit: impl FnOnce(),
    ) -> Result<(), StoreError> {
        self.replace_curated_then(base, quads, |_| Ok(()), before_commit)
    }

    /// [`Self::replace_curated`], and `then` in the same transaction once the curated graphs
    /// are replaced (reading them as they will be): `build` refreshes the derived data of the
    /// import graphs there, so a store never holds a new hierarchy beside derived data of the
    /// old one.
    pub fn replace_curated_then<R>(
        &self,
        base: &Base,
        quads: &[Quad],
        then: impl FnOnce(&mut Transaction<'_>) -> Result<R, StorageError>,
        before_commit: impl FnOnce(),
    ) -> Result<R, StoreError> {
        let old = self.curated_graphs(base)?;
        self.replace_graphs(&old, quads, then, before_commit)
    }

    /// Replaces one named graph with `quads` (which should all be in it), in one transaction:
    /// used by `ckg link` for its link graphs. Running it twice with the same quads leaves the
    /// same store. `before_commit` runs once everything is staged (the interruption-test hook).
    pub fn replace_graph(
        &self,
        graph: &NamedNode,
        quads: &[Quad],
        before_commit: impl FnOnce(),
    ) -> Result<(), StoreError> {
        self.replace_graphs(
            std::slice::from_ref(graph),
            quads,
            |_| Ok(()),
            before_commit,
        )
    }

    /// Removes `old`, adds `quads` and runs `then` in one transaction, then flushes.
    fn replace_graphs<R>(
        &self,
        old: &[NamedNode],
        quads: &[Quad],
        then: impl FnOnce(&mut Transaction<'_>) -> Result<R, StorageError>,
        before_commit: impl FnOnce(),
    ) -> Result<R, StoreError> {
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| self.storage(e))?;
        for g in old {
            tx.remove_named_graph(g).map_err(|e| self.storage(e))?;
        }
        tx.extend(quads);
        let result = then(&mut tx).map_err(|e| self.storage(e))?;
        before_commit();
        tx.commit().map_err(|e| self.storage(e))?;
        self.store.flush().map_err(|e| self.storage(e))?;
        Ok(result)
    }

    /// The store's named graphs (IRIs only; ckg never names a graph with a blank node), sorted
    /// by IRI so that callers going through them (`ckg push`) do so in a stable order.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(g) = g.map_err(|e| self.storage(e))? {
                graphs.push(g);
            }
        }
        graphs.sort();
        Ok(graphs)
    }

    /// Whether the store has a named graph of this IRI.
    pub fn contains_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        self.store
            .contains_named_graph(graph)
            .map_err(|e| self.storage(e))
    }

    /// The quads of one named graph, streamed in the store's index order (stable for a given
    /// store content; nothing is held in memory).
    pub fn graph_quads<'a>(
        &'a self,
        graph: &NamedNode,
    ) -> impl Iterator<Item = Result<Quad, StoreError>> + 'a {
        self.store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::from(graph)))
            .map(move |q| q.map_err(|e| self.storage(e)))
    }

    /// Number of quads in one graph, counted by SPARQL on the store's encoded terms (2.1M quads
    /// in 0.8 s; decoding every quad through `quads_for_pattern` took 38 s).
    pub fn graph_len(&self, graph: &NamedNode) -> Result<usize, StoreError> {
        let n = self.count(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        ))?;
        Ok(n as usize)
    }

    /// What the store holds, counted with SPARQL over the union of all graphs.
    pub fn summary(&self) -> Result<Summary, StoreError> {
        let count = |class: NamedNodeRef<'_>| -> Result<u64, StoreError> {
            let q = format!(
                "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{}> }} }}",
                class.as_str()
            );
            self.count(&q)
        };
        Ok(Summary {
            reports: count(ckg::REPORT)?,
            incidents: count(ckg::INCIDENT)?,
            actors: count(ckg::ACTOR)?,
            places: count(ckg::PLACE)?,
            sources: count(ckg::SOURCE)?,
            claims: count(ckg::CLAIM)?,
            quads: self.store.len().map_err(|e| self.storage(e))? as u64,
            graphs: self.store.named_graphs().count() as u64,
        })
    }

    fn count(&self, query: &str) -> Result<u64, StoreError> {
        let results = SparqlEvaluator::new()
            .parse_query(query)
            .expect("the count queries are valid SPARQL")
            .on_store(&self.store)
            .execute()
            .map_err(|e| StoreError::Storage {
                path: self.path.clone(),
                source: StorageError::Other(Box::new(e)),
            })?;
        if let QueryResults::Solutions(mut solutions) = results {
            if let Some(row) = solutions.next() {
                let row = row.map_err(|e| StoreError::Storage {
                    path: self.path.clone(),
                    source: StorageError::Other(Box::new(e)),
                })?;
                if let Some(oxigraph::model::Term::Literal(n)) = row.get("n") {
                    return Ok(n.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(0)
    }
}

/// Counts shown after `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub reports: u64,
    pub incidents: u64,
    pub actors: u64,
    pub places: u64,
    pub sources: u64,
    pub claims: u64,
    pub quads: u64,
    pub graphs: u64,
}

#[cfg(test)]
mod tests;
