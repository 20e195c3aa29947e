//! `ckg optimize`: compact an existing store (never growing it) and print what it did.

use crate::cli::StoreArg;
use conflict_kg::KgStore;
use std::time::Instant;

pub fn run(args: StoreArg) -> anyhow::Result<()> {
    let started = Instant::now();
    eprintln!("compacting a copy of {}…", args.store.display());
    let done = KgStore::optimize(&args.store)?;
    let secs = started.elapsed().as_secs_f64();
    if done.replaced {
        outln!(
            "compacted {}: {} → {} in {secs:.1} s",
            args.store.display(),
            mib(done.before),
            mib(done.after()),
        );
    } else {
        outln!(
            "left {} as it was ({}): compacting gave {}, no smaller. Nothing to gain: the store \
             holds no removed quads to drop, and its files, as the bulk loader wrote them, are \
             compressed more tightly than compaction rewrites them ({secs:.1} s)",
            args.store.display(),
            mib(done.before),
            mib(done.compacted),
        );
    }
    Ok(())
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
