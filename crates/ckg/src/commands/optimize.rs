//! `ckg optimize`: compact an existing store and print its size before and after.

use crate::cli::StoreArg;
use conflict_kg::KgStore;
use std::path::Path;
use std::time::Instant;

pub fn run(args: StoreArg) -> anyhow::Result<()> {
    let started = Instant::now();
    let store = KgStore::open_existing(&args.store)?;
    let before = disk_size(&args.store)?;
    eprintln!("compacting {} ({})…", args.store.display(), mib(before));
    store.optimize()?;
    drop(store);
    let after = disk_size(&args.store)?;
    println!(
        "compacted {}: {} → {} in {:.1} s",
        args.store.display(),
        mib(before),
        mib(after),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Bytes of the files under `dir` (a store is one flat directory of RocksDB files, but walk
/// subdirectories too).
fn disk_size(dir: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            disk_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
