//! Opening the store for reading beside a writer (F3). RocksDB's read-only open reads `CURRENT`,
//! then the MANIFEST it names, then every table file the MANIFEST lists; a writer running at the
//! same time (a flush or compaction in `build`/`link`, the next writer's new MANIFEST, an
//! import's directory swap) can delete one of those files in between, and the open fails with
//! RocksDB's "Corruption: … .sst: No such file or directory … MANIFEST may be corrupted". The
//! store is whole; the reader read a state that no longer exists.
//!
//! Two measures, both inside [`KgStore::open_read_only`]:
//! - the directory is **pinned**: it is opened once and RocksDB is given `/proc/self/fd/N` (on
//!   Linux), so every file of one open comes from the same directory even when an import
//!   exchanges `{store}` and `{store}.staging` meanwhile (never `CURRENT` of one store and table
//!   files of the other);
//! - the race is **recognised** (a "No such file or directory" naming a file inside the pinned
//!   directory, which is indeed gone, and a different file from the attempt before) and the open
//!   is retried a bounded number of times, re-pinning the path each time. A file missing twice
//!   in a row is no race: that error is returned as it is.
//!
//! Measured (the loop of `tests/reliability.rs`'s F3 test, 25 builds and 5 re-imports beside
//! `ckg query` in a loop, 2 shared cores): before, 16 of 106 reads failed; with the retry,
//! 0 of 133 and 0 of 151 with the pinned directory, 0 of 147 and 0 of 163 without it; 10–18
//! reads a run needed a second attempt, 3 in all a third, none more. The pin is kept all the
//! same: without it an open that straddles the directory swap could mix two stores' files
//! (same-numbered table files of the old and the new store), which a retry on "file missing"
//! does not catch. RocksDB's secondary instance, the other way out, is not exposed by
//! oxigraph 0.5.

use super::{KgStore, StoreError};
use oxigraph::store::{StorageError, Store};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How many times an open is retried on the race before giving up (each retry waits a little
/// longer, 5 ms, 10 ms… in all under 1.2 s).
const ATTEMPTS: u32 = 20;

impl KgStore {
    /// Opens an existing store for reading; works beside a writer (see `store/reader.rs`): the
    /// reader sees one whole state of the store, the one before or after any write.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let mut last_missing: Option<PathBuf> = None;
        for attempt in 0..ATTEMPTS {
            if !path.join("CURRENT").is_file() {
                return Err(StoreError::Missing {
                    path: path.to_path_buf(),
                });
            }
            let (dir, rocks_path) = pin(path)?;
            match Store::open_read_only(&rocks_path) {
                Ok(store) => {
                    return Ok(Self {
                        store,
                        path: path.to_path_buf(),
                        lock: None,
                        _pinned: dir,
                    });
                }
                Err(source) => match vanished_file(&source, &rocks_path) {
                    Some(missing) if last_missing.as_ref() != Some(&missing) => {
                        last_missing = Some(missing);
                        std::thread::sleep(Duration::from_millis(5 * u64::from(attempt + 1)));
                    }
                    _ => {
                        return Err(StoreError::Open {
                            path: path.to_path_buf(),
                            source: unpinned(source, &rocks_path, path),
                        });
                    }
                },
            }
        }
        Err(StoreError::KeptChanging {
            path: path.to_path_buf(),
            attempts: ATTEMPTS,
        })
    }
}

/// The store directory opened, and the path RocksDB should use to reach that very directory.
#[cfg(target_os = "linux")]
fn pin(path: &Path) -> Result<(Option<File>, PathBuf), StoreError> {
    use std::os::unix::io::AsRawFd;
    let dir = File::open(path).map_err(super::lock::io_error(path))?;
    let through = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
    if through.join("CURRENT").is_file() {
        Ok((Some(dir), through))
    } else {
        // No /proc (a minimal container): the plain path, retried alike.
        Ok((None, path.to_path_buf()))
    }
}

#[cfg(not(target_os = "linux"))]
fn pin(path: &Path) -> Result<(Option<File>, PathBuf), StoreError> {
    Ok((None, path.to_path_buf()))
}

/// `error` with the pinned path (`/proc/self/fd/N`) in its message put back as the store's
/// path, so that the user reads the path they gave.
fn unpinned(error: StorageError, pinned: &Path, path: &Path) -> StorageError {
    let (Some(pinned), Some(path)) = (pinned.to_str(), path.to_str()) else {
        return error;
    };
    let message = error.to_string();
    if pinned == path || !message.contains(pinned) {
        return error;
    }
    StorageError::Other(Box::new(std::io::Error::other(
        message.replace(pinned, path),
    )))
}

/// The file a failed open names as "No such file or directory", when it lies in the store
/// directory `dir` and is indeed gone now: what the race with a writer deleting files gives.
/// RocksDB reports it only in its message (oxigraph maps it to `Io(NotFound)` or, when RocksDB
/// wraps it as a corruption of the MANIFEST, to `Corruption`), e.g. `Corruption: IO error: No
/// such file or directory: While open a file for random read: st/000059.sst: No such file or
/// directory  The file st/MANIFEST-000083 may be corrupted.`
fn vanished_file(error: &StorageError, dir: &Path) -> Option<PathBuf> {
    let message = error.to_string();
    let dir = dir.to_str()?;
    // The path is the word right before one of the "No such file" (the first one may be the
    // `IO error: No such file or directory:` prefix, preceded by no path).
    message
        .match_indices(": No such file or directory")
        .filter_map(|(end, _)| {
            let start = message[..end].rfind(' ').map_or(0, |s| s + 1);
            let file = Path::new(&message[start..end]);
            (file.parent() == Some(Path::new(dir))).then(|| file.to_path_buf())
        })
        .find(|file| !file.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_race_is_recognised_from_rocksdbs_message_only_for_a_file_that_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        let msg = |file: &str| {
            // oxigraph gives this one as `Corruption`; only the text counts.
            StorageError::Other(Box::new(std::io::Error::other(format!(
                "Corruption: IO error: No such file or directory: While open a file for random \
                 read: {d}/{file}: No such file or directory  The file {d}/MANIFEST-000083 may \
                 be corrupted."
            ))))
        };
        assert_eq!(
            vanished_file(&msg("000059.sst"), dir.path()),
            Some(dir.path().join("000059.sst"))
        );
        // The file is there: something else is wrong, no retry.
        std::fs::write(dir.path().join("000060.sst"), b"").unwrap();
        assert_eq!(vanished_file(&msg("000060.sst"), dir.path()), None);
        // A file outside the store: no retry.
        let other = StorageError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "IO error: No such file or directory: While opening a file for sequentially \
             reading: /elsewhere/MANIFEST-000001: No such file or directory",
        ));
        assert_eq!(vanished_file(&other, dir.path()), None);
        // The writer's next MANIFEST replaced the one CURRENT named.
        let manifest = StorageError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "IO error: No such file or directory: While opening a file for sequentially \
                 reading: {d}/MANIFEST-000012: No such file or directory"
            ),
        ));
        assert_eq!(
            vanished_file(&manifest, dir.path()),
            Some(dir.path().join("MANIFEST-000012"))
        );
    }
}
