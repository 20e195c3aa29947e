//! The CSV toolkit the datasets parse with: the [`Header`] and a [`Binder`] that finds columns
//! by name, a [`Row`] (a byte record checked for its field count and UTF-8, fields trimmed), and
//! the field checks ([`required`], [`integer_in`], [`coordinate`]), each giving its value or a
//! [`Fault`]: the column, what was found and what was expected. [`Faults`] collects those of
//! one row, so a row reports every bad field at once.

use super::ImportError;
use crate::diag::{Location, Problem, Problems};
use csv::ByteRecord;
use std::collections::HashMap;
use std::path::Path;

/// The header row: column names (trimmed, lower-cased) and where each is.
pub(super) struct Header {
    names: Vec<String>,
    index: HashMap<String, usize>,
    /// A name given to more than one column: the name, its first and its second position.
    duplicates: Vec<(String, usize, usize)>,
}

impl Header {
    pub(super) fn new(record: &ByteRecord) -> Self {
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
        let mut duplicates = Vec::new();
        for (i, n) in names.iter().enumerate() {
            match index.entry(n.clone()) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(first) if !n.is_empty() => {
                    duplicates.push((n.clone(), *first.get(), i));
                }
                std::collections::hash_map::Entry::Occupied(_) => {}
            }
        }
        Self {
            names,
            index,
            duplicates,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    pub(super) fn name(&self, column: usize) -> &str {
        self.names.get(column).map_or("", String::as_str)
    }

    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// Binds column names to positions, collecting every missing required column.
pub(super) struct Binder<'a> {
    header: &'a Header,
    file: &'a Path,
    missing: Vec<&'static str>,
    expected: &'static str,
}

impl<'a> Binder<'a> {
    pub(super) fn new(header: &'a Header, file: &'a Path, expected: &'static str) -> Self {
        Self {
            header,
            file,
            missing: Vec::new(),
            expected,
        }
    }

    /// A required column (position 0 when missing; `finish` then fails).
    pub(super) fn required(&mut self, name: &'static str) -> usize {
        self.header.find(name).unwrap_or_else(|| {
            self.missing.push(name);
            0
        })
    }

    /// The first of several accepted names for a required column.
    pub(super) fn required_any(&mut self, names: &[&'static str]) -> usize {
        match names.iter().find_map(|n| self.header.find(n)) {
            Some(i) => i,
            None => {
                self.missing.push(names[0]);
                0
            }
        }
    }

    pub(super) fn optional(&self, name: &str) -> Option<usize> {
        self.header.find(name)
    }

    /// Fails, listing every problem, when a required column is missing or a column name is
    /// given twice (which of the two is meant cannot be known).
    pub(super) fn finish(self) -> Result<(), ImportError> {
        if self.missing.is_empty() && self.header.duplicates.is_empty() {
            return Ok(());
        }
        let mut problems = Problems::default();
        for (name, first, second) in &self.header.duplicates {
            problems.push(Problem {
                location: Location {
                    file: self.file.to_path_buf(),
                    line: 1,
                    column: second + 1,
                },
                field: name.clone(),
                message: format!(
                    "column `{name}` appears twice in the header (columns {} and {}), expected \
                     each column once",
                    first + 1,
                    second + 1
                ),
            });
        }
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
pub(super) struct Row<'a> {
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// A record as a row: as many fields as the header has `columns`, each UTF-8.
    pub(super) fn decode(record: &'a ByteRecord, columns: usize) -> Result<Self, Fault> {
        if record.len() != columns {
            return Err(Fault {
                column: record.len().min(columns.saturating_sub(1)),
                found: format!("{} fields", record.len()),
                expected: format!("{columns} fields, as in the header"),
            });
        }
        let mut fields = Vec::with_capacity(record.len());
        for (i, f) in record.iter().enumerate() {
            match std::str::from_utf8(f) {
                Ok(s) => fields.push(s.trim()),
                Err(e) => {
                    // Show the bad byte with the text just before it.
                    let good = String::from_utf8_lossy(&f[..e.valid_up_to()]).into_owned();
                    let tail: String = {
                        let chars: Vec<char> = good.chars().collect();
                        chars[chars.len().saturating_sub(24)..].iter().collect()
                    };
                    return Err(Fault {
                        column: i,
                        found: format!("…{tail}\\x{:02X}", f[e.valid_up_to()]),
                        expected: "UTF-8 text (the byte shown is not UTF-8)".into(),
                    });
                }
            }
        }
        Ok(Row { fields })
    }

    /// A row of these fields (for unit tests of field checks).
    #[cfg(test)]
    pub(super) fn of(fields: Vec<&'a str>) -> Self {
        Row { fields }
    }

    /// The field at `column` (empty when the column is absent).
    pub(super) fn get(&self, column: usize) -> &'a str {
        self.fields.get(column).copied().unwrap_or("")
    }

    pub(super) fn opt(&self, column: Option<usize>) -> &'a str {
        column.map_or("", |c| self.get(c))
    }
}

/// What is wrong with one field of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fault {
    /// 0-based column.
    pub(super) column: usize,
    pub(super) found: String,
    pub(super) expected: String,
}

impl Fault {
    pub(super) fn new(column: usize, found: &str, expected: impl Into<String>) -> Self {
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
pub(super) struct Faults(Vec<Fault>);

impl Faults {
    /// The value of a check, or `None` with its fault recorded.
    pub(super) fn check<T>(&mut self, r: Result<T, Fault>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(f) => {
                self.0.push(f);
                None
            }
        }
    }

    /// A fault found by comparing fields that each passed their own check.
    pub(super) fn push(&mut self, fault: Fault) {
        self.0.push(fault);
    }

    /// The row's value when nothing was recorded, else every fault. `build` assembles the value
    /// from the checks' results (`field?`): it is `Some` whenever no check failed.
    pub(super) fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, Vec<Fault>> {
        match build() {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => {
                debug_assert!(!self.0.is_empty(), "a check gave no value and no fault");
                Err(self.0)
            }
        }
    }
}

/// A non-empty field.
pub(super) fn required<'a>(row: &Row<'a>, column: usize, expected: &str) -> Result<&'a str, Fault> {
    match row.get(column) {
        "" => Err(Fault::new(column, "", expected)),
        v => Ok(v),
    }
}

/// An integer within `range` (inclusive).
pub(super) fn integer_in(
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
pub(super) fn coordinate(
    row: &Row<'_>,
    column: usize,
    limit: f64,
    what: &str,
) -> Result<f64, Fault> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&[u8]]) -> ByteRecord {
        fields.iter().copied().collect()
    }

    #[test]
    fn a_record_of_the_wrong_length_is_one_fault_at_its_last_column() {
        let fault = Row::decode(&record(&[b"a", b"b"]), 3).err().unwrap();
        assert_eq!(
            (fault.column, fault.found.as_str(), fault.expected.as_str()),
            (2, "2 fields", "3 fields, as in the header")
        );
        assert!(Row::decode(&record(&[b" a ", b"b"]), 2).is_ok_and(|r| r.get(0) == "a"));
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_shown_after_the_text_before_it() {
        let fault = Row::decode(&record(&[b"ok", b"Ab\xFFc"]), 2).err().unwrap();
        assert_eq!((fault.column, fault.found.as_str()), (1, "…Ab\\xFF"));
    }

    #[test]
    fn faults_give_the_value_only_when_every_check_passed() {
        let row = Row::of(vec!["3", "x"]);
        let mut f = Faults::default();
        let n = f.check(integer_in(&row, 0, 1..=5, "1–5"));
        assert_eq!(f.finish(|| n), Ok(3));
        let mut f = Faults::default();
        let n = f.check(integer_in(&row, 0, 1..=5, "1–5"));
        let m = f.check(integer_in(&row, 1, 1..=5, "1–5"));
        let faults = f.finish(|| Some((n?, m?))).err().unwrap();
        assert_eq!(faults, vec![Fault::new(1, "x", "1–5")]);
    }
}
