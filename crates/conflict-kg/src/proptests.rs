//! Property tests of every reader of outside input (issue 16): the data TOML files, ACLED and
//! UCDP rows, GeoNames dump and admin rows, Wikidata JSON/TSV/CSV results and entity dump
//! lines, and the `--names` TSV. Inputs are the project's real files with random edits (bytes
//! replaced, inserted or deleted, with bytes that matter to each format; the file cut short;
//! lines doubled or dropped). Each reader must not panic, and every error it returns must say
//! where: a line (and a column where the format has columns) inside the file it read.
//!
//! `CKG_PROPTEST_CASES` sets the number of cases per reader (default: 500 in `cargo test`, a
//! few thousand in all); `bench/proptest.sh` runs a million.

use crate::diag::Problems;
use crate::gazetteer::{GazetteerError, geonames, wikidata};
use crate::import::{self, DatasetKind, ImportError, Options, Reference, Target};
use crate::link::{self, LinkError, Matcher};
use crate::pipeline::{self, PipelineError};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> u32 {
    std::env::var("CKG_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500)
}

/// Runs `check` on `cases()` mutations of `seed`; a panic or a failed check is a failure,
/// shrunk by proptest to a small edit list.
fn fuzz(seed: &[u8], alphabet: &'static [u8], check: impl Fn(&[u8]) -> Result<(), String>) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&edits(alphabet), |edits| {
            let input = apply(seed, &edits);
            check(&input).map_err(|e| {
                TestCaseError::fail(format!("{e}\ninput:\n{}", String::from_utf8_lossy(&input)))
            })
        })
        .unwrap();
}

/// One edit of an input; positions are taken modulo its length.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    /// Cut the file here (a truncated download).
    Truncate(usize),
    /// Repeat the line holding this position.
    DoubleLine(usize),
    /// Drop the line holding this position.
    DropLine(usize),
}

fn edits(alphabet: &'static [u8]) -> impl Strategy<Value = Vec<Edit>> {
    let byte = proptest::sample::select(alphabet);
    let edit = prop_oneof![
        4 => (any::<usize>(), byte.clone()).prop_map(|(i, b)| Edit::Replace(i, b)),
        4 => (any::<usize>(), byte).prop_map(|(i, b)| Edit::Insert(i, b)),
        2 => any::<usize>().prop_map(Edit::Delete),
        1 => any::<usize>().prop_map(Edit::Truncate),
        1 => any::<usize>().prop_map(Edit::DoubleLine),
        1 => any::<usize>().prop_map(Edit::DropLine),
    ];
    proptest::collection::vec(edit, 1..6)
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for e in edits {
        let at = |i: usize, v: &Vec<u8>| if v.is_empty() { 0 } else { i % v.len() };
        let line = |i: usize, v: &Vec<u8>| {
            let i = at(i, v);
            let start = v[..i]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let end = v[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(v.len(), |p| i + p + 1);
            (start, end)
        };
        match *e {
            Edit::Replace(i, b) if !v.is_empty() => {
                let i = at(i, &v);
                v[i] = b;
            }
            Edit::Insert(i, b) => {
                let i = if v.is_empty() { 0 } else { i % (v.len() + 1) };
                v.insert(i, b);
            }
            Edit::Delete(i) if !v.is_empty() => {
                let i = at(i, &v);
                v.remove(i);
            }
            Edit::Truncate(i) => {
                let i = at(i, &v);
                v.truncate(i);
            }
            Edit::DoubleLine(i) if !v.is_empty() => {
                let (s, e) = line(i, &v);
                let copy = v[s..e].to_vec();
                v.splice(e..e, copy);
            }
            Edit::DropLine(i) if !v.is_empty() => {
                let (s, e) = line(i, &v);
                v.drain(s..e);
            }
            _ => {}
        }
    }
    v
}

/// Bytes that matter to CSV/TSV readers, plus a few that are not UTF-8.
const DELIMITED: &[u8] = b"\t,\"\n\r 0123456789.-+eEaZ:/_<>@^\\'\xff\xc3\x80";
/// Bytes that matter to TOML.
const TOML: &[u8] = b"=[]{}\"'#\n\r \t,.-0123456789:aztrue_\\\xff\xc3";
/// Bytes that matter to JSON.
const JSON: &[u8] = b"{}[]\":,\n \\0123456789.-eEtrufalsn\xff\xc3";

/// The file lines of `input` (for checking that a reported line lies inside it).
fn lines(input: &[u8]) -> usize {
    input.iter().filter(|&&b| b == b'\n').count() + 1
}

/// Every problem lies inside `file` (`lines` lines), at line ≥ 1 and column ≥ 1.
fn problems_inside(problems: &Problems, file: &Path, lines: usize) -> Result<(), String> {
    if problems.is_empty() {
        return Err("an error with no problem listed".into());
    }
    for p in problems.iter() {
        let l = &p.location;
        if l.line == 0 || l.column == 0 || l.file == file && l.line > lines + 1 {
            return Err(format!("problem outside the file: {p}"));
        }
    }
    Ok(())
}

fn gazetteer_error_inside(e: &GazetteerError, lines: usize) -> Result<(), String> {
    match e {
        GazetteerError::Syntax { line, column, .. }
            if *line >= 1 && *line as usize <= lines + 1 && *column >= 1 =>
        {
            Ok(())
        }
        other => Err(format!(
            "an error without a position inside the file: {other}"
        )),
    }
}

/// A scratch file written for one case.
struct Scratch {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn scratch(name: &str, bytes: &[u8]) -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    Scratch { _dir: dir, path }
}

// ---- data TOML ---------------------------------------------------------------------------

/// A copy of `data/` per thread, in which one file at a time is replaced.
fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["reference", "reports"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(repo().join("data").join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name())).unwrap();
        }
    }
    dir
}

fn data_toml(relative: &str) {
    let data = data_copy();
    let file = data.path().join(relative);
    let seed = std::fs::read(&file).unwrap();
    fuzz(&seed, TOML, |input| {
        std::fs::write(&file, input).unwrap();
        match pipeline::load(data.path()) {
            Ok(_) => Ok(()),
            Err(PipelineError::Invalid(problems)) => {
                problems_inside(&problems, &file, lines(input))
            }
            Err(other) => Err(format!("not a list of problems: {other}")),
        }
    });
}

#[test]
fn data_toml_places_never_panics_and_every_problem_has_a_position() {
    data_toml("reference/places.toml");
}

#[test]
fn data_toml_a_report_never_panics_and_every_problem_has_a_position() {
    data_toml("reports/2020-08-russian-general-killed-deir-ez-zor.toml");
}

// ---- ACLED / UCDP ------------------------------------------------------------------------

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| Reference::load(&repo().join("data")).unwrap())
}

fn dataset_rows(kind: DatasetKind, fixture: &str) {
    let seed = std::fs::read(repo().join("tests/fixtures").join(fixture)).unwrap();
    let flip = std::sync::atomic::AtomicBool::new(false);
    fuzz(&seed, DELIMITED, |input| {
        let file = scratch("rows.csv", input);
        let skip = flip.fetch_xor(true, std::sync::atomic::Ordering::Relaxed);
        let options = Options {
            kind,
            input: file.path.clone(),
            name: "rows".into(),
            base: crate::Base::default(),
            skip_bad_rows: skip,
            rejects: file.path.with_extension("rejects.csv"),
        };
        let n = lines(input);
        match import::import(&options, reference(), Target::DryRun, &crate::Silent) {
            Ok(_) => Ok(()),
            Err(ImportError::BadRows { problems, .. } | ImportError::Invalid(problems)) => {
                problems_inside(&problems, &file.path, n)
            }
            Err(ImportError::Csv { source, .. }) if source.position().is_some() => Ok(()),
            Err(other) => Err(format!("an error without a position: {other}")),
        }
    });
}

#[test]
fn acled_rows_never_panic_and_every_error_has_a_position() {
    dataset_rows(DatasetKind::Acled, "acled-sample.csv");
}

#[test]
fn ucdp_rows_never_panic_and_every_error_has_a_position() {
    dataset_rows(DatasetKind::Ucdp, "ucdp-sample.csv");
}

// ---- GeoNames ----------------------------------------------------------------------------

#[test]
fn geonames_rows_never_panic_and_every_error_has_a_line_and_column() {
    let dump =
        std::fs::read_to_string(repo().join("data/gazetteer/geonames-SY-extract.txt")).unwrap();
    let seed: String = dump.lines().take(12).map(|l| format!("{l}\n")).collect();
    fuzz(seed.as_bytes(), DELIMITED, |input| {
        let file = scratch("dump.txt", input);
        match geonames::read_dump(&file.path, &geonames::Filter::default(), &crate::Silent) {
            Ok(_) => Ok(()),
            Err(e) => gazetteer_error_inside(&e, lines(input)),
        }
    });
}

#[test]
fn geonames_admin_codes_never_panic_and_every_error_has_a_line_and_column() {
    let seed = std::fs::read(repo().join("data/gazetteer/admin1CodesASCII-SY.txt")).unwrap();
    fuzz(&seed, DELIMITED, |input| {
        let file = scratch("admin1.txt", input);
        match geonames::read_admin_names(&file.path) {
            Ok(_) => Ok(()),
            Err(e) => gazetteer_error_inside(&e, lines(input)),
        }
    });
}

// ---- Wikidata ----------------------------------------------------------------------------

fn wikidata_file(name: &str, seed: &[u8], alphabet: &'static [u8]) {
    fuzz(seed, alphabet, |input| {
        let file = scratch(name, input);
        match wikidata::read(&file.path) {
            Ok(_) => Ok(()),
            Err(e) => gazetteer_error_inside(&e, lines(input)),
        }
    });
}

#[test]
fn wikidata_json_results_never_panic_and_every_error_has_a_line_and_column() {
    let seed = std::fs::read(repo().join("data/gazetteer/wikidata-sample.json")).unwrap();
    wikidata_file("results.json", &seed, JSON);
}

#[test]
fn wikidata_tsv_results_never_panic_and_every_error_has_a_line_and_column() {
    let seed = "?item\t?itemLabel\t?itemAltLabel\t?coord\t?country\n\
        <http://www.wikidata.org/entity/Q3766>\t\"Damascus\"@en\t\"Dimashq, Al-Sham\"@en\t\
        \"Point(36.29 33.51)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>\t\
        <http://www.wikidata.org/entity/Q858>\n\
        <http://www.wikidata.org/entity/Q858>\t\"Syria\"@en\t\t\t\n";
    wikidata_file("results.tsv", seed.as_bytes(), DELIMITED);
}

#[test]
fn wikidata_csv_results_never_panic_and_every_error_has_a_line_and_column() {
    let seed = "item,itemLabel,itemAltLabel,coord,country\n\
        http://www.wikidata.org/entity/Q3766,Damascus,\"Dimashq, Al-Sham\",Point(36.29 33.51),\
        http://www.wikidata.org/entity/Q858\n\
        http://www.wikidata.org/entity/Q858,Syria,,,\n";
    wikidata_file("results.csv", seed.as_bytes(), DELIMITED);
}

#[test]
fn wikidata_entity_dump_lines_never_panic_and_every_error_has_a_line_and_column() {
    let seed = "[\n\
        {\"type\":\"item\",\"id\":\"Q3766\",\"labels\":{\"en\":{\"language\":\"en\",\"value\":\"Damascus\"}},\
        \"aliases\":{\"en\":[{\"language\":\"en\",\"value\":\"Dimashq\"}]},\"claims\":{\"P625\":[{\"mainsnak\":\
        {\"datavalue\":{\"value\":{\"latitude\":33.51,\"longitude\":36.29}}}}]}},\n\
        {\"type\":\"item\",\"id\":\"Q858\",\"labels\":{\"en\":{\"language\":\"en\",\"value\":\"Syria\"}}}\n\
        ]\n";
    wikidata_file("dump.json", seed.as_bytes(), JSON);
}

// ---- --names TSV -------------------------------------------------------------------------

#[test]
fn names_tsv_never_panics_and_every_error_has_a_line_and_column() {
    let dump = repo().join("data/gazetteer/geonames-SY-extract.txt");
    let (gazetteer, _) =
        geonames::read_dump(&dump, &geonames::Filter::default(), &crate::Silent).unwrap();
    let matcher = Matcher::new(&gazetteer, None);
    let mentions =
        std::fs::read_to_string(repo().join("tests/fixtures/place-mentions.tsv")).unwrap();
    let seed: String = mentions.lines().take(8).map(|l| format!("{l}\n")).collect();
    let path = Path::new("names.tsv");
    fuzz(seed.as_bytes(), DELIMITED, |input| {
        // The CLI reads the file as UTF-8 first (its own error, with the byte's position).
        let Ok(text) = std::str::from_utf8(input) else {
            return Ok(());
        };
        match link::reconcile(path, text, &matcher, link::DEFAULT_COUNTRY) {
            Ok(_) => Ok(()),
            Err(LinkError::Invalid(problems)) => problems_inside(&problems, path, lines(input)),
            Err(other) => Err(format!("an error without a position: {other}")),
        }
    });
}
