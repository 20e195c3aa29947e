//! One module per subcommand: each turns its arguments into calls of the library and prints
//! the outcome. Only this layer prints, and only it uses `anyhow`.

pub mod build;
pub mod export;
pub mod import;
pub mod link;
pub mod optimize;
pub mod query;
pub mod validate;

use crate::cli::BaseArg;
use conflict_kg::rdf::Base;
use std::io;

/// Whether the error is stdout's reader going away (`ckg query … | head`): not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use conflict_kg::{export::ExportError, query::QueryError};
    e.chain().any(|c| {
        let io = c
            .downcast_ref::<io::Error>()
            .or_else(|| match c.downcast_ref::<ExportError>() {
                Some(ExportError::Io(e)) => Some(e),
                _ => None,
            })
            .or_else(|| match c.downcast_ref::<QueryError>() {
                Some(QueryError::Io(e)) => Some(e),
                _ => None,
            });
        io.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Prints an error and its causes to stderr.
pub fn report_error(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !e.to_string().contains(&text) {
            eprintln!("  caused by: {text}");
        }
    }
}

pub fn base(arg: &BaseArg) -> anyhow::Result<Base> {
    Ok(Base::new(&arg.base)?)
}

/// Input problems are printed one per line, then a count.
pub fn problems_error(problems: &conflict_kg::diag::Problems, what: &str) -> anyhow::Error {
    for p in problems.iter() {
        eprintln!("{p}");
    }
    anyhow::anyhow!(
        "{} problem{} found in {what}; nothing was written",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )
}
