//! `ckg validate`: check the data directory, print every problem, write nothing.

use crate::cli::DataArg;
use conflict_kg::pipeline;

pub fn run(args: DataArg) -> anyhow::Result<()> {
    match pipeline::load(&args.data) {
        Ok(model) => {
            println!(
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
        Err(e) => match e.problems() {
            Some(p) => Err(super::problems_error(p, &args.data.display().to_string())),
            None => Err(e.into()),
        },
    }
}
