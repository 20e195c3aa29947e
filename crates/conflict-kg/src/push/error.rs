//! [`PushError`]: every way a push can fail, each naming the graph, the step and the server's
//! answer, and keeping its cause as its `source`.

use crate::store::StoreError;
use oxigraph::model::NamedNode;
use std::fmt;

/// Which request of a graph's push failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The COUNT before sending (what the server held).
    CountBefore,
    /// Batch `index` (from 1) of `of`: the first is a PUT, the rest POSTs.
    Batch { index: u64, of: u64 },
    /// The COUNT that verifies the graph.
    CountAfter,
}

impl Step {
    pub fn method(self) -> &'static str {
        match self {
            Self::CountBefore | Self::CountAfter => "POST",
            Self::Batch { index: 1, .. } => "PUT",
            Self::Batch { .. } => "POST",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CountBefore => f.write_str("counting the server's triples before the push"),
            Self::Batch { index, of } => write!(f, "batch {index} of {of} ({})", self.method()),
            Self::CountAfter => f.write_str("verifying the server's triple count"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("invalid URL `{url}`: {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "cannot tell the SPARQL query endpoint that goes with {url}: its path is none of the \
         layouts ckg knows (…/store, …/sparql-graph-crud[-auth], …/DATASET/data, \
         …/repositories/ID/rdf-graphs/service); give --query-endpoint"
    )]
    NoQueryEndpoint { url: String },
    #[error("cannot read the password: the environment variable {var} (--password-env) {why}")]
    Password {
        var: String,
        why: &'static str,
        #[source]
        source: Option<std::env::VarError>,
    },
    #[error("the batch size must be at least 1 triple")]
    BadBatch,
    #[error(
        "the store has no graph <{graph}> (`ckg query -q 'SELECT DISTINCT ?g {{ GRAPH ?g {{}} }}'` lists them)"
    )]
    NoSuchGraph { graph: NamedNode },
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("graph {graph}: cannot write its batch as N-Triples: {source}")]
    Serialize {
        graph: NamedNode,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "graph {graph}: {step}: cannot reach {url} ({attempts} attempt{}){hint}",
        if *attempts == 1 { "" } else { "s" }
    )]
    Unreachable {
        graph: NamedNode,
        step: Step,
        url: String,
        attempts: u32,
        hint: String,
        #[source]
        source: Box<ureq::Error>,
    },
    #[error("graph {graph}: {step}: {refusal}")]
    Status {
        graph: NamedNode,
        step: Step,
        refusal: Box<Refusal>,
    },
    #[error(
        "graph {graph}: verification failed: the server holds {server} triples in it after \
         the push, the store {store}{}",
        if server < store {
            "; the server dropped or merged some (push again; if it persists, the server \
             rewrites some terms, e.g. literals it normalises)"
        } else {
            "; the server keeps triples the push did not send (someone else writes to this graph?)"
        }
    )]
    Mismatch {
        graph: NamedNode,
        store: u64,
        server: u64,
    },
    #[error("graph {graph}: {step}: the count from {url} cannot be trusted: {reason}")]
    BadCount {
        graph: NamedNode,
        step: Step,
        url: String,
        reason: String,
    },
}

/// A server's answer that is not 2xx, for [`PushError::Status`].
#[derive(Debug)]
pub struct Refusal {
    pub method: &'static str,
    pub url: String,
    pub code: u16,
    /// "401 Unauthorized"
    pub status: String,
    /// The server's own message (its error page as text, shortened).
    pub message: String,
    pub attempts: u32,
    /// What to do about it, when ckg can tell: " (…)".
    pub hint: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the server answered {} to {} {}",
            self.status, self.method, self.url
        )?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        f.write_str(&self.hint)
    }
}

impl PushError {
    /// Whether this is a failed verification (the graph was sent, but the server's count
    /// differs or cannot be trusted): the CLI's exit code 3.
    pub fn is_verification(&self) -> bool {
        matches!(
            self,
            Self::Mismatch { .. }
                | Self::BadCount {
                    step: Step::CountAfter,
                    ..
                }
        )
    }
}
