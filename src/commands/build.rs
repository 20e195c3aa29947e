//! `ckg build`: validate, then replace the curated graphs of the store in one transaction.

use crate::cli::BuildArgs;
use conflict_kg::pipeline;
use conflict_kg::store::KgStore;
use std::time::{Duration, Instant};

/// Test hook: when set to a file path, `build` creates that file once everything is staged and
/// then waits 30 s before committing, so a test can kill it mid-write.
pub const PAUSE_ENV: &str = "CKG_FAULT_PAUSE_BEFORE_COMMIT";

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let base = super::base(&args.base)?;
    let data = &args.data.data;
    let model = match pipeline::load(data) {
        Ok(m) => m,
        Err(e) => {
            return Err(match e.problems() {
                Some(p) => super::problems_error(p, &data.display().to_string()),
                None => e.into(),
            });
        }
    };
    let store = KgStore::open(&args.store.store)?;
    let summary = pipeline::build_into(&store, &model, &base, || {
        if let Some(marker) = std::env::var_os(PAUSE_ENV) {
            let _ = std::fs::write(&marker, b"staged\n");
            std::thread::sleep(Duration::from_secs(30));
        }
    })?;
    println!(
        "built {} from {}",
        args.store.store.display(),
        data.display()
    );
    println!("  reports    {:>8}", summary.reports);
    println!("  incidents  {:>8}", summary.incidents);
    println!("  claims     {:>8}", summary.claims);
    println!("  actors     {:>8}", summary.actors);
    println!("  places     {:>8}", summary.places);
    println!("  sources    {:>8}", summary.sources);
    println!("  triples    {:>8}  (quads in all graphs)", summary.quads);
    println!("  graphs     {:>8}", summary.graphs);
    println!("  time       {:>8.2} s", started.elapsed().as_secs_f64());
    Ok(())
}
