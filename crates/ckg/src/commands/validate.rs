//! `ckg validate`: check the data directory, print every problem, write nothing.

use crate::cli::DataArg;

pub fn run(args: DataArg) -> anyhow::Result<()> {
    let model = conflict_kg::load(&args.data)?;
    outln!(
        "{}: valid ({} reports, {} incidents, {} claims, {} actors, {} places, {} sources)",
        args.data.display(),
        model.reports.len(),
        model.incidents().count(),
        model.claims().count(),
        model.actors.len(),
        model.places.len(),
        model.sources.len()
    );
    Ok(())
}
