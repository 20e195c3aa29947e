//! `ckg push`: the store's named graphs into a server-class triple store over the SPARQL 1.1
//! Graph Store Protocol, each one verified by a count on the server.
//!
//! For each graph (sorted by IRI): count what the server holds (reported, so a repaired graph
//! shows), PUT the first batch and POST the rest (N-Triples with `Content-Length`, blank nodes
//! skolemised: `batch.rs`, read in a second thread), then count again through the SPARQL
//! query endpoint and fail unless the server's count equals the store's (`verify.rs`). Pushing twice leaves the server as
//! pushing once. A graph of several batches is not replaced atomically on any server: a push
//! that stops half-way leaves that graph partial, and the next push (its PUT) replaces it.
//!
//! This file: the plan (graphs, triples, batches) and the push loop. `endpoints.rs`: the URLs;
//! `http.rs`: the client (auth, retries); `digest.rs`: Digest auth; `error.rs`: [`PushError`].

mod batch;
mod digest;
mod endpoints;
mod error;
#[cfg(test)]
mod fake;
mod http;
mod verify;

pub use endpoints::{Endpoints, ServerKind};
pub use error::{PushError, Refusal, Step};
pub use http::{Auth, Client, Retry};

use crate::iri::Base;
use crate::store::KgStore;
use http::{Answer, Failure, Request};
use oxigraph::model::NamedNode;
use std::time::{Duration, Instant};

/// Triples per request unless `--batch` says otherwise (about 17 MB of N-Triples), for every
/// server but oxigraph ([`ServerKind::default_batch`]).
pub const DEFAULT_BATCH: u64 = 100_000;
/// Triples per request to oxigraph server, whose bulk loader takes them (about 88 MB): 2.1M
/// triples in 58 s against 69 s in batches of 100,000 (fewer bulk loads, each writing and
/// ingesting its own files).
pub const OXIGRAPH_BATCH: u64 = 500_000;

/// What a push will do.
#[derive(Debug, Clone)]
pub struct Plan {
    pub endpoints: Endpoints,
    pub batch: u64,
    pub graphs: Vec<GraphPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphPlan {
    pub graph: NamedNode,
    pub triples: u64,
    pub batches: u64,
}

impl Plan {
    /// Plans the push of `graphs` (every named graph of the store when empty), `batch` triples
    /// a request.
    pub fn new(
        store: &KgStore,
        endpoints: Endpoints,
        graphs: &[NamedNode],
        batch: u64,
    ) -> Result<Self, PushError> {
        if batch == 0 {
            return Err(PushError::BadBatch);
        }
        let chosen = if graphs.is_empty() {
            store.named_graphs()?
        } else {
            let mut chosen = Vec::new();
            for g in graphs {
                if !store.contains_graph(g)? {
                    return Err(PushError::NoSuchGraph { graph: g.clone() });
                }
                if !chosen.contains(g) {
                    chosen.push(g.clone());
                }
            }
            chosen
        };
        let mut plans = Vec::new();
        for graph in chosen {
            let triples = store.graph_len(&graph)? as u64;
            plans.push(GraphPlan {
                batches: batch::batch_count(triples, batch),
                graph,
                triples,
            });
        }
        Ok(Self {
            endpoints,
            batch,
            graphs: plans,
        })
    }

    pub fn triples(&self) -> u64 {
        self.graphs.iter().map(|g| g.triples).sum()
    }

    pub fn requests(&self) -> u64 {
        self.graphs.iter().map(|g| g.batches).sum()
    }
}

/// What the caller is told while a push runs (the CLI draws a progress bar from it).
pub trait Progress {
    /// Graph `index` (from 0) starts.
    fn graph(&self, _index: usize, _plan: &GraphPlan) {}
    /// A batch was accepted by the server.
    fn sent(&self, _triples: u64, _bytes: u64) {}
    /// A request failed and will be sent again after `delay`.
    fn retry(&self, _step: Step, _attempt: u32, _attempts: u32, _delay: Duration, _why: &str) {}
}

/// No progress reports.
pub struct Silent;
impl Progress for Silent {}

/// How one graph went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphReport {
    pub graph: NamedNode,
    pub triples: u64,
    pub batches: u64,
    pub bytes: u64,
    /// What the server held in that graph before the push.
    pub server_before: u64,
    /// What it holds after (equal to `triples`: it was verified).
    pub server_after: u64,
}

/// How a push went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub graphs: Vec<GraphReport>,
    pub triples: u64,
    pub bytes: u64,
    /// Every HTTP request made for the data and the counts, retries included.
    pub requests: u64,
    pub retries: u64,
    pub elapsed: Duration,
}

/// Hooks a caller may run between steps (the CLI's fault-injection test hook).
pub struct Hooks<'a> {
    /// Runs after the first batch of a graph sent in more than one, before the rest.
    pub after_first_batch: &'a dyn Fn(),
}

impl Default for Hooks<'_> {
    fn default() -> Self {
        Self {
            after_first_batch: &|| {},
        }
    }
}

/// Pushes every graph of the plan, in order, verifying each; stops at the first error.
pub fn push(
    store: &KgStore,
    plan: &Plan,
    base: &Base,
    client: &Client,
    progress: &dyn Progress,
    hooks: &Hooks<'_>,
) -> Result<Summary, PushError> {
    let started = Instant::now();
    let mut pusher = Pusher {
        client,
        progress,
        endpoints: &plan.endpoints,
        requests: 0,
        retries: 0,
    };
    let mut reports = Vec::new();
    for (index, g) in plan.graphs.iter().enumerate() {
        progress.graph(index, g);
        let graph = &g.graph;
        let server_before = pusher.count(graph, Step::CountBefore)?;
        let url = plan.endpoints.graph_url(graph);
        let (bytes, sent) = std::thread::scope(|scope| -> Result<(u64, u64), PushError> {
            // The next batch is read and serialised while the current one is on the wire. One
            // reader: reading by predicate in two threads was slower on 2 cores (53 s against
            // 36 s for 2.1M triples to Virtuoso; the server needs the other core).
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            scope.spawn(move || {
                for b in batch::batches(store, graph, base, plan.batch) {
                    let failed = b.is_err();
                    if tx.send(b).is_err() || failed {
                        break;
                    }
                }
            });
            let (mut bytes, mut sent) = (0, 0);
            for (i, b) in rx.into_iter().enumerate() {
                let b = b?;
                let step = Step::Batch {
                    index: i as u64 + 1,
                    of: g.batches.max(i as u64 + 1),
                };
                pusher.send(
                    graph,
                    step,
                    &Request {
                        method: step.method(),
                        url: &url,
                        content_type: Some("application/n-triples"),
                        accept: None,
                        body: &b.body,
                    },
                )?;
                bytes += b.body.len() as u64;
                sent += b.triples;
                progress.sent(b.triples, b.body.len() as u64);
                if i == 0 && g.batches > 1 {
                    (hooks.after_first_batch)();
                }
            }
            Ok((bytes, sent))
        })?;
        let server_after = pusher.count(graph, Step::CountAfter)?;
        if server_after != sent {
            return Err(PushError::Mismatch {
                graph: graph.clone(),
                store: sent,
                server: server_after,
            });
        }
        reports.push(GraphReport {
            graph: graph.clone(),
            triples: sent,
            batches: g.batches,
            bytes,
            server_before,
            server_after,
        });
    }
    Ok(Summary {
        triples: reports.iter().map(|r| r.triples).sum(),
        bytes: reports.iter().map(|r| r.bytes).sum(),
        graphs: reports,
        requests: pusher.requests,
        retries: pusher.retries,
        elapsed: started.elapsed(),
    })
}

struct Pusher<'a> {
    client: &'a Client,
    progress: &'a dyn Progress,
    endpoints: &'a Endpoints,
    requests: u64,
    retries: u64,
}

impl Pusher<'_> {
    /// The server's triple count of `graph`, trusted only if complete.
    fn count(&mut self, graph: &NamedNode, step: Step) -> Result<u64, PushError> {
        let form = verify::count_form(graph);
        let url = self.endpoints.query();
        let answer = self.send(
            graph,
            step,
            &Request {
                method: "POST",
                url,
                content_type: Some("application/x-www-form-urlencoded"),
                accept: Some(verify::ACCEPT),
                body: form.as_bytes(),
            },
        )?;
        verify::parse_count(&answer).map_err(|reason| PushError::BadCount {
            graph: graph.clone(),
            step,
            url: url.to_owned(),
            reason,
        })
    }

    fn send(
        &mut self,
        graph: &NamedNode,
        step: Step,
        req: &Request<'_>,
    ) -> Result<Answer, PushError> {
        let progress = self.progress;
        let mut retries = 0;
        let result = self.client.send(req, &mut |attempt, attempts, delay, why| {
            retries += 1;
            progress.retry(step, attempt, attempts, delay, why);
        });
        self.retries += retries;
        self.requests += retries + 1;
        result.map_err(|f| self.failure(graph, step, req, f))
    }

    fn failure(&self, graph: &NamedNode, step: Step, req: &Request<'_>, f: Failure) -> PushError {
        let partial = match step {
            Step::CountBefore => "",
            Step::Batch { .. } | Step::CountAfter => {
                "; the server's copy of this graph may now be incomplete: push again to replace it"
            }
        };
        match f {
            Failure::Unreachable { attempts, source } => PushError::Unreachable {
                graph: graph.clone(),
                step,
                url: req.url.to_owned(),
                attempts,
                hint: partial.to_owned(),
                source: Box::new(source),
            },
            Failure::Status { attempts, answer } => {
                let mut hint = self.status_hint(&answer, step);
                if answer.status >= 500 {
                    hint.push_str(partial);
                }
                PushError::Status {
                    graph: graph.clone(),
                    step,
                    refusal: Box::new(Refusal {
                        method: req.method,
                        url: req.url.to_owned(),
                        code: answer.status,
                        status: answer.status_line(),
                        message: answer.message(),
                        attempts,
                        hint,
                    }),
                }
            }
        }
    }

    /// What to do about a refusal, when we can tell.
    fn status_hint(&self, answer: &Answer, step: Step) -> String {
        let auth = self.client.auth();
        let asks = answer.challenges().join(", ");
        let hint = match answer.status {
            401 => {
                let lower = asks.to_ascii_lowercase();
                let (digest, basic) = (lower.contains("digest"), lower.contains("basic"));
                match auth {
                    Auth::None if digest => format!(
                        "the server asks for {asks}: give --user and --password-env (digest is \
                         the default with --user)"
                    ),
                    Auth::None if basic => format!(
                        "the server asks for {asks}: give --user, --password-env and --auth basic"
                    ),
                    Auth::None if lower.contains("bearer") => {
                        format!("the server asks for {asks}: give --auth bearer and --password-env")
                    }
                    Auth::None => {
                        "the server wants credentials: give --user and --password-env".to_owned()
                    }
                    Auth::Basic { .. } if digest && !basic => {
                        format!("the server asks for {asks}: use --auth digest")
                    }
                    Auth::Digest { .. } if basic && !digest => {
                        format!("the server asks for {asks}: use --auth basic")
                    }
                    _ => format!(
                        "the server refused the credentials{} ({} auth): check --user and the \
                         password in the --password-env variable",
                        auth.user()
                            .map(|u| format!(" of user `{u}`"))
                            .unwrap_or_default(),
                        auth.scheme()
                    ),
                }
            }
            403 => {
                "the server refused the request: does this user have write permission?".to_owned()
            }
            404 => match step {
                Step::CountBefore | Step::CountAfter => {
                    "is --query-endpoint the server's SPARQL query endpoint?".to_owned()
                }
                Step::Batch { .. } => "is this the server's Graph Store Protocol URL (oxigraph: \
                     …/store, Virtuoso: …/sparql-graph-crud-auth)?"
                    .to_owned(),
            },
            405 | 501 => "this URL does not take the request: is it the server's Graph Store \
                 Protocol (or query) endpoint?"
                .to_owned(),
            413 => "the request is too large for the server: lower --batch".to_owned(),
            415 => "the server does not take N-Triples at this URL".to_owned(),
            300..=399 => match answer.header("location") {
                Some(to) => format!("the server redirects to {to}: push to that URL"),
                None => "the server redirects".to_owned(),
            },
            _ => String::new(),
        };
        if hint.is_empty() {
            hint
        } else {
            format!(" ({hint})")
        }
    }
}

/// Reads the password (or token) from the environment variable `var`.
pub fn secret_from_env(var: &str) -> Result<String, PushError> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Ok(v),
        Ok(_) => Err(PushError::Password {
            var: var.to_owned(),
            why: "is empty",
            source: None,
        }),
        Err(source) => Err(PushError::Password {
            var: var.to_owned(),
            why: match source {
                std::env::VarError::NotPresent => "is not set",
                std::env::VarError::NotUnicode(_) => "is not valid UTF-8",
            },
            source: Some(source),
        }),
    }
}

#[cfg(test)]
mod tests;
