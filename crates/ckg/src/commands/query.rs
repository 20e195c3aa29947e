//! `ckg query`: run a SPARQL query from a file or `--query` and print the answers.

use crate::cli::QueryArgs;
use anyhow::{Context, bail};
use conflict_kg::KgStore;
use conflict_kg::{LimitError, OutputFormat, QueryLimits};
use oxigraph::sparql::QueryResults;
use std::io::{IsTerminal, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// oxigraph stops a query only where it checks its cancellation token (when it reads the
/// store; the library also checks between answers), so a query computing in memory can run
/// past its limit. One second after the limit this ends the process with the timeout error,
/// unless the answers are complete (the flag, set under the lock before anything is printed).
fn deadline(limit: Option<Duration>) -> Arc<Mutex<bool>> {
    let finished = Arc::new(Mutex::new(false));
    if let Some(limit) = limit {
        let flag = Arc::clone(&finished);
        std::thread::spawn(move || {
            std::thread::sleep(limit + Duration::from_secs(1));
            let done = flag.lock().unwrap_or_else(|e| e.into_inner());
            if !*done {
                super::report_error(&anyhow::Error::new(LimitError::Timeout { limit }));
                std::process::exit(1);
            }
        });
    }
    finished
}

pub fn run(args: QueryArgs) -> anyhow::Result<()> {
    let base = super::base(&args.base)?;
    let (text, origin) = match (&args.file, &args.query) {
        (Some(path), None) => (
            std::fs::read_to_string(path).with_context(|| {
                // `ckg query 'SELECT …'`: the text was given where a file is expected.
                let looks_like_a_query = path
                    .to_str()
                    .is_some_and(|p| p.contains(char::is_whitespace) || p.contains('{'));
                if looks_like_a_query {
                    format!(
                        "cannot read the query file {} (to give the query text itself, use -q/--query)",
                        path.display()
                    )
                } else {
                    format!("cannot read the query file {}", path.display())
                }
            })?,
            path.display().to_string(),
        ),
        (None, Some(q)) => (q.clone(), "--query".to_string()),
        _ => bail!("give a query file (ckg query FILE.rq) or --query TEXT"),
    };
    let explicit = args.format;
    let store = KgStore::open_read_only(&args.store.store)?;
    let limits = QueryLimits {
        timeout: args.timeout.map(Duration::from_secs_f64),
        ..QueryLimits::default()
    };
    let finished = deadline(limits.timeout);
    let results = store.query_limited(&text, &origin, &base, &limits)?;
    let format = explicit.unwrap_or(match results.results {
        QueryResults::Graph(_) => OutputFormat::Turtle,
        _ if std::io::stdout().is_terminal() => OutputFormat::Table,
        _ => OutputFormat::Tsv,
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if limits.timeout.is_none() {
        results.write(format, &base, &mut out)?;
    } else {
        // Under a time limit the answers are spooled (memory, then a temporary file) and
        // printed only once complete: a query stopped by the limit prints nothing.
        let mut spool = tempfile::spooled_tempfile(8 << 20);
        let written = results.write(format, &base, &mut spool);
        *finished.lock().unwrap_or_else(|e| e.into_inner()) = true;
        written?;
        spool.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut spool, &mut out)?;
    }
    out.flush()?;
    Ok(())
}
