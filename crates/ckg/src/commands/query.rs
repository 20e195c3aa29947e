//! `ckg query`: run a SPARQL query from a file or `--query` and print the answers.

use crate::cli::QueryArgs;
use anyhow::{Context, bail};
use conflict_kg::KgStore;
use conflict_kg::{OutputFormat, write_results};
use oxigraph::sparql::QueryResults;
use std::io::{IsTerminal, Write};

pub fn run(args: QueryArgs) -> anyhow::Result<()> {
    let base = super::base(&args.base)?;
    let (text, origin) = match (&args.file, &args.query) {
        (Some(path), None) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the query file {}", path.display()))?,
            path.display().to_string(),
        ),
        (None, Some(q)) => (q.clone(), "--query".to_string()),
        _ => bail!("give a query file (ckg query FILE.rq) or --query TEXT"),
    };
    let explicit = args.format;
    let store = KgStore::open_read_only(&args.store.store)?;
    let results = store.query(&text, &origin, &base)?;
    let format = explicit.unwrap_or(match results {
        QueryResults::Graph(_) => OutputFormat::Turtle,
        _ if std::io::stdout().is_terminal() => OutputFormat::Table,
        _ => OutputFormat::Tsv,
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_results(results, format, &base, &mut out)?;
    out.flush()?;
    Ok(())
}
