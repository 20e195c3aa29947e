//! The stages joined: a data directory to a validated model, and a model into a store. Each
//! stage keeps its own error type; this module only chains them.

use crate::diag::Problems;
use crate::iri::Base;
use crate::model::{self, Model};
use crate::rdf::{self, RdfError};
use crate::records::{self, RecordsError};
use crate::store::{KgStore, StoreError, Summary};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0}")]
    Records(#[source] RecordsError),
    #[error("{0}")]
    Invalid(#[source] Problems),
    #[error("{0}")]
    Rdf(#[from] RdfError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Reads and validates a data directory. Touches no store.
pub fn load(data_dir: &Path) -> Result<Model, PipelineError> {
    let dataset = records::read_dataset(data_dir).map_err(|e| match e {
        RecordsError::Invalid(p) => PipelineError::Invalid(p.found_in(data_dir)),
        other => PipelineError::Records(other),
    })?;
    model::validate(&dataset).map_err(|p| PipelineError::Invalid(p.found_in(data_dir)))
}

/// Everything `build` does after validation: quads made, curated graphs replaced in one
/// transaction, counts returned.
pub fn build_into(
    store: &KgStore,
    model: &Model,
    base: &Base,
    before_commit: impl FnOnce(),
) -> Result<Summary, PipelineError> {
    let quads = rdf::build_quads(model, base)?;
    store.replace_curated(base, &quads, before_commit)?;
    Ok(store.summary()?)
}
