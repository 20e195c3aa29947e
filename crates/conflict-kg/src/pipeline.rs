//! The stages joined: a data directory to a validated model, and a model into a store. Each
//! stage keeps its own error type; this module only chains them.

use crate::diag::Problems;
use crate::iri::Base;
use crate::model::{self, Model};
use crate::rdf::{self, RdfError};
use crate::records::{self, RecordsError};
use crate::store::{KgStore, StoreError, Summary};
use oxigraph::model::NamedNode;
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

/// What `build` did: the store's counts, and the import graphs whose derived data followed a
/// change of the curated place hierarchy.
#[derive(Debug, Clone)]
pub struct Built {
    pub summary: Summary,
    /// Import graphs whose `ckg:derivedGovernorate` and aggregate were recomputed, sorted.
    pub refreshed_imports: Vec<NamedNode>,
    /// Import graphs with no record of the hierarchy their derived data follows (imported
    /// before the aggregate existed), left as they were, sorted: they need a re-import.
    pub undigested_imports: Vec<NamedNode>,
}

/// Everything `build` does after validation: quads made, curated graphs replaced and the
/// derived data of the import graphs brought up to the new place hierarchy, in one
/// transaction; counts returned.
pub fn build_into(
    store: &KgStore,
    model: &Model,
    base: &Base,
    before_commit: impl FnOnce(),
) -> Result<Built, PipelineError> {
    let quads = rdf::build_quads(model, base)?;
    let refresh = store.replace_curated_then(
        base,
        &quads,
        |tx| crate::import::derived::refresh(tx, base, model),
        before_commit,
    )?;
    Ok(Built {
        summary: store.summary()?,
        refreshed_imports: refresh.refreshed,
        undigested_imports: refresh.undigested,
    })
}
