//! [`ImportError`]: every way an import can fail, each keeping its cause as its `source`.
//!
//! Row problems are not errors one by one: a conversion collects them and, in a strict import,
//! ends with one [`ImportError::BadRows`] holding them all.

use crate::diag::Problems;
use crate::store::StoreError;
use std::path::PathBuf;

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
    /// The bulk loader failed (`From`, so the loader can take a fallible stream of quads).
    #[error("cannot load into the staged store: {0}")]
    Load(#[from] oxigraph::store::StorageError),
    #[error("{0}")]
    Store(#[from] StoreError),
}
