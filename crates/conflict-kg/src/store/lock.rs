//! Who may write the store: `{store}.lock`, an OS file lock every writer holds for its whole
//! life (it also covers the moment an import swaps directories, when RocksDB's own lock is
//! released), the check for another program holding RocksDB's lock, and the recovery of a swap
//! killed half-way.

use super::StoreError;
use std::fs::File;
use std::path::{Path, PathBuf};

/// `{store}.{suffix}`, beside the store directory.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

pub(super) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Takes `{store}.lock` for writing, or says the store is in use.
pub(super) fn lock_for_writing(path: &Path) -> Result<File, StoreError> {
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
pub(super) fn recover(path: &Path) -> Result<(), StoreError> {
    let old = sibling(path, "old");
    if !path.exists() && old.join("CURRENT").is_file() {
        std::fs::rename(&old, path).map_err(io_error(path))?;
    }
    Ok(())
}

/// `{store}.staging`, cleared of a copy a killed process left (and of `{store}.old`): where a
/// staged copy goes. Call with the lock held.
pub(super) fn clear_leftovers(path: &Path) -> Result<PathBuf, StoreError> {
    let staging = sibling(path, "staging");
    for leftover in [&staging, &sibling(path, "old")] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover).map_err(io_error(leftover))?;
        }
    }
    Ok(staging)
}

/// Whether another process holds RocksDB's own lock on the store (`{store}/LOCK`, a POSIX record
/// lock), as a program that opened the store read-write without `{store}.lock` would (oxigraph's
/// server, say). Asked of the operating system (`F_GETLK`), not read from an error message.
#[cfg(unix)]
#[expect(unsafe_code, reason = "F_GETLK has no safe wrapper in std or libc")]
pub(super) fn rocksdb_lock_held_elsewhere(path: &Path) -> bool {
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
pub(super) fn rocksdb_lock_held_elsewhere(_path: &Path) -> bool {
    false
}
