//! Stage 4: the on-disk oxigraph (RocksDB) store: opening it with clear errors, replacing the
//! curated graphs in one transaction, and counting what it holds.
//!
//! Invariants: a write either commits whole or leaves the store as it was (one RocksDB
//! transaction per `replace_curated` or `replace_graph`; for imports, a staged copy swapped in whole, see
//! [`Staging`]); `build` owns only the ontology, reference and report graphs, so graphs written
//! by other commands (links, imports) survive a rebuild.
//!
//! Writers hold `{store}.lock` (an OS file lock) as well as RocksDB's own lock, for as long as
//! they live: the directory swap of an import releases RocksDB's lock for a moment, the file
//! lock never.

use crate::iri::Base;
use crate::vocab::ckg;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
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
    #[error("store {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
}

/// `{store}.{suffix}`, beside the store directory.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Takes `{store}.lock` for writing, or says the store is in use.
fn lock_for_writing(path: &Path) -> Result<File, StoreError> {
    let lock_path = sibling(path, "lock");
    if let Some(parent) = lock_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io_error(&lock_path))?;
    match try_lock(&file) {
        Ok(true) => Ok(file),
        Ok(false) => Err(StoreError::InUse {
            path: path.to_path_buf(),
        }),
        Err(e) => Err(io_error(&lock_path)(e)),
    }
}

/// An exclusive, non-blocking advisory lock (`flock`), released when the file is closed (also
/// when the process is killed). `Ok(false)` when another process holds it. (`File::try_lock`
/// does this from Rust 1.89; the crate supports 1.87.)
#[cfg(unix)]
#[expect(
    unsafe_code,
    reason = "flock has no safe wrapper in std before Rust 1.89"
)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: `flock` on a file descriptor this `File` owns and keeps open.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.kind() == std::io::ErrorKind::WouldBlock {
        Ok(false)
    } else {
        Err(e)
    }
}

/// Elsewhere RocksDB's own lock is the only guard.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

/// Puts back a store an interrupted directory swap left aside: when `{store}` is missing and
/// `{store}.old` exists (the swap was killed between its two renames, on systems without an
/// atomic directory exchange), `{store}.old` is the store as it was. Call with the lock held.
fn recover(path: &Path) -> Result<(), StoreError> {
    let old = sibling(path, "old");
    if !path.exists() && old.join("CURRENT").is_file() {
        std::fs::rename(&old, path).map_err(io_error(path))?;
    }
    Ok(())
}

/// Whether another process holds RocksDB's own lock on the store (`{store}/LOCK`, a POSIX record
/// lock), as a program that opened the store read-write without `{store}.lock` would (oxigraph's
/// server, say). Asked of the operating system (`F_GETLK`), not read from an error message.
#[cfg(unix)]
#[expect(unsafe_code, reason = "F_GETLK has no safe wrapper in std or libc")]
fn rocksdb_lock_held_elsewhere(path: &Path) -> bool {
    use std::os::unix::io::AsRawFd;
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path.join("LOCK"))
    else {
        return false;
    };
    // SAFETY: a zeroed `flock` is a valid value of the C struct; `fcntl(F_GETLK)` reads and
    // writes only that struct, on a descriptor this `File` owns and keeps open.
    unsafe {
        let mut query: libc::flock = std::mem::zeroed();
        query.l_type = libc::F_WRLCK as libc::c_short;
        query.l_whence = libc::SEEK_SET as libc::c_short;
        libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut query) == 0
            && query.l_type != libc::F_UNLCK as libc::c_short
    }
}

#[cfg(not(unix))]
fn rocksdb_lock_held_elsewhere(_path: &Path) -> bool {
    false
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

    /// Compacts the store's files (RocksDB compaction). The contents do not change; after
    /// removals (a graph replaced inside a bigger store) the tombstones go, the files shrink and
    /// reads get faster (11.0 → 2.8 GiB in 60 s, bench/RESULTS.md). Files the bulk loader
    /// ingested are left as they are (RocksDB's default for its bottommost level).
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.store.optimize().map_err(|e| self.storage(e))
    }

    /// Opens an existing store for reading; works beside a writer.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let store = Store::open_read_only(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self {
            store,
            path: path.to_path_buf(),
            lock: None,
        })
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
        let fixed = [base.ontology_graph(), base.reference_graph()];
        let mut graphs = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(g) = g.map_err(|e| self.storage(e))? {
                if g.as_str().starts_with(&report_prefix) || fixed.contains(&g) {
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
        let old = self.curated_graphs(base)?;
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| self.storage(e))?;
        for g in &old {
            tx.remove_named_graph(g).map_err(|e| self.storage(e))?;
        }
        tx.extend(quads);
        before_commit();
        tx.commit().map_err(|e| self.storage(e))?;
        self.store.flush().map_err(|e| self.storage(e))?;
        Ok(())
    }

    /// Replaces one named graph with `quads` (which should all be in it), in one transaction:
    /// used by `ckg link` for its link graphs. Running it twice with the same quads leaves the
    /// same store.
    /// `before_commit` runs once everything is staged (the CLI's interruption-test hook).
    pub fn replace_graph(
        &self,
        graph: &NamedNode,
        quads: &[Quad],
        before_commit: impl FnOnce(),
    ) -> Result<(), StoreError> {
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| self.storage(e))?;
        tx.remove_named_graph(graph).map_err(|e| self.storage(e))?;
        tx.extend(quads);
        before_commit();
        tx.commit().map_err(|e| self.storage(e))?;
        self.store.flush().map_err(|e| self.storage(e))?;
        Ok(())
    }

    /// A writable copy of this store at `{store}.staging` (a RocksDB checkpoint: hard links, so
    /// cheap), for a change too large for one transaction. Nothing is visible in the store until
    /// [`Staging::publish`]; a `Staging` dropped unpublished (error, panic) removes its copy,
    /// and a killed process's leftover copy is removed by the next `stage`.
    pub fn stage(&self) -> Result<Staging, StoreError> {
        let staging = self.staging_path()?;
        self.store.backup(&staging).map_err(|e| self.storage(e))?;
        Staging::open(staging)
    }

    /// A staged copy of the store without `graph`, and how many quads `graph` had. When `graph`
    /// holds most of the store (re-importing a big dataset), the copy is a new store into which
    /// the bulk loader copies the other graphs: removing millions of quads one by one from a
    /// checkpoint costs ~3× loading them. Otherwise it is a checkpoint with `graph` removed.
    pub fn stage_without(
        &self,
        graph: &NamedNode,
        max_memory_mb: usize,
    ) -> Result<(Staging, u64), StoreError> {
        let replaced = self.graph_len(graph)? as u64;
        let others: Vec<NamedOrBlankNode> = self
            .store
            .named_graphs()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.storage(e))?
            .into_iter()
            .filter(|g| *g != NamedOrBlankNode::from(graph.clone()))
            .collect();
        let graphs = || {
            std::iter::once(GraphNameRef::DefaultGraph)
                .chain(others.iter().map(|g| GraphNameRef::from(g.as_ref())))
        };
        // The rest, counted only as far as it takes to know which is bigger.
        let mut rest = 0u64;
        'count: for g in graphs() {
            for q in self.store.quads_for_pattern(None, None, None, Some(g)) {
                q.map_err(|e| self.storage(e))?;
                rest += 1;
                if rest > replaced {
                    break 'count;
                }
            }
        }
        if replaced == 0 || rest > replaced {
            let staging = self.stage()?;
            let removed = staging.remove_graph(graph)?;
            return Ok((staging, removed));
        }
        let staging = Staging::open(self.staging_path()?)?;
        let quads = graphs().flat_map(|g| self.store.quads_for_pattern(None, None, None, Some(g)));
        let mut loader = staging
            .inner()
            .bulk_loader()
            .with_max_memory_size_in_megabytes(max_memory_mb.max(16));
        loader
            .load_ok_quads::<StorageError, StorageError>(quads)
            .map_err(|e| self.storage(e))?;
        loader.commit().map_err(|e| self.storage(e))?;
        Ok((staging, replaced))
    }

    /// `{store}.staging`, cleared of a leftover copy, with the store flushed: where a staged copy
    /// goes.
    fn staging_path(&self) -> Result<PathBuf, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::Open {
                path: self.path.clone(),
                source: StorageError::Other("staging needs a store opened for writing".into()),
            });
        }
        let staging = sibling(&self.path, "staging");
        for leftover in [&staging, &sibling(&self.path, "old")] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(io_error(leftover))?;
            }
        }
        self.store.flush().map_err(|e| self.storage(e))?;
        Ok(staging)
    }

    /// Number of quads in one graph.
    pub fn graph_len(&self, graph: &NamedNode) -> Result<usize, StoreError> {
        let mut n = 0;
        for q in self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::from(graph)))
        {
            q.map_err(|e| self.storage(e))?;
            n += 1;
        }
        Ok(n)
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
            .expect("the summary queries are valid SPARQL")
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

/// A writable copy of a store, made by [`KgStore::stage`]. Change it freely (nothing else sees
/// it), then [`publish`](Staging::publish) it to replace the store in one step.
pub struct Staging {
    store: Option<Store>,
    path: PathBuf,
}

impl Staging {
    fn open(path: PathBuf) -> Result<Self, StoreError> {
        let store = Store::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Ok(Self {
            store: Some(store),
            path,
        })
    }

    pub(crate) fn inner(&self) -> &Store {
        self.store
            .as_ref()
            .expect("a staging store is open until published")
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

    /// Removes a named graph and its quads, in batches (one transaction each, so memory stays
    /// flat however large the graph). Not atomic, and need not be: this is the private copy.
    /// Returns how many quads were removed.
    pub fn remove_graph(&self, graph: &NamedNode) -> Result<u64, StoreError> {
        const BATCH: usize = 100_000;
        let store = self.inner();
        let mut removed = 0;
        // One pass of one iterator (a snapshot), removing batch by batch behind it. Starting a
        // new scan per batch would step over every tombstone left by the batches before it:
        // quadratic, 20 minutes and counting for a 21M-quad graph.
        let mut quads = store.quads_for_pattern(None, None, None, Some(GraphNameRef::from(graph)));
        loop {
            let batch = quads
                .by_ref()
                .take(BATCH)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.storage(e))?;
            if batch.is_empty() {
                break;
            }
            let mut tx = store.start_transaction().map_err(|e| self.storage(e))?;
            for q in &batch {
                tx.remove(q);
            }
            tx.commit().map_err(|e| self.storage(e))?;
            removed += batch.len() as u64;
        }
        store
            .remove_named_graph(graph)
            .map_err(|e| self.storage(e))?;
        Ok(removed)
    }

    /// Replaces `original` by this copy. The copy is flushed and closed, then the two
    /// directories are exchanged in one `renameat2(RENAME_EXCHANGE)` on Linux, so the store path
    /// always holds a whole store, the old one or the new one; elsewhere (or on file systems
    /// without it) by two renames, `{store}` → `{store}.old` then `{store}.staging` → `{store}`,
    /// which `KgStore::open` undoes if killed between them. `original`'s `{store}.lock` is held
    /// throughout, so no other writer can open either directory meanwhile.
    pub fn publish(mut self, original: KgStore) -> Result<(), StoreError> {
        let store = self.store.take().expect("published once");
        store.flush().map_err(|e| self.storage(e))?;
        drop(store);
        let KgStore {
            store: old_store,
            path: target,
            lock,
        } = original;
        drop(old_store);
        let aside = if exchange(&self.path, &target).is_ok() {
            self.path.clone()
        } else {
            let old = sibling(&target, "old");
            std::fs::rename(&target, &old).map_err(io_error(&target))?;
            std::fs::rename(&self.path, &target).map_err(io_error(&target))?;
            old
        };
        match std::fs::remove_dir_all(&aside) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&aside)(e)),
        }
        drop(lock);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            drop(store);
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Exchanges two directories atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
#[expect(unsafe_code, reason = "renameat2 has no safe wrapper in std or libc")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let cstr = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (cstr(a)?, cstr(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call; the syscall
    // only reads them.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, QuadRef};

    fn quad(graph: &NamedNode, s: &str) -> Quad {
        let p = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        Quad::new(
            NamedNode::new_unchecked(s),
            p,
            Literal::new_simple_literal("x"),
            graph.clone(),
        )
    }

    #[test]
    fn a_staged_copy_without_a_graph_is_the_same_whether_rebuilt_or_checkpointed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = KgStore::open(&path).unwrap();
        let small = NamedNode::new_unchecked("http://e/g/small");
        let big = NamedNode::new_unchecked("http://e/g/big");
        let default = Quad::new(
            NamedNode::new_unchecked("http://e/d"),
            NamedNode::new_unchecked("http://e/p"),
            Literal::new_simple_literal("d"),
            oxigraph::model::GraphName::DefaultGraph,
        );
        store.inner().insert(&default).unwrap();
        for i in 0..3 {
            store
                .inner()
                .insert(&quad(&small, &format!("http://e/s{i}")))
                .unwrap();
        }
        for i in 0..10 {
            store
                .inner()
                .insert(&quad(&big, &format!("http://e/b{i}")))
                .unwrap();
        }
        let contents = |s: &Store| {
            let mut quads: Vec<String> = s.iter().map(|q| q.unwrap().to_string()).collect();
            quads.sort();
            quads
        };
        let all = contents(store.inner());
        let without = |g: &NamedNode| -> Vec<String> {
            all.iter()
                .filter(|q| !q.ends_with(&format!("{g} .")) && !q.ends_with(&format!("{g}")))
                .cloned()
                .collect()
        };
        // `big` is most of the store: the copy is rebuilt from the other graphs.
        let (staging, replaced) = store.stage_without(&big, 64).unwrap();
        assert_eq!(replaced, 10);
        assert_eq!(contents(staging.inner()), without(&big));
        assert!(!staging.inner().contains_named_graph(&big).unwrap());
        assert!(staging.inner().contains_named_graph(&small).unwrap());
        drop(staging);
        // `small` is not: the copy is a checkpoint with it removed.
        let (staging, replaced) = store.stage_without(&small, 64).unwrap();
        assert_eq!(replaced, 3);
        assert_eq!(contents(staging.inner()), without(&small));
        assert!(!staging.inner().contains_named_graph(&small).unwrap());
        assert_eq!(contents(staging.inner()).len(), 11);
    }

    #[test]
    fn replacing_curated_graphs_keeps_other_graphs_and_drops_stale_reports() {
        let base = Base::default();
        let store = KgStore::in_memory().unwrap();
        let link = base.link_graph(crate::gazetteer::GazetteerKind::GeoNames);
        let stale = base.report_graph("gone");
        store
            .inner()
            .insert(QuadRef::from(&quad(&link, "http://e/linked")))
            .unwrap();
        store
            .inner()
            .insert(QuadRef::from(&quad(&stale, "http://e/stale")))
            .unwrap();

        let fresh = base.report_graph("r");
        store
            .replace_curated(&base, &[quad(&fresh, "http://e/new")], || {})
            .unwrap();

        assert_eq!(
            store.graph_len(&link).unwrap(),
            1,
            "a link graph survives a build"
        );
        assert_eq!(
            store.graph_len(&stale).unwrap(),
            0,
            "a report no longer in data/ is dropped"
        );
        assert!(!store.inner().contains_named_graph(&stale).unwrap());
        assert_eq!(store.graph_len(&fresh).unwrap(), 1);
    }

    #[test]
    fn opening_a_missing_store_read_only_says_to_build_first() {
        let dir = tempfile::tempdir().unwrap();
        let err = KgStore::open_read_only(&dir.path().join("none"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("run `ckg build` first"));
    }

    fn store_with_one_quad(path: &Path) {
        let s = KgStore::open(path).unwrap();
        let ex = NamedNode::new("http://example.com/s").unwrap();
        s.inner()
            .insert(QuadRef::new(&ex, &ex, &Literal::from("v"), &ex))
            .unwrap();
        s.inner().flush().unwrap();
    }

    #[test]
    fn a_swap_killed_between_its_two_renames_is_undone_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        store_with_one_quad(&path);
        // The fallback swap renamed the store aside and died before putting the copy in place.
        std::fs::rename(&path, sibling(&path, "old")).unwrap();
        let s = KgStore::open(&path).unwrap();
        assert_eq!(s.inner().len().unwrap(), 1);
        assert!(!sibling(&path, "old").exists());
    }

    #[test]
    fn a_staged_copy_changes_nothing_until_published_and_vanishes_if_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        store_with_one_quad(&path);
        let g = NamedNode::new("http://example.com/s").unwrap();
        let store = KgStore::open(&path).unwrap();
        let staging = store.stage().unwrap();
        assert_eq!(staging.remove_graph(&g).unwrap(), 1);
        assert_eq!(
            store.inner().len().unwrap(),
            1,
            "the store saw the staged change"
        );
        let staged_path = staging.path().to_path_buf();
        drop(staging);
        assert!(!staged_path.exists());
        // Published, the change replaces the store.
        let staging = store.stage().unwrap();
        staging.remove_graph(&g).unwrap();
        staging.publish(store).unwrap();
        let reopened = KgStore::open(&path).unwrap();
        assert_eq!(reopened.inner().len().unwrap(), 0);
        assert!(!staged_path.exists());
    }

    #[test]
    fn a_second_writer_is_told_the_store_is_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let _first = KgStore::open(&path).unwrap();
        assert!(matches!(
            KgStore::open(&path),
            Err(StoreError::InUse { .. })
        ));
    }
}
