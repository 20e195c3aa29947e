//! The streaming [`Conversion`] of one file: an iterator of `Result<Quad, ImportError>` over its
//! rows, generic over the [`Dataset`]. It reads a row (a byte record, so bad UTF-8 is reported
//! with its row and column), parses it, checks its event id is new in the file, and only then
//! emits its quads; a bad row is counted, listed (up to [`MAX_LISTED_PROBLEMS`]) and, with
//! `skip_bad_rows`, written to the rejects file.
//!
//! The stream ends with an error when the file cannot be read, the rejects cannot be written,
//! or (without `skip_bad_rows`) any row was bad: then [`ImportError::BadRows`] lists them all,
//! sorted. A strict import stops producing quads at the first bad row, and only checks the
//! rest. Whoever consumes the stream stops at its first error and leaves its target as it was.

use super::dataset::Dataset;
use super::emitter::Emitter;
use super::fields::{Fault, Header, Row};
use super::rejects::Rejects;
use super::{ImportError, Options, Progress, Reference, Summary};
use crate::diag::{Location, Problem, Problems};
use csv::ByteRecord;
use oxigraph::model::{NamedNode, Quad};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

/// At most this many row problems are kept for the report; the rest are only counted.
const MAX_LISTED_PROBLEMS: usize = 1000;

pub(super) struct Conversion<'a, D: Dataset> {
    path: PathBuf,
    reader: csv::Reader<BufReader<File>>,
    header: Header,
    columns: D::Columns,
    emitter: Emitter<'a>,
    record: ByteRecord,
    skip_bad_rows: bool,
    /// Whether quads are still wanted (a strict import stops producing them at the first bad
    /// row, and only validates the rest).
    producing: bool,
    rejects: Option<Rejects>,
    problems: Problems,
    summary: Summary,
    progress: &'a dyn Progress,
    /// The stream has ended (at the end of the file or at an error).
    done: bool,
    /// Event id (its 128-bit fingerprint) → line of the row that used it: a second row with the
    /// same id would merge two events into one incident, so it is a bad row.
    seen: HashMap<[u64; 2], u64>,
}

impl<'a, D: Dataset> Conversion<'a, D> {
    /// Opens the input, checks its header and, when `write_rejects` and `skip_bad_rows`,
    /// creates the rejects file.
    pub(super) fn open(
        options: &'a Options,
        reference: &'a Reference,
        graph: &NamedNode,
        write_rejects: bool,
        progress: &'a dyn Progress,
    ) -> Result<Self, ImportError> {
        debug_assert_eq!(options.kind, D::KIND);
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
            return Err(ImportError::Invalid(
                Problems::from(vec![Problem {
                    location: Location {
                        file: path.clone(),
                        line: 1,
                        column: 1,
                    },
                    field: String::new(),
                    message: format!(
                        "the file is empty (expected a header row of {} columns)",
                        D::KIND.label()
                    ),
                }])
                .found_in(&path),
            ));
        }
        let header = Header::new(&first);
        let columns = D::bind(&header, &path)?;
        let rejects = if write_rejects && options.skip_bad_rows {
            Some(Rejects::create(options.rejects.clone(), &first)?)
        } else {
            None
        };
        Ok(Self {
            path,
            reader,
            header,
            columns,
            emitter: Emitter::new(D::KIND, &options.base, reference, graph),
            record: ByteRecord::new(),
            skip_bad_rows: options.skip_bad_rows,
            producing: true,
            rejects,
            problems: Problems::default(),
            summary: Summary {
                graph: graph.as_str().to_string(),
                ..Summary::default()
            },
            progress,
            done: false,
            seen: HashMap::new(),
        })
    }

    /// Reads the next row and emits its quads (or sets it aside); false at the end of the file.
    fn next_row(&mut self) -> Result<bool, ImportError> {
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|source| ImportError::Csv {
                path: self.path.clone(),
                source,
            })?;
        if !more {
            return Ok(false);
        }
        self.summary.rows += 1;
        if self.summary.rows.is_multiple_of(4096) {
            let bytes = self.record.position().map_or(0, |p| p.byte());
            self.progress.advance(self.summary.rows, bytes);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        match self.convert_row(line) {
            Ok(()) => self.summary.incidents += 1,
            Err(faults) => self.reject(line, faults)?,
        }
        Ok(true)
    }

    /// Checks the row (shape and encoding, every field, a new event id), then emits it.
    fn convert_row(&mut self, line: u64) -> Result<(), Vec<Fault>> {
        let row = Row::decode(&self.record, self.header.len()).map_err(|f| vec![f])?;
        let event = D::parse(&self.columns, &row)?;
        let (column, id) = D::id(&self.columns, &event);
        match self.seen.entry(fingerprint(id)) {
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
            Entry::Occupied(first) => {
                return Err(vec![Fault::new(
                    column,
                    id,
                    format!(
                        "an event id not used before in this file (line {} has it)",
                        first.get()
                    ),
                )]);
            }
        }
        if self.producing {
            D::emit(&event, &mut self.emitter);
        }
        Ok(())
    }

    /// Counts and lists a bad row, and writes it to the rejects file if there is one.
    fn reject(&mut self, line: u64, faults: Vec<Fault>) -> Result<(), ImportError> {
        self.summary.rejected += 1;
        if !self.skip_bad_rows {
            self.producing = false;
        }
        if let Some(rejects) = &mut self.rejects {
            rejects.write(&self.record, line, &faults, &self.header)?;
        }
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
        Ok(())
    }

    /// At the end of the file: the rejects flushed, and a strict import with bad rows failed.
    fn end(&mut self) -> Result<(), ImportError> {
        if let Some(rejects) = self.rejects.take() {
            self.summary.rejects_file = Some(rejects.finish()?);
        }
        if self.summary.rejected == 0 || self.skip_bad_rows {
            return Ok(());
        }
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
        Err(ImportError::BadRows {
            path: self.path.clone(),
            count: self.summary.rejected,
            problems,
        })
    }

    /// What the conversion did, once its stream has ended without an error.
    pub(super) fn into_summary(self) -> Summary {
        debug_assert!(self.done, "the conversion was not read to its end");
        self.summary
    }
}

impl<D: Dataset> Iterator for Conversion<'_, D> {
    type Item = Result<Quad, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(q) = self.emitter.pop() {
                self.summary.quads += 1;
                return Some(Ok(q));
            }
            if self.done {
                return None;
            }
            let read = self.next_row();
            if let Ok(true) = read {
                continue;
            }
            self.done = true;
            self.progress
                .advance(self.summary.rows, self.reader.position().byte());
            match read.and_then(|_| self.end()) {
                // The file converted: its aggregate comes last, then the stream ends.
                Ok(()) => self.emitter.finish(),
                Err(e) => return Some(Err(e)),
            }
        }
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
