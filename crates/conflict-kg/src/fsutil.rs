//! Files written whole or not at all: the one atomic-write helper every output goes through
//! (`ckg export -o`, `ckg import --nquads`, link reports and reconciled names).
//!
//! The data goes into a temporary file beside the target, is flushed and `fsync`ed, gets the
//! permissions an ordinary `>` redirection would give it (the existing file's mode, or `0666`
//! less the umask for a new file; a temporary file alone would stay `0600`), and is renamed over
//! the target; the directory is then synced so the rename survives a crash. A reader sees the
//! old file or the new one, never half of one; a failure leaves only the old file.
//!
//! [`write_batch_atomically`] does the same for many files with one durability pass: every
//! temporary file is written first, then one `syncfs` (Linux; elsewhere an `fsync` of each),
//! then the renames, then one `fsync` of each directory. Each file is still whole or absent; a
//! failure before the renames leaves none of the batch.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `path` atomically with `write`; io errors become `E` through `From`.
pub fn write_atomically<T, E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> Result<T, E>,
) -> Result<T, E> {
    write_atomically_with(path, E::from, write)
}

/// [`write_atomically`] for error types that need more than the io error (a path, say).
pub(crate) fn write_atomically_with<T, E>(
    path: &Path,
    io_error: impl Fn(io::Error) -> E,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> Result<T, E>,
) -> Result<T, E> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".ckg-write-")
        .tempfile_in(dir)
        .map_err(&io_error)?;
    let value = {
        let mut w = BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        let value = write(&mut w)?;
        w.flush().map_err(&io_error)?;
        value
    };
    set_ordinary_permissions(tmp.as_file(), path).map_err(&io_error)?;
    tmp.as_file().sync_all().map_err(&io_error)?;
    tmp.persist(path).map_err(|e| io_error(e.error))?;
    sync_dir(dir).map_err(&io_error)?;
    Ok(value)
}

/// Writes every `(path, content)` atomically, with one durability pass for the whole batch
/// (module doc). An error names the file it happened on.
pub fn write_batch_atomically(
    files: &[(std::path::PathBuf, String)],
) -> Result<(), (std::path::PathBuf, io::Error)> {
    let dir_of = |path: &Path| -> std::path::PathBuf {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => Path::new(".").to_path_buf(),
        }
    };
    // 1. Every temporary file, closed (a batch may be larger than the open-file limit).
    let mut staged = Vec::with_capacity(files.len());
    for (path, content) in files {
        let at = |e: io::Error| (path.clone(), e);
        let mut tmp = tempfile::Builder::new()
            .prefix(".ckg-write-")
            .tempfile_in(dir_of(path))
            .map_err(at)?;
        tmp.as_file_mut()
            .write_all(content.as_bytes())
            .map_err(at)?;
        set_ordinary_permissions(tmp.as_file(), path).map_err(at)?;
        staged.push((tmp.into_temp_path(), path));
    }
    let mut dirs: Vec<std::path::PathBuf> = files.iter().map(|(p, _)| dir_of(p)).collect();
    dirs.sort();
    dirs.dedup();
    // 2. One durability pass.
    sync_data(&dirs, &staged)?;
    // 3. The renames, 4. the directories.
    for (tmp, path) in staged {
        tmp.persist(path).map_err(|e| (path.clone(), e.error))?;
    }
    for dir in &dirs {
        sync_dir(dir).map_err(|e| (dir.clone(), e))?;
    }
    Ok(())
}

/// The data of the staged files on disk: one `syncfs` per directory's filesystem on Linux.
#[cfg(target_os = "linux")]
#[expect(unsafe_code, reason = "syncfs has no std wrapper")]
fn sync_data(
    dirs: &[std::path::PathBuf],
    _staged: &[(tempfile::TempPath, &std::path::PathBuf)],
) -> Result<(), (std::path::PathBuf, io::Error)> {
    use std::os::fd::AsRawFd;
    for dir in dirs {
        let d = File::open(dir).map_err(|e| (dir.clone(), e))?;
        // SAFETY: syncfs only reads the descriptor, which `d` keeps open for the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err((dir.clone(), io::Error::last_os_error()));
        }
    }
    Ok(())
}

/// Elsewhere: an `fsync` of each staged file.
#[cfg(not(target_os = "linux"))]
fn sync_data(
    _dirs: &[std::path::PathBuf],
    staged: &[(tempfile::TempPath, &std::path::PathBuf)],
) -> Result<(), (std::path::PathBuf, io::Error)> {
    for (tmp, path) in staged {
        File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| ((*path).clone(), e))?;
    }
    Ok(())
}

#[cfg(unix)]
fn set_ordinary_permissions(file: &File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match std::fs::metadata(target) {
        Ok(existing) => existing.permissions().mode() & 0o7777,
        Err(_) => 0o666 & !current_umask(),
    };
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_ordinary_permissions(_file: &File, _target: &Path) -> io::Result<()> {
    Ok(())
}

/// The process's umask. Linux reports it in /proc; elsewhere it is read by setting and restoring
/// it (the only portable way), which is why /proc is tried first.
#[cfg(unix)]
#[expect(unsafe_code, reason = "no safe way to read the umask off Linux")]
fn current_umask() -> u32 {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(mask) = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        {
            return mask;
        }
    }
    // SAFETY: umask only swaps the process's file-mode mask; it is put back at once.
    unsafe {
        let old = libc::umask(0o022);
        libc::umask(old);
        old as u32
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ttl");
        std::fs::write(&path, "old").unwrap();
        let r: Result<(), io::Error> = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("stop"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_batch_is_written_whole_and_a_failure_before_the_renames_leaves_none_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "old").unwrap();
        let files = vec![
            (a.clone(), "new a".to_string()),
            (dir.path().join("b.txt"), "b".to_string()),
        ];
        write_batch_atomically(&files).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "b"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // The second file's folder does not exist: the first is not replaced either.
        let bad = dir.path().join("missing/c.txt");
        let files = vec![
            (a.clone(), "newer a".to_string()),
            (bad.clone(), "c".into()),
        ];
        let (path, _) = write_batch_atomically(&files).unwrap_err();
        assert_eq!(path, bad);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_0666_less_the_umask_and_an_existing_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.nq");
        write_atomically::<_, io::Error>(&new, |w| w.write_all(b"x")).unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !current_umask());
        let existing = dir.path().join("existing.nq");
        std::fs::write(&existing, "").unwrap();
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically::<_, io::Error>(&existing, |w| w.write_all(b"y")).unwrap();
        let mode = std::fs::metadata(&existing).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "y");
    }
}
