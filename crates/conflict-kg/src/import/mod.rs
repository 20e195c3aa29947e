//! Importing event datasets (ACLED, UCDP GED) into the graph beside the curated reports.
//!
//! This file is the public face: [`import`], what it takes ([`Options`], [`Target`],
//! [`Progress`]) and what it gives ([`Summary`], [`ImportError`]). The rest is one concept a
//! file:
//! - `dataset.rs`: the `Dataset` trait (bind the columns, parse a row purely, give its event
//!   id, emit its quads), implemented by `acled.rs` and `ucdp.rs`, which own their columns, the
//!   checks of every field and what a row becomes;
//! - `fields.rs`: the CSV toolkit (header, column binding, checked rows, field checks, faults);
//! - `conversion.rs`: the streaming conversion of one file, generic over the dataset, with the
//!   duplicate-id check and the bad-row bookkeeping; `rejects.rs`: the rejects file;
//! - `emitter.rs`: the quads of a checked row (incident, claims, actors, place chain, geometry);
//!   `derived.rs`: the import's aggregate (incidents per governorate and month), the digest of
//!   the curated hierarchy its derived data were computed from, and their refresh by `ckg build`;
//! - `sink.rs`: where the quads go (dry run, N-Quads file, store);
//! - `naming.rs`: import names, graph names (`{base}graph/import/{dataset}/{name}`), slugs;
//! - `error.rs`: [`ImportError`];
//! - `aliases.rs`: the alias table; `reconcile.rs`: the matching of dataset names to curated
//!   actors and places.
//!
//! Invariants:
//! - **Streaming.** Rows are read, converted and handed to oxigraph's bulk loader one at a
//!   time; memory grows with the number of distinct actors and places (a few thousand) and by
//!   a 128-bit fingerprint of each event id (the duplicate-id check: ~75 MB at its peak for a
//!   million rows), never with the rows' contents.
//! - **Deterministic.** The same file, base and data give the same quads: IRIs come from the
//!   dataset's ids and names, never from row order or time.
//! - **Checked before written.** A row is parsed and its event id checked before any of its
//!   quads is emitted, so a bad row leaves nothing behind and each actor, place and geometry is
//!   written once per file.
//! - **All or nothing.** Rows go into a staged copy of the store ([`crate::store::Staging`]);
//!   the copy replaces the store only when every row converted (or, with `skip_bad_rows`, the
//!   bad ones were set aside) and the load committed. A bad file, an error or a kill leaves the
//!   store as it was.

mod acled;
mod aliases;
mod conversion;
mod dataset;
pub(crate) mod derived;
mod emitter;
mod error;
mod fields;
mod naming;
mod reconcile;
mod rejects;
mod sink;
mod ucdp;

pub use crate::progress::{Progress, Silent};
pub use aliases::AliasTable;
pub use error::ImportError;
pub use naming::{check_name, default_name, default_rejects_path};
pub use reconcile::Reference;

use crate::iri::Base;
use crate::store::StoreError;
use conversion::Conversion;
use dataset::Dataset;
use oxigraph::model::NamedNode;
use sink::Sink;
use std::path::{Path, PathBuf};

/// The bulk loader's memory target when none is given (`--max-memory`).
pub const DEFAULT_MAX_MEMORY_MB: usize = 512;

/// Which dataset a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    Acled,
    Ucdp,
}

impl DatasetKind {
    /// The short id used in IRIs: `acled`, `ucdp` (also the source id in `sources.toml`).
    pub fn id(self) -> &'static str {
        match self {
            DatasetKind::Acled => "acled",
            DatasetKind::Ucdp => "ucdp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DatasetKind::Acled => "ACLED",
            DatasetKind::Ucdp => "UCDP GED",
        }
    }
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: DatasetKind,
    pub input: PathBuf,
    /// The import name (graph `…/graph/import/{dataset}/{name}`).
    pub name: String,
    pub base: Base,
    /// Import the good rows and write the bad ones to `rejects` instead of failing.
    pub skip_bad_rows: bool,
    /// Where rejected rows go (with `skip_bad_rows`; not written by a dry run).
    pub rejects: PathBuf,
}

/// Where the quads go.
pub enum Target<'a> {
    /// Convert and validate; write nothing.
    DryRun,
    /// Write the quads to an N-Quads file (atomically); no store.
    NQuads(&'a Path),
    /// Replace the import's graph in the store.
    Store {
        path: &'a Path,
        /// Memory target of oxigraph's bulk loader, in MB.
        max_memory_mb: usize,
        /// Runs when the new store is complete and about to replace the old one (tests use it to
        /// kill an import at its last moment).
        before_publish: &'a dyn Fn(),
    },
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub graph: String,
    /// Data rows read (header excluded).
    pub rows: u64,
    /// Incidents written (one per good row).
    pub incidents: u64,
    /// Rows set aside (with `skip_bad_rows`).
    pub rejected: u64,
    /// Quads written to the graph.
    pub quads: u64,
    /// Quads of the graph's previous version, removed.
    pub replaced: u64,
    /// Where the rejected rows were written, if anywhere.
    pub rejects_file: Option<PathBuf>,
}

/// Imports one file: reads the curated reference, converts every row and writes to `target`.
pub fn import(
    options: &Options,
    reference: &Reference,
    target: Target<'_>,
    progress: &dyn Progress,
) -> Result<Summary, ImportError> {
    match options.kind {
        DatasetKind::Acled => import_as::<acled::Acled>(options, reference, target, progress),
        DatasetKind::Ucdp => import_as::<ucdp::Ucdp>(options, reference, target, progress),
    }
}

fn import_as<D: Dataset>(
    options: &Options,
    reference: &Reference,
    target: Target<'_>,
    progress: &dyn Progress,
) -> Result<Summary, ImportError> {
    let graph = naming::graph_name(&options.base, D::KIND, &options.name);
    match target {
        Target::DryRun => convert::<D>(options, reference, &graph, sink::DryRun, progress),
        Target::NQuads(path) => convert::<D>(
            options,
            reference,
            &graph,
            sink::NQuadsFile { path },
            progress,
        ),
        Target::Store {
            path,
            max_memory_mb,
            before_publish,
        } => {
            // A store this import creates is removed again if the import fails.
            let existed = path.join("CURRENT").is_file();
            let result = convert::<D>(
                options,
                reference,
                &graph,
                sink::StoreGraph {
                    path,
                    graph: &graph,
                    max_memory_mb,
                    before_publish,
                    progress,
                },
                progress,
            );
            let in_use = matches!(result, Err(ImportError::Store(StoreError::InUse { .. })));
            if result.is_err() && !in_use && !existed && path.exists() {
                let _ = std::fs::remove_dir_all(path);
                let _ = std::fs::remove_file(crate::store::sibling(path, "lock"));
            }
            result
        }
    }
}

/// Converts the file into `sink`. The file and its header are checked before the sink is
/// touched.
fn convert<D: Dataset>(
    options: &Options,
    reference: &Reference,
    graph: &NamedNode,
    sink: impl Sink,
    progress: &dyn Progress,
) -> Result<Summary, ImportError> {
    let mut conversion =
        Conversion::<D>::open(options, reference, graph, sink.writes_rejects(), progress)?;
    let replaced = sink.consume(&mut conversion)?;
    Ok(Summary {
        replaced,
        ..conversion.into_summary()
    })
}
