//! conflict-kg: conflict incidents, actors, places and sources as an RDF knowledge graph, with
//! who claimed every fact and where it was published.
//!
//! The curated pipeline reads as a straight line (see `ARCHITECTURE.md`): `records` (TOML →
//! typed records) → `model` (validated, no RDF) → `rdf` (pure functions making quads) → `store`
//! (oxigraph on disk) → `query` / `export` / `geojson`. Beside it, [`import`] streams event
//! datasets (ACLED, UCDP) into graphs of their own, [`gazetteer`] reads GeoNames and Wikidata,
//! [`link`] matches curated places and actors to them, [`push`] sends the store's graphs to
//! a server-class triple store, and [`serve`] puts the store on HTTP, read-only.
//!
//! The modules are private; what a caller may use is re-exported here, flat for the pipeline
//! and under six namespaces ([`import`], [`link`], [`push`], [`serve`], [`gazetteer`], [`vocab`]) whose items would
//! otherwise collide. The library never prints and never parses a command line.

#![warn(unreachable_pub)]

mod dates;
mod diag;
mod export;
mod fsutil;
mod geojson;
mod iri;
mod limits;
mod model;
mod pipeline;
mod progress;
mod query;
mod rdf;
mod records;
mod service;
mod store;
mod timer;
mod wkt;

pub mod extract;
pub mod gazetteer;
pub mod import;
pub mod link;
pub mod push;
pub mod serve;
pub mod vocab;

pub use diag::{Problem, Problems};
pub use export::{ExportError, ExportFormat};
pub use fsutil::{write_atomically, write_batch_atomically};
pub use geojson::{GeoJsonError, GeoJsonSummary};
pub use iri::{Base, InvalidBase};
pub use limits::{LimitError, LimitedResults, QueryLimits, Watchdog};
pub use model::{ClaimDetail, DraftReference, DraftStatus, Model, ReviewItem};
pub use pipeline::{Built, PipelineError, build_into, load};
pub use progress::{Progress, Silent};
pub use query::{OutputFormat, QueryError, TABLE_SAMPLE_ROWS, write_results};
pub use rdf::{ONTOLOGY_TTL, RdfError, build_quads};
pub use store::{KgStore, Optimized, StoreError, Summary};

#[cfg(test)]
mod proptests;
