//! The plan oxigraph evaluates a query with, and how many rows each step produced: what
//! bench/RESULTS-analytics.md reads to find where a query's time goes. The query runs over the
//! union of the store's graphs with the project's prefixes, as `ckg query` runs it.
//!
//! `cargo run --release -p ckg-bench --bin explain_query -- STORE_DIR QUERY.rq > plan.json`

use conflict_kg::Base;
use conflict_kg::vocab::{INSTANCE_FOLDERS, STANDARD_PREFIXES};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(store), Some(query)) = (args.next(), args.next()) else {
        eprintln!("usage: explain_query STORE_DIR QUERY.rq");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&query)?;
    let base = Base::default();
    let mut evaluator = SparqlEvaluator::new();
    for (p, iri) in STANDARD_PREFIXES {
        evaluator = evaluator.with_prefix(*p, *iri)?;
    }
    for folder in INSTANCE_FOLDERS {
        evaluator = evaluator.with_prefix(*folder, base.folder(folder))?;
    }
    let started = Instant::now();
    let store = Store::open_read_only(&store)?;
    let mut prepared = evaluator.parse_query(&text)?;
    prepared.dataset_mut().set_default_graph_as_union();
    let (results, explanation) = prepared.on_store(&store).compute_statistics().explain();
    let mut rows = 0usize;
    if let QueryResults::Solutions(solutions) = results? {
        for s in solutions {
            s?;
            rows += 1;
        }
    }
    explanation.write_in_json(std::io::stdout().lock())?;
    println!();
    eprintln!("{rows} rows in {:.2} s", started.elapsed().as_secs_f64());
    Ok(())
}
