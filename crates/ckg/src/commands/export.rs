//! `ckg export`: write the store, or one graph, as RDF to stdout or atomically to a file.

use crate::cli::{ExportArgs, ExportChoice};
use anyhow::Context;
use conflict_kg::Base;
use conflict_kg::KgStore;
use conflict_kg::{ExportFormat, write_atomically};
use oxigraph::model::NamedNode;
use std::io::Write;

/// Incidents as GeoJSON points (needs `ckg link geonames` for coordinates).
fn export_geojson(args: &ExportArgs, base: &Base) -> anyhow::Result<()> {
    if args.graph.is_some() {
        anyhow::bail!("--graph does not apply to --format geojson (it always reads every graph)");
    }
    let store = KgStore::open_read_only(&args.store.store)?;
    let summary = match &args.output {
        Some(path) => write_atomically(path, |w| store.write_geojson(base, w))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let s = store.write_geojson(base, &mut out)?;
            out.flush()?;
            s
        }
    };
    eprintln!(
        "wrote {} incident feature{}; {} incident{} without coordinates left out (run `ckg link geonames` to locate places)",
        summary.features,
        if summary.features == 1 { "" } else { "s" },
        summary.without_coordinates,
        if summary.without_coordinates == 1 {
            ""
        } else {
            "s"
        },
    );
    Ok(())
}

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let base = super::base(&args.base)?;
    let choice = match (args.format, &args.output) {
        (Some(choice), _) => choice,
        (None, Some(path)) => ExportChoice::from_path(path).with_context(|| {
            format!(
                "cannot tell the format of {} from its extension: the known extensions are \
                 {}; or give --format",
                path.display(),
                ExportChoice::extensions()
            )
        })?,
        (None, None) => ExportChoice::Rdf(ExportFormat::Turtle),
    };
    let format = match choice {
        ExportChoice::GeoJson => return export_geojson(&args, &base),
        ExportChoice::Rdf(format) => format,
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
            let n = write_atomically(path, |w| store.export(format, graph.as_ref(), &base, w))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {n} statements to {}", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            store.export(format, graph.as_ref(), &base, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
