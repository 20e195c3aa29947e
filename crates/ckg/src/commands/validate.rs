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
    print_drafts(&model)
}

/// The open review items of every draft, `file:line: review: about: item`, then a summary.
pub fn print_drafts(model: &conflict_kg::Model) -> anyhow::Result<()> {
    let mut items = 0;
    for r in &model.reports {
        let Some(d) = &r.draft else { continue };
        outln!(
            "{}:{}: report.status: draft ({} open review items)",
            d.file.display(),
            d.line,
            d.review.len()
        );
        for item in &d.review {
            outln!(
                "{}:{}: review: {}: {}",
                d.file.display(),
                item.line,
                item.about,
                item.item
            );
            items += 1;
        }
    }
    for d in &model.draft_reference {
        outln!(
            "{}:{}: status: draft reference file ({} actors, {} places, {} sources proposed)",
            d.file.display(),
            d.line,
            d.actors.len(),
            d.places.len(),
            d.sources.len()
        );
    }
    let marks = model.draft_marks().len();
    if marks > 0 {
        outln!(
            "{marks} draft files, {items} open review items: `ckg build` refuses drafts until \
             `status = \"draft\"` is deleted (or builds them into draft graphs with --drafts)"
        );
    }
    Ok(())
}
