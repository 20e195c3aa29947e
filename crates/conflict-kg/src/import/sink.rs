//! Where a conversion's quads go: a [`Sink`] consumes the stream (after ripgrep's searcher and
//! its sinks) and stops at its first error, leaving its target as it was. Three sinks, one per
//! [`super::Target`]:
//! - [`DryRun`]: takes the quads and drops them (every row is still checked);
//! - [`NQuadsFile`]: writes them through [`crate::fsutil::write_atomically_with`], so the file is
//!   replaced whole or not at all;
//! - [`StoreGraph`]: bulk-loads them into a staged copy of the store without the import's graph
//!   ([`KgStore::stage_without`]), commits, and swaps the copy in
//!   ([`crate::store::Staging::publish`]). Until the swap the store is untouched; a failure or a
//!   kill leaves it as it was.

use super::{ImportError, Progress};
use crate::store::KgStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};
use std::path::Path;

pub(super) trait Sink {
    /// Whether rejected rows go to the rejects file (`--skip-bad-rows`) with this sink.
    fn writes_rejects(&self) -> bool {
        true
    }

    /// Takes every quad of `quads`, or stops at the first error (the target then as it was).
    /// Returns how many quads of the graph's previous version were replaced.
    fn consume(
        self,
        quads: impl Iterator<Item = Result<Quad, ImportError>>,
    ) -> Result<u64, ImportError>;
}

/// Checks every row and writes nothing (not even the rejects).
pub(super) struct DryRun;

impl Sink for DryRun {
    fn writes_rejects(&self) -> bool {
        false
    }

    fn consume(
        self,
        quads: impl Iterator<Item = Result<Quad, ImportError>>,
    ) -> Result<u64, ImportError> {
        for q in quads {
            q?;
        }
        Ok(0)
    }
}

/// An N-Quads file, written atomically; no store.
pub(super) struct NQuadsFile<'a> {
    pub(super) path: &'a Path,
}

impl Sink for NQuadsFile<'_> {
    fn consume(
        self,
        quads: impl Iterator<Item = Result<Quad, ImportError>>,
    ) -> Result<u64, ImportError> {
        let path = self.path;
        let write_err = |source| ImportError::Write {
            path: path.to_path_buf(),
            source,
        };
        crate::fsutil::write_atomically_with(path, write_err, |w| {
            let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(w);
            for q in quads {
                ser.serialize_quad(&q?).map_err(write_err)?;
            }
            ser.finish().map_err(write_err)?;
            Ok(0)
        })
    }
}

/// The import's graph in the store, replaced whole.
pub(super) struct StoreGraph<'a> {
    pub(super) path: &'a Path,
    pub(super) graph: &'a NamedNode,
    /// Memory target of oxigraph's bulk loader, in MB.
    pub(super) max_memory_mb: usize,
    /// Runs when the new store is complete and about to replace the old one.
    pub(super) before_publish: &'a dyn Fn(),
    pub(super) progress: &'a dyn Progress,
}

impl Sink for StoreGraph<'_> {
    fn consume(
        self,
        quads: impl Iterator<Item = Result<Quad, ImportError>>,
    ) -> Result<u64, ImportError> {
        let store = KgStore::open(self.path)?;
        let (staging, replaced) = store.stage_without(self.graph, self.max_memory_mb)?;
        let mut loader = staging
            .inner()
            .bulk_loader()
            .with_max_memory_size_in_megabytes(self.max_memory_mb.max(16));
        // Bad rows (without --skip-bad-rows) or a read error end here: the staged copy is
        // dropped with the loader, the store is untouched.
        loader.load_ok_quads::<ImportError, ImportError>(quads)?;
        self.progress
            .phase("rows converted; writing the store's indexes…");
        loader.commit()?;
        (self.before_publish)();
        staging.publish(store)?;
        Ok(replaced)
    }
}
