//! Importing event datasets (ACLED, UCDP GED) into the graph beside the curated reports.
//!
//! This module owns what both datasets share: the graph an import file goes to
//! (`{base}graph/import/{dataset}/{name}`), the CSV reading (byte records, so bad UTF-8 is
//! reported with its row and column), row problems and rejects, the [`Emitter`] that turns a
//! parsed row into quads (actors and places reconciled with the curated ones, each written once
//! per file), and the streaming targets: a dry run, an N-Quads file, or the store.
//! `acled.rs` and `ucdp.rs` own their columns and mappings; `aliases.rs` the alias table;
//! `reconcile.rs` the matching of dataset names to curated actors and places.
//!
//! Invariants:
//! - **Streaming.** Rows are read, converted and handed to oxigraph's bulk loader one at a
//!   time; memory grows with the number of distinct actors and places (a few thousand) and by
//!   a 128-bit fingerprint of each event id (the duplicate-id check: ~75 MB at its peak for a
//!   million rows), never with the rows' contents.
//! - **Deterministic.** The same file, base and data give the same quads: IRIs come from the
//!   dataset's ids and names, never from row order or time.
//! - **All or nothing.** Rows go into a staged copy of the store ([`crate::store::Staging`]);
//!   the copy replaces the store only when every row converted (or, with `skip_bad_rows`, the
//!   bad ones were set aside) and the load committed. A bad file, an error or a kill leaves the
//!   store as it was.

mod acled;
mod aliases;
mod reconcile;
mod ucdp;

pub use reconcile::Reference;

use crate::diag::{Location, Problem, Problems};
use crate::rdf::Base;
use crate::store::{KgStore, StoreError};
use crate::vocab::{self, ActorCategoryConcept, term};
use csv::ByteRecord;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use reconcile::PlaceLevel;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

/// At most this many row problems are kept for the report; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// The bulk loader's memory target when none is given (`--max-memory`).
pub const DEFAULT_MAX_MEMORY_MB: usize = 512;

/// Which dataset a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    Acled,
    Ucdp,
}

impl DatasetKind {
    /// The short id used in IRIs: `acled`, `ucdp` (also the source id in `sources.toml`).
    pub fn id(self) -> &'static str {
        match self {
            DatasetKind::Acled => "acled",
            DatasetKind::Ucdp => "ucdp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DatasetKind::Acled => "ACLED",
            DatasetKind::Ucdp => "UCDP GED",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    /// Problems with the header, the alias table or the curated data.
    #[error("{0}")]
    Invalid(#[source] Problems),
    #[error(
        "{count} bad row{} in {path}; nothing was written (import the good rows with \
         --skip-bad-rows)",
        if *count == 1 { "" } else { "s" }
    )]
    BadRows {
        path: PathBuf,
        count: u64,
        #[source]
        problems: Problems,
    },
    #[error("the data directory cannot be used for reconciliation: {0}")]
    Data(#[source] Box<crate::pipeline::PipelineError>),
    #[error(
        "invalid import name `{name}`: expected lower-case kebab-case such as acled-syria-2024"
    )]
    BadName { name: String },
    #[error("{0}")]
    Base(#[from] crate::rdf::RdfError),
    #[error("cannot load into the staged store: {0}")]
    Load(#[source] oxigraph::store::StorageError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Lower-case kebab-case: letters and digits kept (lower-cased), every other run becomes `-`.
/// With `ascii`, non-ASCII letters count as separators too.
pub fn slug(text: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let keep = if ascii {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if keep {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The import name of a file: the kebab-case of its stem (`ACLED Syria 2024.csv` →
/// `acled-syria-2024`).
pub fn default_name(input: &Path) -> Result<String, ImportError> {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    check_name(&slug(&stem, true))
}

/// An import name must be kebab-case (it becomes part of the graph IRI).
pub fn check_name(name: &str) -> Result<String, ImportError> {
    let ok = !name.is_empty()
        && name.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if ok {
        Ok(name.to_string())
    } else {
        Err(ImportError::BadName {
            name: name.to_string(),
        })
    }
}

/// `{base}graph/import/{dataset}/{name}`: the graph one import file owns.
pub fn graph_name(base: &Base, kind: DatasetKind, name: &str) -> NamedNode {
    base.graph(&format!("import/{}/{name}", kind.id()))
}

/// `FILE.rejects.csv` beside the input.
pub fn default_rejects_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    input.with_file_name(format!("{stem}.rejects.csv"))
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: DatasetKind,
    pub input: PathBuf,
    /// The import name (graph `…/graph/import/{dataset}/{name}`).
    pub name: String,
    pub base: Base,
    /// Import the good rows and write the bad ones to `rejects` instead of failing.
    pub skip_bad_rows: bool,
    /// Where rejected rows go (with `skip_bad_rows`; not written by a dry run).
    pub rejects: PathBuf,
}

/// Where the quads go.
pub enum Target<'a> {
    /// Convert and validate; write nothing.
    DryRun,
    /// Write the quads to an N-Quads file (atomically); no store.
    NQuads(&'a Path),
    /// Replace the import's graph in the store.
    Store {
        path: &'a Path,
        /// Memory target of oxigraph's bulk loader, in MB.
        max_memory_mb: usize,
        /// Runs when the new store is complete and about to replace the old one (tests use it to
        /// kill an import at its last moment).
        before_publish: &'a dyn Fn(),
    },
}

/// Told how far the import is, every few thousand rows. Library code never prints: the CLI
/// implements this with a progress bar.
pub trait Progress {
    /// `rows` read so far, `bytes` of the input consumed.
    fn advance(&self, rows: u64, bytes: u64);
    /// Conversion is over; the bulk loader is writing its files into the store.
    fn loading(&self) {}
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _rows: u64, _bytes: u64) {}
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub graph: String,
    /// Data rows read (header excluded).
    pub rows: u64,
    /// Incidents written (one per good row).
    pub incidents: u64,
    /// Rows set aside (with `skip_bad_rows`).
    pub rejected: u64,
    /// Quads written to the graph.
    pub quads: u64,
    /// Quads of the graph's previous version, removed.
    pub replaced: u64,
    /// Where the rejected rows were written, if anywhere.
    pub rejects_file: Option<PathBuf>,
}

/// Imports one file: reads the curated reference, converts every row and writes to `target`.
pub fn import(
    options: &Options,
    reference: &Reference,
    target: Target<'_>,
    progress: &dyn Progress,
) -> Result<Summary, ImportError> {
    let graph = graph_name(&options.base, options.kind, &options.name);
    match target {
        Target::DryRun => {
            let mut conv = Conversion::open(options, reference, &graph, false, progress)?;
            for _ in conv.by_ref() {}
            conv.finish()
        }
        Target::NQuads(out) => write_nquads(options, reference, &graph, out, progress),
        Target::Store {
            path,
            max_memory_mb,
            before_publish,
        } => {
            // A store this import creates is removed again if the import fails.
            let existed = path.join("CURRENT").is_file();
            let result = import_into_store(
                options,
                reference,
                &graph,
                path,
                max_memory_mb,
                before_publish,
                progress,
            );
            let in_use = matches!(result, Err(ImportError::Store(StoreError::InUse { .. })));
            if result.is_err() && !in_use && !existed && path.exists() {
                let _ = std::fs::remove_dir_all(path);
                let _ = std::fs::remove_file(crate::store::sibling(path, "lock"));
            }
            result
        }
    }
}

fn import_into_store(
    options: &Options,
    reference: &Reference,
    graph: &NamedNode,
    path: &Path,
    max_memory_mb: usize,
    before_publish: &dyn Fn(),
    progress: &dyn Progress,
) -> Result<Summary, ImportError> {
    // The file and its header are checked before the store is touched.
    let mut conv = Conversion::open(options, reference, graph, true, progress)?;
    let store = KgStore::open(path)?;
    let (staging, replaced) = store.stage_without(graph, max_memory_mb)?;
    let mut loader = staging
        .inner()
        .bulk_loader()
        .with_max_memory_size_in_megabytes(max_memory_mb.max(16));
    loader
        .load_quads(conv.by_ref())
        .map_err(ImportError::Load)?;
    // Bad rows (without --skip-bad-rows) or a read error end here: the staged copy is
    // dropped with the loader, the store is untouched.
    let mut summary = conv.finish()?;
    progress.loading();
    loader.commit().map_err(ImportError::Load)?;
    before_publish();
    staging.publish(store)?;
    summary.replaced = replaced;
    Ok(summary)
}

fn write_nquads(
    options: &Options,
    reference: &Reference,
    graph: &NamedNode,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Summary, ImportError> {
    let write_err = |source| ImportError::Write {
        path: out.to_path_buf(),
        source,
    };
    let mut conv = Conversion::open(options, reference, graph, true, progress)?;
    crate::fsutil::write_atomically_with(out, write_err, |w| {
        let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(w);
        for q in conv.by_ref() {
            ser.serialize_quad(&q).map_err(write_err)?;
        }
        ser.finish().map_err(write_err)?;
        conv.finish()
    })
}

// --- CSV rows ----------------------------------------------------------------------------------

/// The header row: column names (trimmed, lower-cased) and where each is.
pub struct Header {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Header {
    fn new(record: &ByteRecord) -> Self {
        let names: Vec<String> = record
            .iter()
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_lowercase()
            })
            .collect();
        let mut index = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            index.entry(n.clone()).or_insert(i);
        }
        Self { names, index }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn name(&self, column: usize) -> &str {
        self.names.get(column).map_or("", String::as_str)
    }

    pub fn find(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// Binds column names to positions, collecting every missing required column.
pub struct Binder<'a> {
    header: &'a Header,
    file: &'a Path,
    missing: Vec<&'static str>,
    expected: &'static str,
}

impl<'a> Binder<'a> {
    pub fn new(header: &'a Header, file: &'a Path, expected: &'static str) -> Self {
        Self {
            header,
            file,
            missing: Vec::new(),
            expected,
        }
    }

    /// A required column (position 0 when missing; `finish` then fails).
    pub fn required(&mut self, name: &'static str) -> usize {
        self.header.find(name).unwrap_or_else(|| {
            self.missing.push(name);
            0
        })
    }

    /// The first of several accepted names for a required column.
    pub fn required_any(&mut self, names: &[&'static str]) -> usize {
        match names.iter().find_map(|n| self.header.find(n)) {
            Some(i) => i,
            None => {
                self.missing.push(names[0]);
                0
            }
        }
    }

    pub fn optional(&self, name: &str) -> Option<usize> {
        self.header.find(name)
    }

    pub fn finish(self) -> Result<(), ImportError> {
        if self.missing.is_empty() {
            return Ok(());
        }
        let mut problems = Problems::default();
        for name in self.missing {
            problems.push(Problem {
                location: Location {
                    file: self.file.to_path_buf(),
                    line: 1,
                    column: 1,
                },
                field: name.to_string(),
                message: format!(
                    "missing column `{name}` in the header (expected {})",
                    self.expected
                ),
            });
        }
        Err(ImportError::Invalid(problems.found_in(self.file)))
    }
}

/// One data row, every field checked to be UTF-8 and trimmed.
pub struct Row<'a> {
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The field at `column` (empty when the column is absent).
    pub fn get(&self, column: usize) -> &'a str {
        self.fields.get(column).copied().unwrap_or("")
    }

    pub fn opt(&self, column: Option<usize>) -> &'a str {
        column.map_or("", |c| self.get(c))
    }
}

/// What is wrong with one field of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// 0-based column.
    pub column: usize,
    pub found: String,
    pub expected: String,
}

impl Fault {
    pub fn new(column: usize, found: &str, expected: impl Into<String>) -> Self {
        let mut found = found.to_string();
        if found.chars().count() > 60 {
            found = found.chars().take(57).collect::<String>() + "…";
        }
        Self {
            column,
            found,
            expected: expected.into(),
        }
    }
}

/// Collects the faults of one row: each check either yields its value or records a fault.
#[derive(Default)]
pub struct Faults(pub Vec<Fault>);

impl Faults {
    pub fn check<T>(&mut self, r: Result<T, Fault>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(f) => {
                self.0.push(f);
                None
            }
        }
    }
}

/// A non-empty field.
pub fn required<'a>(row: &Row<'a>, column: usize, expected: &str) -> Result<&'a str, Fault> {
    match row.get(column) {
        "" => Err(Fault::new(column, "", expected)),
        v => Ok(v),
    }
}

/// An integer within `range` (inclusive).
pub fn integer_in(
    row: &Row<'_>,
    column: usize,
    range: std::ops::RangeInclusive<u64>,
    expected: &str,
) -> Result<u64, Fault> {
    let raw = row.get(column);
    // Spreadsheets write integers as "3.0"; accept that, nothing else fractional.
    let text = raw.strip_suffix(".0").unwrap_or(raw);
    match text.parse::<u64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(Fault::new(column, raw, expected)),
    }
}

/// A decimal coordinate within `-limit..=limit`.
pub fn coordinate(row: &Row<'_>, column: usize, limit: f64, what: &str) -> Result<f64, Fault> {
    let raw = row.get(column);
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
        _ => Err(Fault::new(
            column,
            raw,
            format!("a decimal {what} between -{limit} and {limit}"),
        )),
    }
}

/// The streaming conversion: an iterator of quads over the rows of one file, keeping count of
/// rows and recording problems and rejects on the way.
struct Conversion<'a> {
    path: PathBuf,
    reader: csv::Reader<BufReader<File>>,
    header: Header,
    mapper: Mapper,
    emitter: Emitter<'a>,
    record: ByteRecord,
    skip_bad_rows: bool,
    /// Whether quads are still wanted (a strict import stops producing them at the first bad
    /// row, and only validates the rest).
    producing: bool,
    rejects: Option<(PathBuf, csv::Writer<BufWriter<File>>)>,
    problems: Problems,
    summary: Summary,
    fatal: Option<ImportError>,
    progress: &'a dyn Progress,
    done: bool,
    /// Event id (its 128-bit fingerprint) → line of the row that used it: a second row with the
    /// same id would merge two events into one incident, so it is a bad row.
    seen: HashMap<[u64; 2], u64>,
}

enum Mapper {
    Acled(acled::Columns),
    Ucdp(ucdp::Columns),
}

impl<'a> Conversion<'a> {
    fn open(
        options: &'a Options,
        reference: &'a Reference,
        graph: &NamedNode,
        write_rejects: bool,
        progress: &'a dyn Progress,
    ) -> Result<Self, ImportError> {
        let path = options.input.clone();
        let file = File::open(&path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(BufReader::with_capacity(1 << 20, file));
        let mut first = ByteRecord::new();
        let csv_err = |source| ImportError::Csv {
            path: path.clone(),
            source,
        };
        if !reader.read_byte_record(&mut first).map_err(csv_err)? {
            return Err(ImportError::Invalid(Problems::from(vec![Problem {
                location: Location {
                    file: path.clone(),
                    line: 1,
                    column: 1,
                },
                field: String::new(),
                message: format!(
                    "the file is empty (expected a header row of {} columns)",
                    options.kind.label()
                ),
            }])));
        }
        let header = Header::new(&first);
        let mapper = match options.kind {
            DatasetKind::Acled => Mapper::Acled(acled::Columns::bind(&header, &path)?),
            DatasetKind::Ucdp => Mapper::Ucdp(ucdp::Columns::bind(&header, &path)?),
        };
        let rejects = if write_rejects && options.skip_bad_rows {
            let rejects_path = options.rejects.clone();
            let file = File::create(&rejects_path).map_err(|source| ImportError::Write {
                path: rejects_path.clone(),
                source,
            })?;
            // Flexible: a rejected row keeps its own number of fields.
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(BufWriter::new(file));
            let mut head = first.clone();
            head.push_field(b"ckg_line");
            head.push_field(b"ckg_reason");
            w.write_byte_record(&head)
                .map_err(|source| ImportError::Csv {
                    path: rejects_path.clone(),
                    source,
                })?;
            Some((rejects_path, w))
        } else {
            None
        };
        let emitter = Emitter::new(options.kind, &options.base, reference, graph);
        Ok(Self {
            path,
            reader,
            header,
            mapper,
            emitter,
            record: ByteRecord::new(),
            skip_bad_rows: options.skip_bad_rows,
            producing: true,
            rejects,
            problems: Problems::default(),
            summary: Summary {
                graph: graph.as_str().to_string(),
                ..Summary::default()
            },
            fatal: None,
            progress,
            done: false,
            seen: HashMap::new(),
        })
    }

    /// Reads and converts the next row into the emitter's queue; false at the end of the file.
    fn next_row(&mut self) -> bool {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return false,
            Err(source) => {
                self.fatal = Some(ImportError::Csv {
                    path: self.path.clone(),
                    source,
                });
                return false;
            }
        }
        self.summary.rows += 1;
        if self.summary.rows.is_multiple_of(4096) {
            let bytes = self.record.position().map_or(0, |p| p.byte());
            self.progress.advance(self.summary.rows, bytes);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        let faults = self.convert_row();
        if faults.is_empty() {
            self.summary.incidents += 1;
            return true;
        }
        self.emitter.discard_row();
        self.summary.rejected += 1;
        let reason = faults
            .iter()
            .map(|f| {
                format!(
                    "{}: found `{}`, expected {}",
                    self.header.name(f.column),
                    f.found,
                    f.expected
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        for f in faults {
            if self.problems.len() < MAX_LISTED_PROBLEMS {
                self.problems.push(Problem {
                    location: Location {
                        file: self.path.clone(),
                        line: line as usize,
                        column: f.column + 1,
                    },
                    field: self.header.name(f.column).to_string(),
                    message: format!("found `{}`, expected {}", f.found, f.expected),
                });
            }
        }
        if !self.skip_bad_rows {
            self.producing = false;
        }
        if let Some((path, w)) = &mut self.rejects {
            let mut out = self.record.clone();
            out.push_field(line.to_string().as_bytes());
            out.push_field(reason.as_bytes());
            if let Err(source) = w.write_byte_record(&out) {
                self.fatal = Some(ImportError::Csv {
                    path: path.clone(),
                    source,
                });
                return false;
            }
        }
        true
    }

    /// Checks the row shape and encoding, then hands it to the dataset's mapping.
    fn convert_row(&mut self) -> Vec<Fault> {
        if self.record.len() != self.header.len() {
            return vec![Fault {
                column: self.record.len().min(self.header.len().saturating_sub(1)),
                found: format!("{} fields", self.record.len()),
                expected: format!("{} fields, as in the header", self.header.len()),
            }];
        }
        let mut fields = Vec::with_capacity(self.record.len());
        for (i, f) in self.record.iter().enumerate() {
            match std::str::from_utf8(f) {
                Ok(s) => fields.push(s.trim()),
                Err(e) => {
                    // Show the bad byte with the text just before it.
                    let good = String::from_utf8_lossy(&f[..e.valid_up_to()]).into_owned();
                    let tail: String = {
                        let chars: Vec<char> = good.chars().collect();
                        chars[chars.len().saturating_sub(24)..].iter().collect()
                    };
                    return vec![Fault {
                        column: i,
                        found: format!("…{tail}\\x{:02X}", f[e.valid_up_to()]),
                        expected: "UTF-8 text (the byte shown is not UTF-8)".into(),
                    }];
                }
            }
        }
        let row = Row { fields };
        let emit = self.producing;
        self.emitter.begin_row();
        let result = match &self.mapper {
            Mapper::Acled(c) => c.convert(&row, &mut self.emitter, emit),
            Mapper::Ucdp(c) => c.convert(&row, &mut self.emitter, emit),
        };
        // A valid row: its id (as in the IRI: UCDP's `278001` and `278001.0` are one event)
        // must be new in this file.
        let (column, id) = match result {
            Ok(id) => id,
            Err(faults) => return faults,
        };
        let line = self.record.position().map_or(0, |p| p.line());
        match self.seen.entry(fingerprint(id)) {
            Entry::Vacant(slot) => {
                slot.insert(line);
                Vec::new()
            }
            Entry::Occupied(first) => vec![Fault::new(
                column,
                id,
                format!(
                    "an event id not used before in this file (line {} has it)",
                    first.get()
                ),
            )],
        }
    }

    /// The summary, or why the import must not be committed.
    fn finish(mut self) -> Result<Summary, ImportError> {
        self.progress
            .advance(self.summary.rows, self.reader.position().byte());
        if let Some(e) = self.fatal.take() {
            return Err(e);
        }
        if let Some((path, mut w)) = self.rejects.take() {
            w.flush().map_err(|source| ImportError::Write {
                path: path.clone(),
                source,
            })?;
            self.summary.rejects_file = Some(path);
        }
        if self.summary.rejected > 0 && !self.skip_bad_rows {
            let mut problems = std::mem::take(&mut self.problems);
            problems.sort();
            let listed = problems
                .iter()
                .map(|p| p.location.line)
                .collect::<HashSet<_>>()
                .len() as u64;
            if self.summary.rejected > listed {
                problems = problems.with_note(format!(
                    "… and {} more bad rows",
                    self.summary.rejected - listed
                ));
            }
            return Err(ImportError::BadRows {
                path: self.path,
                count: self.summary.rejected,
                problems,
            });
        }
        Ok(self.summary)
    }
}

/// A 128-bit fingerprint of an event id: two SipHash values over differently prefixed input.
/// It keeps the duplicate check at ~50–75 bytes a row (the hash table's entries and growth)
/// instead of ~100–120 for the ids themselves; two different ids share a fingerprint with odds
/// of about n²/2¹²⁹ (10⁻²⁵ for ten million rows).
fn fingerprint(id: &str) -> [u64; 2] {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut out = [0; 2];
    for (salt, slot) in out.iter_mut().enumerate() {
        let mut h = DefaultHasher::new();
        (salt as u8).hash(&mut h);
        id.hash(&mut h);
        *slot = h.finish();
    }
    out
}

impl Iterator for Conversion<'_> {
    type Item = Quad;

    fn next(&mut self) -> Option<Quad> {
        loop {
            if let Some(q) = self.emitter.queue.pop_front() {
                self.summary.quads += 1;
                return Some(q);
            }
            if self.done || !self.next_row() {
                self.done = true;
                return None;
            }
        }
    }
}

// --- Quads -------------------------------------------------------------------------------------

/// Predicates, built once.
struct Terms {
    rdf_type: NamedNode,
    label: NamedNode,
    incident: NamedNode,
    actor: NamedNode,
    place: NamedNode,
    claim: NamedNode,
    casualty_claim: NamedNode,
    event_type: NamedNode,
    start_date: NamedNode,
    end_date: NamedNode,
    date_precision: NamedNode,
    place_prop: NamedNode,
    participant: NamedNode,
    perpetrator: NamedNode,
    target: NamedNode,
    summary: NamedNode,
    recorded_in: NamedNode,
    dataset_id: NamedNode,
    geo_precision: NamedNode,
    about_incident: NamedNode,
    claimed_by: NamedNode,
    casualty_type: NamedNode,
    casualty_group: NamedNode,
    killed: NamedNode,
    min_count: NamedNode,
    best_count: NamedNode,
    max_count: NamedNode,
    source_note: NamedNode,
    actor_category: NamedNode,
    place_type: NamedNode,
    within: NamedNode,
    has_geometry: NamedNode,
    geometry: NamedNode,
    as_wkt: NamedNode,
}

fn ckg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(vocab::ckg(local))
}

impl Terms {
    fn new() -> Self {
        let killed = vocab::find_concept(vocab::CASUALTY_TYPES, "killed").expect("killed");
        Self {
            rdf_type: rdf::TYPE.into(),
            label: rdfs::LABEL.into(),
            incident: ckg(term::INCIDENT),
            actor: ckg(term::ACTOR),
            place: ckg(term::PLACE),
            claim: ckg(term::CLAIM),
            casualty_claim: ckg(term::CASUALTY_CLAIM),
            event_type: ckg(term::EVENT_TYPE),
            start_date: ckg(term::START_DATE),
            end_date: ckg(term::END_DATE),
            date_precision: ckg(term::DATE_PRECISION),
            place_prop: ckg(term::PLACE_PROP),
            participant: ckg(term::PARTICIPANT),
            perpetrator: ckg(term::PERPETRATOR),
            target: ckg(term::TARGET),
            summary: ckg(term::SUMMARY),
            recorded_in: ckg(term::RECORDED_IN),
            dataset_id: ckg(term::DATASET_ID),
            geo_precision: ckg(term::GEO_PRECISION),
            about_incident: ckg(term::ABOUT_INCIDENT),
            claimed_by: ckg(term::CLAIMED_BY),
            casualty_type: ckg(term::CASUALTY_TYPE),
            casualty_group: ckg(term::CASUALTY_GROUP),
            killed: ckg(killed.local),
            min_count: ckg(term::MIN_COUNT),
            best_count: ckg(term::BEST_COUNT),
            max_count: ckg(term::MAX_COUNT),
            source_note: ckg(term::SOURCE_NOTE),
            actor_category: ckg(term::ACTOR_CATEGORY),
            place_type: ckg(term::PLACE_TYPE),
            within: ckg(term::WITHIN),
            has_geometry: NamedNode::new_unchecked(vocab::geo::HAS_GEOMETRY),
            geometry: NamedNode::new_unchecked(vocab::geo::GEOMETRY),
            as_wkt: NamedNode::new_unchecked(vocab::geo::AS_WKT),
        }
    }
}

/// How an actor takes part in an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `ckg:participant`: involved, side not stated.
    Participant,
    Perpetrator,
    Target,
}

/// A dated incident, as both datasets give it.
pub struct IncidentFacts<'r> {
    /// The dataset's id of the row (`SYR12345`, `207734`).
    pub id: &'r str,
    pub label: String,
    pub event_type: &'static vocab::EventTypeConcept,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub precision: &'static vocab::Concept,
    pub geo_precision: u64,
    pub summary: Option<&'r str>,
}

/// A casualty figure credited to the dataset.
pub struct CasualtyFigure<'r> {
    /// Suffix of the claim IRI: `{base}claim/{dataset}-{id}-{suffix}`.
    pub suffix: &'static str,
    pub group: Option<NamedNode>,
    pub min: Option<u64>,
    pub best: Option<u64>,
    pub max: Option<u64>,
    pub source_note: Option<&'r str>,
}

/// Turns parsed rows into quads of one import graph. Actors, places and geometries are written
/// the first time a file names them (the sets of those seen are the only state that grows).
pub struct Emitter<'a> {
    kind: DatasetKind,
    base: &'a Base,
    reference: &'a Reference,
    graph: GraphName,
    source: NamedNode,
    t: Terms,
    queue: VecDeque<Quad>,
    /// Quads of the current row start here in `queue` (for `discard_row`).
    row_start: usize,
    /// Actor name → (IRI, curated?).
    actors: HashMap<String, (NamedNode, bool)>,
    /// Imported actors whose category is written.
    categorised: HashSet<String>,
    /// Place key (level-tagged names down the chain) → its IRI and the nearest curated place at
    /// or above it.
    places: HashMap<String, Option<(NamedNode, Option<String>)>>,
    geometries: HashSet<NamedNode>,
    /// What the current row saw first, forgotten again if the row turns out bad.
    row_new: Vec<Seen>,
}

enum Seen {
    Actor(String),
    Category(String),
    Place(String),
    Geometry(NamedNode),
}

impl<'a> Emitter<'a> {
    fn new(kind: DatasetKind, base: &'a Base, reference: &'a Reference, graph: &NamedNode) -> Self {
        Self {
            kind,
            base,
            reference,
            graph: graph.clone().into(),
            source: base.source_only(kind.id()),
            t: Terms::new(),
            queue: VecDeque::new(),
            row_start: 0,
            actors: HashMap::new(),
            categorised: HashSet::new(),
            places: HashMap::new(),
            geometries: HashSet::new(),
            row_new: Vec::new(),
        }
    }

    fn add(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        self.queue.push_back(Quad::new(
            s.clone(),
            p.clone(),
            o.into(),
            self.graph.clone(),
        ));
    }

    /// Marks the start of a row's quads.
    pub fn begin_row(&mut self) {
        self.row_start = self.queue.len();
        self.row_new.clear();
    }

    /// Drops the quads of a row that turned out bad, and forgets what it "first saw".
    fn discard_row(&mut self) {
        self.queue.truncate(self.row_start);
        for seen in self.row_new.drain(..) {
            match seen {
                Seen::Actor(k) => {
                    self.actors.remove(&k);
                }
                Seen::Category(k) => {
                    self.categorised.remove(&k);
                }
                Seen::Place(k) => {
                    self.places.remove(&k);
                }
                Seen::Geometry(g) => {
                    self.geometries.remove(&g);
                }
            }
        }
    }

    /// The incident of a row with its date, type, place and provenance.
    pub fn incident(&mut self, f: &IncidentFacts<'_>, place: Option<&NamedNode>) -> NamedNode {
        let s = self.base.incident(&format!("{}-{}", self.kind.id(), f.id));
        let t = &self.t;
        let (rdf_type, incident, label, event_type) = (
            t.rdf_type.clone(),
            t.incident.clone(),
            t.label.clone(),
            t.event_type.clone(),
        );
        self.add(&s, &rdf_type, incident);
        self.add(
            &s,
            &label,
            Literal::new_language_tagged_literal_unchecked(&f.label, "en"),
        );
        self.add(&s, &event_type, ckg(f.event_type.local));
        let (start, end, precision) = (
            self.t.start_date.clone(),
            self.t.end_date.clone(),
            self.t.date_precision.clone(),
        );
        self.add(&s, &start, date(f.start));
        self.add(&s, &end, date(f.end));
        self.add(&s, &precision, ckg(f.precision.local));
        if let Some(p) = place {
            let pp = self.t.place_prop.clone();
            self.add(&s, &pp, p.clone());
        }
        let gp = self.t.geo_precision.clone();
        self.add(&s, &gp, integer(f.geo_precision));
        if let Some(text) = f.summary.filter(|t| !t.is_empty()) {
            let sp = self.t.summary.clone();
            self.add(&s, &sp, Literal::new_simple_literal(text));
        }
        let (recorded, id, source) = (
            self.t.recorded_in.clone(),
            self.t.dataset_id.clone(),
            self.source.clone(),
        );
        self.add(&s, &recorded, source);
        self.add(&s, &id, Literal::new_simple_literal(f.id));
        s
    }

    /// Links an actor to an incident.
    pub fn role(&mut self, incident: &NamedNode, role: Role, actor: &NamedNode) {
        let p = match role {
            Role::Participant => self.t.participant.clone(),
            Role::Perpetrator => self.t.perpetrator.clone(),
            Role::Target => self.t.target.clone(),
        };
        self.add(incident, &p, actor.clone());
    }

    /// A casualty claim credited to the dataset.
    pub fn casualty_claim(&mut self, incident: &NamedNode, row_id: &str, f: CasualtyFigure<'_>) {
        let s = self
            .base
            .claim(&format!("{}-{row_id}-{}", self.kind.id(), f.suffix));
        let t = &self.t;
        let (ty, claim, cc, about, by, ctype, killed) = (
            t.rdf_type.clone(),
            t.claim.clone(),
            t.casualty_claim.clone(),
            t.about_incident.clone(),
            t.claimed_by.clone(),
            t.casualty_type.clone(),
            t.killed.clone(),
        );
        self.add(&s, &ty, claim);
        self.add(&s, &ty, cc);
        self.add(&s, &about, incident.clone());
        let source = self.source.clone();
        self.add(&s, &by, source);
        self.add(&s, &ctype, killed);
        if let Some(g) = f.group {
            let p = self.t.casualty_group.clone();
            self.add(&s, &p, g);
        }
        for (p, v) in [
            (self.t.min_count.clone(), f.min),
            (self.t.best_count.clone(), f.best),
            (self.t.max_count.clone(), f.max),
        ] {
            if let Some(v) = v {
                self.add(&s, &p, integer(v));
            }
        }
        if let Some(note) = f.source_note.filter(|n| !n.is_empty()) {
            let p = self.t.source_note.clone();
            self.add(&s, &p, Literal::new_simple_literal(note));
        }
    }

    /// The actor a dataset name stands for: the curated actor its alias names, or
    /// `{base}actor/{dataset}-{slug}` (labelled the first time it is seen, categorised the first
    /// time a category is given; curated actors keep their own).
    pub fn actor(
        &mut self,
        name: &str,
        category: Option<&'static ActorCategoryConcept>,
    ) -> NamedNode {
        let (iri, curated) = match self.actors.get(name) {
            Some(known) => known.clone(),
            None => self.new_actor(name),
        };
        if let Some(c) = category {
            if !curated && !self.categorised.contains(name) {
                let p = self.t.actor_category.clone();
                self.add(&iri, &p, ckg(c.local));
                self.categorised.insert(name.to_string());
                self.row_new.push(Seen::Category(name.to_string()));
            }
        }
        iri
    }

    fn new_actor(&mut self, name: &str) -> (NamedNode, bool) {
        let curated = self.reference.actor(self.kind, name).is_some();
        let iri = match self.reference.actor(self.kind, name) {
            Some(id) => self.base.actor(id),
            None => {
                let iri = self
                    .base
                    .actor(&format!("{}-{}", self.kind.id(), slug_or_hex(name)));
                let (ty, actor, label) = (
                    self.t.rdf_type.clone(),
                    self.t.actor.clone(),
                    self.t.label.clone(),
                );
                self.add(&iri, &ty, actor);
                self.add(
                    &iri,
                    &label,
                    Literal::new_language_tagged_literal_unchecked(name, "en"),
                );
                iri
            }
        };
        self.actors.insert(name.to_string(), (iri.clone(), curated));
        self.row_new.push(Seen::Actor(name.to_string()));
        (iri, curated)
    }

    /// The most specific place of an admin chain (empty levels skipped), every level reconciled
    /// with the curated places or created as `{base}place/{dataset}-{slug(path)}` within its
    /// parent.
    pub fn place(&mut self, chain: &[(PlaceLevel, &str)]) -> Option<NamedNode> {
        let mut key = String::new();
        let mut path = String::new();
        // The level above: its IRI and the nearest curated place at or above it.
        let mut parent: Option<(NamedNode, Option<String>)> = None;
        for &(level, name) in chain {
            if name.is_empty() {
                continue;
            }
            key.push_str(level_tag(level));
            key.push_str(name);
            key.push('\u{1f}');
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(name);
            if let Some(known) = self.places.get(&key) {
                parent = known.clone();
                continue;
            }
            let ancestor = parent.as_ref().and_then(|(_, c)| c.as_deref());
            let curated = self
                .reference
                .place(level, name, ancestor)
                .map(str::to_string);
            let iri = match &curated {
                Some(id) => self.base.place(id),
                None => {
                    let iri =
                        self.base
                            .place(&format!("{}-{}", self.kind.id(), slug_or_hex(&path)));
                    let ty = self.t.rdf_type.clone();
                    let place = self.t.place.clone();
                    let label = self.t.label.clone();
                    let pt = self.t.place_type.clone();
                    self.add(&iri, &ty, place);
                    self.add(
                        &iri,
                        &label,
                        Literal::new_language_tagged_literal_unchecked(name, "en"),
                    );
                    let concept = vocab::find_concept(vocab::PLACE_TYPES, level.place_type())
                        .expect("every level's place type is a concept");
                    self.add(&iri, &pt, ckg(concept.local));
                    if let Some((p, _)) = &parent {
                        let within = self.t.within.clone();
                        self.add(&iri, &within, p.clone());
                    }
                    iri
                }
            };
            let entry = Some((iri, curated.or_else(|| ancestor.map(str::to_string))));
            self.places.insert(key.clone(), entry.clone());
            self.row_new.push(Seen::Place(key.clone()));
            parent = entry;
        }
        parent.map(|(iri, _)| iri)
    }

    /// `place geo:hasGeometry <place/geometry/{dataset}> . … geo:asWKT "POINT(lon lat)"`, the
    /// first time a file locates the place.
    pub fn geometry(&mut self, place: &NamedNode, longitude: f64, latitude: f64) {
        let g = NamedNode::new_unchecked(format!("{}/geometry/{}", place.as_str(), self.kind.id()));
        if !self.geometries.insert(g.clone()) {
            return;
        }
        self.row_new.push(Seen::Geometry(g.clone()));
        let (has, ty, geometry, wkt) = (
            self.t.has_geometry.clone(),
            self.t.rdf_type.clone(),
            self.t.geometry.clone(),
            self.t.as_wkt.clone(),
        );
        self.add(place, &has, g.clone());
        self.add(&g, &ty, geometry);
        self.add(
            &g,
            &wkt,
            Literal::new_typed_literal(
                format!("POINT({longitude} {latitude})"),
                NamedNode::new_unchecked(vocab::geo::WKT_LITERAL),
            ),
        );
    }
}

fn level_tag(level: PlaceLevel) -> &'static str {
    match level {
        PlaceLevel::Country => "0:",
        PlaceLevel::Admin1 => "1:",
        PlaceLevel::Admin2 => "2:",
        PlaceLevel::Admin3 => "3:",
        PlaceLevel::Location => "4:",
    }
}

/// The slug of a name, or its bytes in hex when it has no letter or digit at all.
fn slug_or_hex(name: &str) -> String {
    let s = slug(name, false);
    if s.is_empty() {
        name.bytes().map(|b| format!("{b:02x}")).collect()
    } else {
        s
    }
}

fn date(d: chrono::NaiveDate) -> Literal {
    Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE)
}

fn integer(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_kebab() {
        assert_eq!(slug("ACLED Syria 2024", true), "acled-syria-2024");
        assert_eq!(
            slug("Military Forces of Syria (2000-)", false),
            "military-forces-of-syria-2000"
        );
        assert_eq!(
            slug("Syria/Deir ez Zor/Al Mayadin", false),
            "syria-deir-ez-zor-al-mayadin"
        );
        assert_eq!(slug("Ḩalab", false), "ḩalab");
        assert_eq!(slug("Ḩalab", true), "alab");
    }

    #[test]
    fn import_names_come_from_the_file_stem() {
        assert_eq!(
            default_name(Path::new("/x/ACLED_Syria-2024.csv")).unwrap(),
            "acled-syria-2024"
        );
        assert!(default_name(Path::new("/x/__.csv")).is_err());
        assert!(check_name("Acled").is_err());
        assert!(check_name("acled--x").is_err());
    }

    #[test]
    fn graphs_are_named_after_dataset_and_import_name() {
        assert_eq!(
            graph_name(&Base::default(), DatasetKind::Ucdp, "ged-syria").as_str(),
            "https://w3id.org/conflict-kg/id/graph/import/ucdp/ged-syria"
        );
    }
}
