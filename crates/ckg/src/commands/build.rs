//! `ckg build`: validate, then replace the curated graphs of the store in one transaction.

use crate::cli::BuildArgs;
use conflict_kg::KgStore;
use std::time::Instant;

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let base = super::base(&args.base)?;
    let data = &args.data.data;
    let model = conflict_kg::load(data)?;
    if model.has_drafts() && !args.drafts {
        let mut message = String::from(
            "the data holds drafts, which are not built without --drafts (review them, then \
             delete `status = \"draft\"`; `ckg validate` lists their review items):",
        );
        for (file, line) in model.draft_marks() {
            message.push_str(&format!(
                "\n  {}:{line}: status = \"draft\"",
                file.display()
            ));
        }
        anyhow::bail!(message);
    }
    let store = KgStore::open(&args.store.store)?;
    let built = conflict_kg::build_into(&store, &model, &base, super::fault::pause_before_commit)?;
    let summary = built.summary;
    outln!(
        "built {} from {}",
        args.store.store.display(),
        data.display()
    );
    outln!("  reports    {:>8}", summary.reports);
    outln!("  incidents  {:>8}", summary.incidents);
    outln!("  claims     {:>8}", summary.claims);
    outln!("  actors     {:>8}", summary.actors);
    outln!("  places     {:>8}", summary.places);
    outln!("  sources    {:>8}", summary.sources);
    outln!("  triples    {:>8}  (quads in all graphs)", summary.quads);
    outln!("  graphs     {:>8}", summary.graphs);
    let drafts = model.draft_marks().len();
    if drafts > 0 {
        outln!("  drafts     {drafts:>8}  (in {{base}}graph/draft/…, not in the curated graphs)");
    }
    for g in &built.refreshed_imports {
        outln!(
            "  refreshed  {}  (derived governorates and counts: the place hierarchy changed)",
            g.as_str()
        );
    }
    for g in &built.undigested_imports {
        outln!(
            "  stale?     {}  (imported before derived data recorded its place hierarchy: its derived governorates and counts may not follow the curated places; import the file again)",
            g.as_str()
        );
    }
    outln!("  time       {:>8.2} s", started.elapsed().as_secs_f64());
    Ok(())
}
