//! `ckg import acled|ucdp FILE.csv`: stream an event dataset into its own graph, with a progress
//! bar on a terminal and a summary at the end.

use super::progress::Report;
use crate::cli::{ImportArgs, ImportDataset, ImportFileArgs};
use conflict_kg::import::{self, DatasetKind, ImportError, Options, Reference, Target};
use std::time::{Duration, Instant};

pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    let (kind, args) = match args.dataset {
        ImportDataset::Acled(a) => (DatasetKind::Acled, a),
        ImportDataset::Ucdp(a) => (DatasetKind::Ucdp, a),
    };
    let started = Instant::now();
    let base = super::base(&args.base)?;
    let (summary, target) = import_file(kind, &args, base)?;
    print_summary(kind, &args, &summary, target, started.elapsed())
}

#[derive(Clone, Copy)]
enum Written {
    Store,
    NQuads,
    Nothing,
}

fn import_file(
    kind: DatasetKind,
    args: &ImportFileArgs,
    base: conflict_kg::Base,
) -> Result<(import::Summary, Written), ImportError> {
    let name = match &args.name {
        Some(n) => import::check_name(n)?,
        None => import::default_name(&args.file)?,
    };
    let options = Options {
        kind,
        input: args.file.clone(),
        name,
        base,
        skip_bad_rows: args.skip_bad_rows,
        rejects: args
            .rejects
            .clone()
            .unwrap_or_else(|| import::default_rejects_path(&args.file)),
    };
    let reference = Reference::load(&args.data.data)?;
    let progress = Report::for_input(&args.file, false);
    let (target, written) = match (&args.nquads, args.dry_run) {
        (Some(out), _) => (Target::NQuads(out), Written::NQuads),
        (None, true) => (Target::DryRun, Written::Nothing),
        (None, false) => (
            Target::Store {
                path: &args.store.store,
                max_memory_mb: args.max_memory,
                before_publish: &super::fault::pause_before_commit,
            },
            Written::Store,
        ),
    };
    let result = import::import(&options, &reference, target, &progress);
    progress.finish();
    result.map(|s| (s, written))
}

fn print_summary(
    kind: DatasetKind,
    args: &ImportFileArgs,
    s: &import::Summary,
    written: Written,
    elapsed: Duration,
) -> anyhow::Result<()> {
    let secs = elapsed.as_secs_f64().max(1e-9);
    match written {
        Written::Store => outln!(
            "imported {} ({}) into {}",
            args.file.display(),
            kind.label(),
            args.store.store.display()
        ),
        Written::NQuads => outln!(
            "converted {} ({}) to {}",
            args.file.display(),
            kind.label(),
            args.nquads
                .as_deref()
                .unwrap_or(std::path::Path::new("-"))
                .display()
        ),
        Written::Nothing => outln!(
            "checked {} ({}); dry run, nothing written",
            args.file.display(),
            kind.label()
        ),
    }
    outln!("  graph      {}", s.graph);
    outln!("  rows       {:>10}", s.rows);
    outln!("  incidents  {:>10}", s.incidents);
    outln!("  triples    {:>10}", s.quads);
    if s.replaced > 0 {
        outln!(
            "  replaced   {:>10}  (triples of the graph's previous import)",
            s.replaced
        );
    }
    outln!("  rejected   {:>10}", s.rejected);
    if let Some(path) = &s.rejects_file {
        outln!("  rejects    {}", path.display());
    }
    outln!(
        "  time       {:>10.2} s  ({:.0} rows/s, {:.0} triples/s)",
        secs,
        s.rows as f64 / secs,
        s.quads as f64 / secs
    );
    Ok(())
}
