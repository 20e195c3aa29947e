//! conflict-kg: conflict incidents, actors, places and sources as an RDF knowledge graph, with
//! who claimed every fact and where it was published.
//!
//! The pipeline reads as a straight line (see `ARCHITECTURE.md`):
//! `records` (TOML → typed records) → `model` (validated, no RDF) → `rdf` (pure functions
//! making quads) → `store` (oxigraph on disk) → `query` / `export`. Beside it, `gazetteer`
//! (GeoNames / Wikidata readers) and `link` (matching places and actors to them).

pub mod dates;
pub mod diag;
pub mod export;
pub mod gazetteer;
pub mod geojson;
pub mod import;
pub mod link;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod records;
pub mod store;
pub mod vocab;
