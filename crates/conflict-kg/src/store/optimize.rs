//! `optimize`: compaction that never grows a store (F4). RocksDB's compaction drops tombstones
//! (a graph replaced inside a bigger store: 11.0 → 2.8 GiB in `bench/RESULTS.md`), but on a
//! store the bulk loader wrote it *grows* it: oxigraph's options
//! (`optimize_level_style_compaction`, dynamic level sizes) leave the base level uncompressed,
//! and a whole-range compaction rewrites the LZ4-compressed files the bulk loader ingested into
//! that level (61.9 → 134.5 MiB for 20k ACLED rows; 181.8 → 398.2 MiB for 60k in the probe).
//! oxigraph does not expose the compression options, so the compaction runs on a staged copy
//! (a checkpoint: hard links) whose size is measured, and the copy is swapped in only when it is
//! smaller; otherwise it is thrown away and the store is left exactly as it was.

use super::lock::{
    clear_leftovers, io_error, lock_for_writing, recover, rocksdb_lock_held_elsewhere,
};
use super::staging::Staging;
use super::{KgStore, StoreError};
use std::path::Path;

/// What [`KgStore::optimize`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Optimized {
    /// Bytes of the store's files before.
    pub before: u64,
    /// Bytes of the compacted copy.
    pub compacted: u64,
    /// Whether the compacted copy replaced the store (it was smaller); when `false` the store is
    /// unchanged and still `before` bytes.
    pub replaced: bool,
}

impl Optimized {
    /// The store's size now.
    pub fn after(&self) -> u64 {
        if self.replaced {
            self.compacted
        } else {
            self.before
        }
    }
}

impl KgStore {
    /// Compacts a copy of the store at `path` and swaps it in only if it is smaller (see
    /// `store/optimize.rs`). The contents never change; the size never grows. Takes the write
    /// lock (a second writer gets `InUse`), but never opens the store itself for writing:
    /// RocksDB's automatic compaction on opening would already grow it.
    pub fn optimize(path: &Path) -> Result<Optimized, StoreError> {
        if !path.join("CURRENT").is_file() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let lock = lock_for_writing(path)?;
        recover(path)?;
        if rocksdb_lock_held_elsewhere(path) {
            return Err(StoreError::InUse {
                path: path.to_path_buf(),
            });
        }
        let staging = clear_leftovers(path)?;
        let before = disk_size(path)?;
        let copy = Staging::link_copy(path, staging)?;
        let storage = |source| StoreError::Storage {
            path: copy.path().to_path_buf(),
            source,
        };
        copy.inner().optimize().map_err(storage)?;
        copy.inner().flush().map_err(storage)?;
        let compacted = disk_size(copy.path())?;
        let replaced = compacted < before;
        if replaced {
            copy.swap_into(path)?;
        }
        // Otherwise dropping `copy` removes it.
        drop(lock);
        Ok(Optimized {
            before,
            compacted,
            replaced,
        })
    }
}

/// Bytes of the files under `dir` (a store is one flat directory of RocksDB files; walk
/// subdirectories too).
fn disk_size(dir: &Path) -> Result<u64, StoreError> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let meta = entry.metadata().map_err(io_error(&entry.path()))?;
        total += if meta.is_dir() {
            disk_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
