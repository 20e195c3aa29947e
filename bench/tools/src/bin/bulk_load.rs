//! The benchmark's floor: oxigraph's own bulk loader loading an N-Quads file into a store, with
//! the same memory target `ckg import` gives it. No conversion, no checks: what loading alone
//! costs.
//!
//! `cargo run --release -p ckg-bench --bin bulk_load -- STORE_DIR FILE.nq [MAX_MEMORY_MB]`

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(store), Some(file)) = (args.next(), args.next()) else {
        eprintln!("usage: bulk_load STORE_DIR FILE.nq [MAX_MEMORY_MB]");
        std::process::exit(2);
    };
    let mb: usize = args
        .next()
        .map(|m| m.parse())
        .transpose()?
        .unwrap_or(conflict_kg::import::DEFAULT_MAX_MEMORY_MB);
    let started = Instant::now();
    let store = Store::open(&store)?;
    let mut loader = store.bulk_loader().with_max_memory_size_in_megabytes(mb);
    loader.load_from_reader(
        RdfFormat::NQuads,
        BufReader::with_capacity(1 << 20, File::open(&file)?),
    )?;
    loader.commit()?;
    store.flush()?;
    let quads = store.len()?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "loaded {quads} quads in {secs:.2} s ({:.0} quads/s)",
        quads as f64 / secs
    );
    Ok(())
}
