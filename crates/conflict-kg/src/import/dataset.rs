//! The [`Dataset`] trait: what a dataset (ACLED, UCDP GED) has to say for its files to be
//! imported. Everything else (reading, the duplicate-id check, rejects, quads out) is shared.
//!
//! A row goes through three steps, in this order:
//! 1. [`Dataset::parse`]: pure; every used field checked, the row either a typed event or every
//!    fault found in it;
//! 2. the conversion's duplicate check on [`Dataset::id`]: an id used by an earlier row of the
//!    file makes the row bad too;
//! 3. [`Dataset::emit`], only for rows that passed both: the event's quads. It cannot fail, so
//!    what it writes (the first mention of an actor or a place) never has to be taken back.

use super::DatasetKind;
use super::emitter::Emitter;
use super::error::ImportError;
use super::fields::{Fault, Header, Row};
use std::path::Path;

pub(super) trait Dataset {
    /// Which dataset this is (its IRIs, its alias table, its messages).
    const KIND: DatasetKind;

    /// Where the used columns are in one file (found by name in its header).
    type Columns;

    /// A row parsed and checked, borrowing its text from the row.
    type Event<'r>;

    /// Finds the columns in `header`; a missing required column fails the file.
    fn bind(header: &Header, file: &Path) -> Result<Self::Columns, ImportError>;

    /// Checks every used field of `row`: the event, or every fault of the row.
    fn parse<'r>(columns: &Self::Columns, row: &Row<'r>) -> Result<Self::Event<'r>, Vec<Fault>>;

    /// The id column and the event id as the incident's IRI has it (UCDP's `278001.0` is
    /// `278001`): no two rows of a file may share it.
    fn id<'e>(columns: &Self::Columns, event: &'e Self::Event<'_>) -> (usize, &'e str);

    /// Writes the quads of a checked event.
    fn emit(event: &Self::Event<'_>, out: &mut Emitter<'_>);
}
