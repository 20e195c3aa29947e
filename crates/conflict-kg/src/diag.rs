//! Problems in user input, with the place they were found: `file:line:column`, the field and
//! what was expected. Shared by the `records` and `model` stages so `validate` can report every
//! problem of every file at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file (1-based line and column, columns counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One thing wrong with the input, in one line a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub location: Location,
    /// The field (TOML key) at fault, e.g. `incident[2].date`; empty for whole-file problems.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.location, self.message)
        } else {
            write!(f, "{}: {}: {}", self.location, self.field, self.message)
        }
    }
}

/// Every problem found in one run, sorted by file and position.
///
/// As an error it reads as one line, "3 problems found in data; nothing was written": the
/// problems themselves are listed one a line by whoever reports the error ([`Problems::iter`],
/// then [`Problems::note`]). Stage errors keep it as their `#[source]`, so the CLI finds it in
/// any error's chain and prints the list in one place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    list: Vec<Problem>,
    /// The file or directory the problems were found in, as the user named it.
    input: Option<PathBuf>,
    /// A line to print after the list (e.g. how many were not listed).
    note: Option<String>,
}

impl From<Vec<Problem>> for Problems {
    fn from(list: Vec<Problem>) -> Self {
        Problems {
            list,
            ..Problems::default()
        }
    }
}

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.list.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter()
    }

    /// A line to print after the list, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Names the input the problems were found in (kept if already named).
    pub(crate) fn found_in(mut self, input: &Path) -> Self {
        self.input.get_or_insert_with(|| input.to_path_buf());
        self
    }

    pub(crate) fn with_note(mut self, note: String) -> Self {
        self.note = Some(note);
        self
    }

    /// Sorted by file and position.
    pub(crate) fn sort(&mut self) {
        self.list.sort();
    }

    /// Sorted, deduplicated; `Ok(())` when there is nothing to report.
    pub fn into_result(mut self) -> Result<(), Problems> {
        if self.list.is_empty() {
            return Ok(());
        }
        self.list.sort();
        self.list.dedup();
        Err(self)
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.list.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })?;
        if let Some(input) = &self.input {
            write!(f, " in {}", input.display())?;
        }
        f.write_str("; nothing was written")
    }
}

impl std::error::Error for Problems {}

/// The text of one input file, able to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub(crate) struct SourceText {
    /// The path as the user should see it.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub(crate) fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The location of a byte offset (clamped to the text).
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        Location {
            file: self.path.clone(),
            line,
            column,
        }
    }

    /// A problem at a byte offset.
    pub(crate) fn problem(
        &self,
        offset: usize,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            location: self.location(offset),
            field: field.into(),
            message: message.into(),
        }
    }

    /// Parses the text as TOML into `T`; a syntax or shape error becomes one problem at its
    /// position, its message on one line. Every TOML input (data, aliases, links) goes through
    /// here, so their errors read alike.
    pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(&self) -> Result<T, Problem> {
        toml::from_str(&self.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().replace('\n', " ");
            self.problem(offset, "", message)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_one_based_lines_and_character_columns() {
        let src = SourceText::new("a.toml", "ab\nc“d\n\nx".to_string());
        assert_eq!((src.location(0).line, src.location(0).column), (1, 1));
        assert_eq!((src.location(3).line, src.location(3).column), (2, 1));
        // `d` comes after a three-byte character: column 3, not 5.
        let d = src.text.find('d').unwrap();
        assert_eq!((src.location(d).line, src.location(d).column), (2, 3));
        assert_eq!(src.location(src.text.len()).line, 4);
    }

    #[test]
    fn problems_print_file_line_column_field_and_message() {
        let src = SourceText::new("data/x.toml", "id = 1\n".to_string());
        let p = src.problem(5, "actor[0].id", "expected a string, found an integer");
        assert_eq!(
            p.to_string(),
            "data/x.toml:1:6: actor[0].id: expected a string, found an integer"
        );
    }
}
