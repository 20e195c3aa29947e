//! `ckg serve`: the store over HTTP (the library's `serve`); prints where it listens, then
//! serves until stopped.

use crate::cli::ServeArgs;
use conflict_kg::QueryLimits;
use conflict_kg::serve::{Config, Server, named_queries};
use std::io::Write;
use std::time::Duration;

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let base = super::base(&args.base)?;
    let mut config = Config::new(args.bind, base);
    config.cors = args.cors;
    config.limits = QueryLimits {
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
        max_rows: (args.max_rows > 0).then_some(args.max_rows),
        allow_service: args.allow_service,
    };
    if let Some(workers) = args.workers {
        config.workers = usize::from(workers);
    }
    config.queue = args.queue;
    config.max_query = args.max_query;
    config.max_body = args.max_body;
    config.cache_bytes = args.cache_mib.saturating_mul(1 << 20);
    if args.queries.is_dir() {
        config.named_queries = named_queries(&args.queries)?;
    }
    let server = Server::bind(&args.store.store, config)?;
    let addr = server.local_addr()?;
    let mut out = std::io::stdout();
    writeln!(
        out,
        "serving {} read-only on http://{addr}/ (SPARQL endpoint http://{addr}/sparql)",
        args.store.store.display()
    )?;
    out.flush()?;
    server.run()?;
    Ok(())
}
