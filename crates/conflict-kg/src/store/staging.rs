//! Changes too large for one transaction (imports): a staged copy of the store (a RocksDB
//! checkpoint, or a copy rebuilt by the bulk loader), changed freely, then swapped in with one
//! directory exchange (`renameat2(RENAME_EXCHANGE)`; two renames elsewhere, undone at the next
//! open if killed between them). Until the swap the store is untouched; after it, it is whole.

use super::lock::{clear_leftovers, io_error, sibling};
use super::{KgStore, StoreError};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode};
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

impl KgStore {
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
            return Err(StoreError::NotWritable {
                path: self.path.clone(),
            });
        }
        let staging = clear_leftovers(&self.path)?;
        self.store.flush().map_err(|e| self.storage(e))?;
        Ok(staging)
    }
}

/// A writable copy of a store, made by [`KgStore::stage`]. Change it freely (nothing else sees
/// it), then [`publish`](Staging::publish) it to replace the store in one step.
pub struct Staging {
    store: Option<Store>,
    path: PathBuf,
}

impl Staging {
    /// A copy of the closed store at `from` (nothing may have it open for writing: the caller
    /// holds `{store}.lock` and RocksDB's lock is free), made as a RocksDB checkpoint makes it:
    /// table files (`.sst`, never changed once written) hard-linked, every other file (WAL,
    /// MANIFEST, CURRENT, OPTIONS, which RocksDB appends to or recycles) copied.
    pub(super) fn link_copy(from: &Path, to: PathBuf) -> Result<Self, StoreError> {
        std::fs::create_dir(&to).map_err(io_error(&to))?;
        let copy = || -> std::io::Result<()> {
            for entry in std::fs::read_dir(from)? {
                let entry = entry?;
                let name = entry.file_name();
                if name == "LOCK" || name.to_string_lossy().starts_with("LOG") {
                    continue;
                }
                let dest = to.join(&name);
                if name.to_string_lossy().ends_with(".sst") {
                    std::fs::hard_link(entry.path(), &dest)?;
                } else {
                    std::fs::copy(entry.path(), &dest)?;
                }
            }
            Ok(())
        };
        let opened = copy()
            .map_err(io_error(&to))
            .and_then(|()| Self::open(to.clone()));
        if opened.is_err() {
            let _ = std::fs::remove_dir_all(&to);
        }
        opened
    }

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
    pub fn publish(self, original: KgStore) -> Result<(), StoreError> {
        let KgStore {
            store: old_store,
            path: target,
            lock,
            _pinned,
        } = original;
        drop(old_store);
        self.swap_into(&target)?;
        drop(lock);
        Ok(())
    }

    /// The swap of [`publish`](Staging::publish), for a caller that holds `target`'s
    /// `{store}.lock` and has no RocksDB handle on it open.
    pub(super) fn swap_into(mut self, target: &Path) -> Result<(), StoreError> {
        let store = self.store.take().expect("published once");
        store.flush().map_err(|e| self.storage(e))?;
        drop(store);
        let aside = if exchange(&self.path, target).is_ok() {
            self.path.clone()
        } else {
            let old = sibling(target, "old");
            std::fs::rename(target, &old).map_err(io_error(target))?;
            std::fs::rename(&self.path, target).map_err(io_error(target))?;
            old
        };
        match std::fs::remove_dir_all(&aside) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&aside)(e)),
        }
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
