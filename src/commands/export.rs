//! `ckg export`: write the store, or one graph, as RDF to stdout or atomically to a file.

use crate::cli::ExportArgs;
use anyhow::Context;
use conflict_kg::export::{self, ExportFormat};
use conflict_kg::store::KgStore;
use oxigraph::model::NamedNode;
use std::io::Write;

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let base = super::base(&args.base)?;
    let format = match (&args.format, &args.output) {
        (Some(name), _) => ExportFormat::parse(name).with_context(|| {
            format!(
                "unknown format `{name}` (expected one of: {})",
                ExportFormat::NAMES.join(", ")
            )
        })?,
        (None, Some(path)) => ExportFormat::from_path(path).unwrap_or(ExportFormat::Turtle),
        (None, None) => ExportFormat::Turtle,
    };
    let graph = match &args.graph {
        Some(iri) => Some(
            NamedNode::new(iri).with_context(|| format!("--graph `{iri}` is not a valid IRI"))?,
        ),
        None => None,
    };
    let store = KgStore::open_read_only(&args.store.store)?;
    match &args.output {
        Some(path) => {
            let n = export::write_atomically(path, |w| {
                export::export(store.inner(), format, graph.as_ref(), &base, w)
            })
            .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {n} statements to {}", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            export::export(store.inner(), format, graph.as_ref(), &base, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
