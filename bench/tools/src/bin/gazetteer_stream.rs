//! Benchmark driver for the GeoNames reader (run by `bench/gazetteer.sh`):
//!
//! ```text
//! gazetteer_stream generate ROWS FILE   synthetic rows in GeoNames' 19-column format
//! gazetteer_stream split FILE           baseline: read lines, split on tabs, count fields
//! gazetteer_stream read FILE            the reader keeping Syrian rows (--countries SY)
//! gazetteer_stream read-names FILE      the same plus the name-key filter `ckg link` uses
//! ```
//!
//! Each pass prints `rows`, `kept` and `rows_per_s` on one line for the script to collect.

use conflict_kg::gazetteer::geonames::{self, Filter};
use conflict_kg::gazetteer::name_key;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

const SYLLABLES: &[&str] = &[
    "al", "ma", "ya", "din", "dayr", "zor", "ra", "qa", "ha", "sa", "ka", "bu", "ta", "mi", "ni",
    "sha", "ba", "la", "ri", "tu", "an", "el", "ko", "ve", "gra", "do", "be", "lin", "ton",
    "ville",
];
const COUNTRIES: &[&str] = &[
    "US", "RU", "CN", "IN", "BR", "FR", "DE", "IR", "IQ", "TR", "MX", "ID", "NG", "PK",
];
/// One row in 500 is Syrian (0.2 %, about a mid-sized country's share of allCountries.txt), so
/// the reader keeps ~24,000 of 12 million rows, as `ckg link geonames --countries SY` would.
const SYRIAN_EVERY: u64 = 500;

fn name(mut n: u64) -> String {
    let mut s = String::new();
    for _ in 0..2 + (n % 3) {
        s.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
        n /= SYLLABLES.len() as u64;
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            >> 7;
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn generate(rows: u64, path: &Path) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    for i in 0..rows {
        let id = 1_000_000 + i;
        let n = name(i);
        let alts: Vec<String> = (0..(i % 7)).map(|k| name(i * 31 + k)).collect();
        let cc = if i % SYRIAN_EVERY == 0 {
            "SY"
        } else {
            COUNTRIES[(i % COUNTRIES.len() as u64) as usize]
        };
        let lat = (i % 18000) as f64 / 100.0 - 90.0;
        let lon = (i % 36000) as f64 / 100.0 - 180.0;
        writeln!(
            out,
            "{id}\t{n}\t{n}\t{}\t{lat:.5}\t{lon:.5}\tP\tPPL\t{cc}\t\t{:02}\t\t\t\t{}\t\t{}\tEtc/UTC\t2024-01-01",
            alts.join(","),
            i % 20,
            i % 100_000,
            i % 900
        )?;
    }
    out.flush()
}

fn split(path: &Path) -> std::io::Result<(u64, u64)> {
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut line = String::new();
    let (mut rows, mut fields) = (0u64, 0u64);
    while reader.read_line(&mut line)? > 0 {
        rows += 1;
        fields += line.trim_end().split('\t').count() as u64;
        line.clear();
    }
    Ok((rows, fields))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (mode, path) = match args.as_slice() {
        [_, mode, rows, file] if mode == "generate" => {
            generate(rows.parse()?, Path::new(file))?;
            return Ok(());
        }
        [_, mode, file] => (mode.as_str(), Path::new(file)),
        _ => {
            return Err(
                "usage: gazetteer_stream generate ROWS FILE | split|read|read-names FILE".into(),
            );
        }
    };
    let started = Instant::now();
    let (rows, kept) = match mode {
        "split" => split(path)?,
        "read" | "read-names" => {
            let mut names = HashSet::new();
            if mode == "read-names" {
                // The curated names of data/reference/places.toml, as `ckg link` wants them.
                for n in [
                    "Mayadeen",
                    "Deir ez-Zor",
                    "Damascus",
                    "Beirut",
                    "Chita",
                    "Smolensk",
                    "Homs",
                    "Yarmuk camp",
                    "At-Taym oil field",
                    "Hmeimim airbase",
                ] {
                    names.insert(name_key(n));
                }
            }
            let filter = Filter {
                countries: vec!["SY".into()],
                names,
            };
            let (g, rows) = geonames::read_dump(path, &filter, &conflict_kg::Silent)?;
            (rows, g.len() as u64)
        }
        other => return Err(format!("unknown mode {other}").into()),
    };
    let secs = started.elapsed().as_secs_f64();
    println!(
        "mode={mode} rows={rows} kept={kept} seconds={secs:.2} rows_per_s={:.0}",
        rows as f64 / secs
    );
    Ok(())
}
