//! Stage 5b: the store written out as RDF: Turtle (default), TriG, N-Quads, N-Triples, JSON-LD,
//! for the whole store or one graph, and the atomic file write used for `-o`.
//!
//! Turtle and TriG are sorted by graph, subject, predicate and object so each subject's triples
//! are grouped and the output is stable; N-Triples, N-Quads and JSON-LD stream in store order.
//! Triple formats (Turtle, N-Triples) of the whole store hold the union of all graphs.

use crate::iri::Base;
use crate::query::prefixes;
use crate::store::KgStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};
use oxigraph::store::{StorageError, Store};
use std::io::{self, Write};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the store has no graph <{0}> (list them with `ckg query --query 'SELECT DISTINCT ?g {{ GRAPH ?g {{}} }}'`)"
    )]
    NoSuchGraph(String),
    #[error("reading the store: {0}")]
    Storage(#[from] StorageError),
    #[error("cannot write the export: {0}")]
    Io(#[from] io::Error),
}

/// Formats of `ckg export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Turtle,
    TriG,
    NQuads,
    NTriples,
    JsonLd,
}

impl ExportFormat {
    /// Every format, in the order `--help` lists them: the one table of their names.
    pub const ALL: [Self; 5] = [
        Self::Turtle,
        Self::TriG,
        Self::NQuads,
        Self::NTriples,
        Self::JsonLd,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Turtle => "turtle",
            Self::TriG => "trig",
            Self::NQuads => "nquads",
            Self::NTriples => "ntriples",
            Self::JsonLd => "jsonld",
        }
    }

    /// The file extension that chooses it when `-o` is given without `--format`.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::TriG => "trig",
            Self::NQuads => "nq",
            Self::NTriples => "nt",
            Self::JsonLd => "jsonld",
        }
    }

    /// Other names `--format` accepts for it.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Turtle => &["ttl"],
            Self::NQuads => &["nq"],
            Self::NTriples => &["nt"],
            Self::JsonLd => &["json-ld"],
            Self::TriG => &[],
        }
    }

    /// The format of a name or alias, any case.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.name() == name || f.aliases().contains(&name.as_str()))
    }

    /// The format a file's extension names (`.ttl`, `.trig`, `.nq`, `.nt`, `.jsonld`), if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extension() == ext)
    }

    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::TriG => RdfFormat::TriG,
            Self::NQuads => RdfFormat::NQuads,
            Self::NTriples => RdfFormat::NTriples,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: Default::default(),
            },
        }
    }

    fn keeps_graphs(self) -> bool {
        self.rdf_format().supports_datasets()
    }

    fn sorted(self) -> bool {
        matches!(self, Self::Turtle | Self::TriG)
    }
}

impl KgStore {
    /// Writes the store (or one graph) to `out` in `format`; returns the number of statements.
    pub fn export(
        &self,
        format: ExportFormat,
        graph: Option<&NamedNode>,
        base: &Base,
        out: impl Write,
    ) -> Result<u64, ExportError> {
        export(self.inner(), format, graph, base, out)
    }
}

/// Writes the store (or one graph) to `out`; returns the number of statements written.
pub(crate) fn export(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    base: &Base,
    out: impl Write,
) -> Result<u64, ExportError> {
    if let Some(g) = graph {
        if !store.contains_named_graph(g)? {
            return Err(ExportError::NoSuchGraph(g.as_str().to_string()));
        }
    }
    let mut ser = RdfSerializer::from_format(format.rdf_format());
    if !matches!(format, ExportFormat::NTriples | ExportFormat::NQuads) {
        for (p, iri) in prefixes(base) {
            ser = ser.with_prefix(p, iri).expect("project prefixes are valid");
        }
    }
    let mut writer = ser.for_writer(out);
    let pattern_graph = graph.map(GraphNameRef::from);
    let quads = store.quads_for_pattern(None, None, None, pattern_graph);

    let mut n = 0u64;
    let mut emit =
        |q: Quad, writer: &mut oxigraph::io::WriterQuadSerializer<_>| -> io::Result<()> {
            n += 1;
            if format.keeps_graphs() {
                writer.serialize_quad(&q)
            } else {
                writer.serialize_triple(q.as_ref())
            }
        };
    if format.sorted() || !format.keeps_graphs() && graph.is_none() {
        // Sort for grouping and stability; for triple formats of several graphs, also drop
        // triples that several graphs share.
        let mut all: Vec<(String, Quad)> = Vec::new();
        for q in quads {
            let q = q?;
            let key = if format.keeps_graphs() {
                format!(
                    "{} {} {} {}",
                    graph_key(&q.graph_name),
                    q.subject,
                    q.predicate,
                    q.object
                )
            } else {
                format!("{} {} {}", q.subject, q.predicate, q.object)
            };
            all.push((key, q));
        }
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        all.dedup_by(|a, b| a.0 == b.0);
        for (_, q) in all {
            emit(q, &mut writer)?;
        }
    } else {
        for q in quads {
            emit(q?, &mut writer)?;
        }
    }
    writer.finish()?;
    Ok(n)
}

fn graph_key(g: &GraphName) -> String {
    match g {
        GraphName::DefaultGraph => String::new(),
        other => other.to_string(),
    }
}
