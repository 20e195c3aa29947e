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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    /// Sorted, deduplicated; `Ok(())` when there is nothing to report.
    pub fn into_result(mut self) -> Result<(), Problems> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0.sort();
        self.0.dedup();
        Err(self)
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// The text of one input file, able to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path as the user should see it.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The location of a byte offset (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
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
    pub fn problem(
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
