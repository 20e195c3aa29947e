//! The rejects file (`--skip-bad-rows`): the header of the input plus `ckg_line` and
//! `ckg_reason`, then every rejected row with its fields as read (bytes untouched, however many
//! there are), the line it started on and what was wrong with it.

use super::ImportError;
use super::fields::{Fault, Header};
use csv::ByteRecord;
use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

pub(super) struct Rejects {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl Rejects {
    /// Creates the file and writes its header: the input's `header` row and the two columns.
    pub(super) fn create(path: PathBuf, header: &ByteRecord) -> Result<Self, ImportError> {
        let file = File::create(&path).map_err(|source| ImportError::Write {
            path: path.clone(),
            source,
        })?;
        // Flexible: a row rejected for its number of fields is written with the fields it has.
        let writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(BufWriter::new(file));
        let mut head = header.clone();
        head.push_field(b"ckg_line");
        head.push_field(b"ckg_reason");
        let mut rejects = Self { path, writer };
        rejects.write_record(&head)?;
        Ok(rejects)
    }

    /// Writes one rejected row: its fields, `line`, and the faults as
    /// `column: found …, expected …`, separated by `; `.
    pub(super) fn write(
        &mut self,
        record: &ByteRecord,
        line: u64,
        faults: &[Fault],
        header: &Header,
    ) -> Result<(), ImportError> {
        let reason = faults
            .iter()
            .map(|f| {
                format!(
                    "{}: found `{}`, expected {}",
                    header.name(f.column),
                    f.found,
                    f.expected
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mut out = record.clone();
        out.push_field(line.to_string().as_bytes());
        out.push_field(reason.as_bytes());
        self.write_record(&out)
    }

    fn write_record(&mut self, record: &ByteRecord) -> Result<(), ImportError> {
        self.writer
            .write_byte_record(record)
            .map_err(|source| ImportError::Csv {
                path: self.path.clone(),
                source,
            })
    }

    /// Flushes the file; where it is.
    pub(super) fn finish(mut self) -> Result<PathBuf, ImportError> {
        match self.writer.flush() {
            Ok(()) => Ok(self.path),
            Err(source) => Err(ImportError::Write {
                path: self.path,
                source,
            }),
        }
    }
}
