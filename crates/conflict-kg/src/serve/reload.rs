//! Fresh data without a restart: the store the server answers from, reopened when a writer
//! (`build`, `link`, `import`) has changed it.
//!
//! A change is seen by a cheap signature of the store directory (its inode, which an import's
//! directory swap changes, and the name, size and modification time of every file in it, which
//! any RocksDB commit changes), computed by a poll thread every [`POLL`] and on demand. A
//! changed store is opened read-only with [`KgStore::open_read_only`]; if that fails (a writer
//! in the middle of its work), the old handle keeps answering and the next poll tries again.
//! Each request takes an `Arc` of the current generation, so a query in flight keeps the handle
//! it started on while newer requests get the new one; the old handle closes with its last query.

use crate::store::{KgStore, StoreError};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// How often the poll thread looks at the store.
pub const POLL: Duration = Duration::from_millis(250);

/// One opened state of the store.
pub(super) struct Generation {
    pub(super) store: KgStore,
    /// Counts reopenings from 0, for the `X-CKG-Store-Generation` header and the tests.
    pub(super) number: u64,
    signature: u64,
}

/// The current generation, replaced when the store changes.
pub(super) struct LiveStore {
    path: PathBuf,
    current: RwLock<Arc<Generation>>,
    /// Held while reopening, so two threads never open the same change twice.
    reopening: Mutex<()>,
}

impl LiveStore {
    /// Opens the store read-only; fails if there is none.
    pub(super) fn open(path: &Path) -> Result<Self, StoreError> {
        let signature = signature(path);
        let store = KgStore::open_read_only(path)?;
        Ok(Self {
            path: path.to_path_buf(),
            current: RwLock::new(Arc::new(Generation {
                store,
                number: 0,
                signature,
            })),
            reopening: Mutex::new(()),
        })
    }

    /// The generation to answer a request from.
    pub(super) fn current(&self) -> Arc<Generation> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Reopens the store if it changed since the current generation was opened; returns the
    /// generation now current. A failed reopening keeps the old one.
    pub(super) fn refresh(&self) -> Arc<Generation> {
        let current = self.current();
        let now = signature(&self.path);
        if now == current.signature {
            return current;
        }
        let Ok(_guard) = self.reopening.try_lock() else {
            return current; // another thread is reopening it
        };
        let latest = self.current();
        if latest.signature == now {
            return latest;
        }
        match KgStore::open_read_only(&self.path) {
            Ok(store) => {
                // The signature taken before opening: a write during the opening changes it
                // again, and the next refresh reopens once more.
                let next = Arc::new(Generation {
                    store,
                    number: latest.number + 1,
                    signature: now,
                });
                *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&next);
                next
            }
            Err(_) => latest,
        }
    }

    /// Starts the poll thread; it runs as long as the process.
    pub(super) fn watch(self: &Arc<Self>) -> std::io::Result<()> {
        let live = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("ckg-serve-reload".into())
            .spawn(move || {
                while let Some(live) = live.upgrade() {
                    live.refresh();
                    drop(live);
                    std::thread::sleep(POLL);
                }
            })
            .map(|_| ())
    }
}

/// A hash of what a writer changes: the directory's identity and each file's name, size and
/// modification time. Unreadable entries count as a change (they hash differently).
fn signature(path: &Path) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match std::fs::metadata(path) {
        Ok(meta) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino()).hash(&mut h);
            }
            meta.modified().ok().hash(&mut h);
        }
        Err(e) => e.kind().hash(&mut h),
    }
    let mut entries: Vec<(std::ffi::OsString, u64, Option<std::time::SystemTime>)> =
        match std::fs::read_dir(path) {
            Ok(dir) => dir
                .filter_map(Result::ok)
                .map(|e| {
                    let meta = e.metadata().ok();
                    (
                        e.file_name(),
                        meta.as_ref().map_or(u64::MAX, |m| m.len()),
                        meta.and_then(|m| m.modified().ok()),
                    )
                })
                .collect(),
            Err(_) => Vec::new(),
        };
    entries.sort();
    entries.hash(&mut h);
    h.finish()
}
