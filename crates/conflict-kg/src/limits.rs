//! Limits on one SPARQL query: a time limit that cancels evaluation (oxigraph's
//! `CancellationToken`, cancelled by a watchdog thread that stops as soon as the query is done)
//! and a row cap, with a typed error naming the limit that struck. Used by `ckg query --timeout`
//! and by `ckg serve`; the query itself is prepared by `query.rs` (same prefixes, GeoSPARQL
//! functions, union default graph).
//!
//! Invariant: an answer cut by the time limit is never reported as complete. Evaluation is lazy,
//! so the limit can strike while the answers are being written; every error of the iteration is
//! checked against the watchdog and turned into [`LimitError::Timeout`].

use crate::iri::Base;
use crate::query::{OutputFormat, QueryError, evaluator, prepare, write_results};
use crate::store::KgStore;
use oxigraph::model::NamedNode;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
    SparqlEvaluator, Variable,
};
use oxigraph::store::Store;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What one query may use. `None` is no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueryLimits {
    /// Wall-clock time from the start of evaluation to the last answer written.
    pub timeout: Option<Duration>,
    /// At most this many solutions (SELECT) or triples (CONSTRUCT/DESCRIBE) are returned.
    pub max_rows: Option<u64>,
    /// Whether SERVICE may call other endpoints (`ckg serve --allow-service`); off by default.
    pub allow_service: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    #[error(
        "the query was stopped after {}: it exceeded the time limit (--timeout {}); \
         no answer was given, rather than a partial one",
        seconds(*limit),
        seconds(*limit)
    )]
    Timeout { limit: Duration },
    #[error(transparent)]
    Query(#[from] QueryError),
}

impl LimitError {
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}s")
    } else {
        format!("{s}s")
    }
}

/// Cancels a token when the time limit passes, unless dropped first (the query finished).
/// The clock is the process's one timer thread (`timer.rs`): starting and stopping it is a map
/// insert and removal, not a thread per query.
pub struct Watchdog {
    limit: Option<Duration>,
    fired: Arc<AtomicBool>,
    _scheduled: Option<crate::timer::Scheduled>,
}

impl Watchdog {
    /// Starts the clock for `token`; with no limit, does nothing.
    pub fn start(limit: Option<Duration>, token: CancellationToken) -> Self {
        let fired = Arc::new(AtomicBool::new(false));
        let Some(limit) = limit else {
            return Self {
                limit,
                fired,
                _scheduled: None,
            };
        };
        let flag = Arc::clone(&fired);
        let scheduled = crate::timer::after(limit, move || {
            flag.store(true, Ordering::SeqCst);
            token.cancel();
        });
        if scheduled.is_none() {
            // No thread to keep time: cancel at once rather than run without the limit.
            fired.store(true, Ordering::SeqCst);
        }
        Self {
            limit: Some(limit),
            fired,
            _scheduled: scheduled,
        }
    }

    fn fired_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.fired)
    }

    /// Whether the limit struck.
    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Turns an error met while evaluating into a timeout if the watchdog caused it.
    pub fn classify(&self, e: QueryError) -> LimitError {
        match (self.limit, self.fired(), &e) {
            (Some(limit), true, _)
            | (Some(limit), _, QueryError::Evaluation(QueryEvaluationError::Cancelled)) => {
                LimitError::Timeout { limit }
            }
            _ => LimitError::Query(e),
        }
    }

    /// The same for a bare evaluation error (while iterating answers).
    pub fn classify_evaluation(&self, e: QueryEvaluationError) -> LimitError {
        self.classify(QueryError::Evaluation(e))
    }
}

/// A query's answers with the clock that limits them; drop it to stop the clock.
pub struct LimitedResults<'a> {
    pub results: QueryResults<'a>,
    pub watchdog: Watchdog,
}

/// oxigraph checks its token when it reads the store, not while it joins in memory: a cross
/// product streams answers without ever reading again. Checking the limit before each answer
/// stops those too (an aggregate computed wholly in memory is still only stopped when done).
fn checked_between_answers(results: QueryResults<'_>, fired: Arc<AtomicBool>) -> QueryResults<'_> {
    fn check<T>(
        fired: &AtomicBool,
        item: Result<T, QueryEvaluationError>,
    ) -> Result<T, QueryEvaluationError> {
        if fired.load(Ordering::Relaxed) {
            Err(QueryEvaluationError::Cancelled)
        } else {
            item
        }
    }
    match results {
        QueryResults::Solutions(solutions) => {
            let variables: Arc<[Variable]> = solutions.variables().into();
            QueryResults::Solutions(QuerySolutionIter::new(
                variables,
                solutions.map(move |s| check(&fired, s)),
            ))
        }
        QueryResults::Graph(triples) => {
            QueryResults::Graph(QueryTripleIter::new(triples.map(move |t| check(&fired, t))))
        }
        boolean @ QueryResults::Boolean(_) => boolean,
    }
}

impl LimitedResults<'_> {
    /// Writes the answers in `format` (as [`write_results`]); a timeout while writing is
    /// [`LimitError::Timeout`], and what was written before it must be thrown away.
    pub fn write(
        self,
        format: OutputFormat,
        base: &Base,
        out: &mut impl Write,
    ) -> Result<(), LimitError> {
        let LimitedResults { results, watchdog } = self;
        write_results(results, format, base, out).map_err(|e| watchdog.classify(e))
    }
}

impl KgStore {
    /// As [`KgStore::query`], under `limits`: evaluation is cancelled when the time limit
    /// passes (also while the answers are iterated). The row cap
    /// is applied by whoever writes the answers (`ckg serve`), which can say the answer was cut.
    pub fn query_limited(
        &self,
        text: &str,
        origin: &str,
        base: &Base,
        limits: &QueryLimits,
    ) -> Result<LimitedResults<'_>, LimitError> {
        let query = LimitedQuery {
            text,
            origin,
            dataset: None,
        };
        run_limited(
            self.inner(),
            &query,
            base,
            limits,
            evaluator(base),
            CancellationToken::new(),
        )
    }
}

/// The dataset a SPARQL Protocol request names (`default-graph-uri`, `named-graph-uri`); it
/// replaces the query's own FROM and the union default graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProtocolDataset {
    pub(crate) default_graphs: Vec<NamedNode>,
    pub(crate) named_graphs: Vec<NamedNode>,
}

/// A query to run: its text, where it came from (for errors), and the dataset a protocol
/// request named, if any.
pub(crate) struct LimitedQuery<'q> {
    pub(crate) text: &'q str,
    pub(crate) origin: &'q str,
    pub(crate) dataset: Option<&'q ProtocolDataset>,
}

/// Prepares and starts `query` under `limits`. `evaluator` is `query::evaluator(base)` (the
/// server builds it once, not per query: the GeoSPARQL functions and the prefixes' IRIs cost
/// more than a small query); `token` cancels the query (the watchdog at the time limit, and
/// whoever else holds a clone: the server when the client goes away).
pub(crate) fn run_limited<'a>(
    store: &'a Store,
    query: &LimitedQuery<'_>,
    base: &Base,
    limits: &QueryLimits,
    evaluator: SparqlEvaluator,
    token: CancellationToken,
) -> Result<LimitedResults<'a>, LimitError> {
    // oxigraph is built without its HTTP client, so SERVICE has no handler and fails (a query
    // cannot make the process fetch URLs) unless it is allowed.
    let mut e = evaluator.with_cancellation_token(token.clone());
    if limits.allow_service {
        e = e.with_default_service_handler(crate::service::HttpService::new(limits.timeout));
    }
    let watchdog = Watchdog::start(limits.timeout, token);
    let mut prepared = prepare(e, query.text, query.origin, base)?;
    if let Some(d) = query.dataset {
        let target = prepared.dataset_mut();
        if !d.default_graphs.is_empty() {
            target.set_default_graph(d.default_graphs.iter().cloned().map(Into::into).collect());
        }
        if !d.named_graphs.is_empty() {
            target.set_available_named_graphs(
                d.named_graphs.iter().cloned().map(Into::into).collect(),
            );
        }
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| watchdog.classify(QueryError::Evaluation(e)))?;
    let results = checked_between_answers(results, watchdog.fired_flag());
    Ok(LimitedResults { results, watchdog })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watchdog_dropped_before_its_limit_never_cancels() {
        let token = CancellationToken::new();
        let w = Watchdog::start(Some(Duration::from_millis(50)), token.clone());
        drop(w);
        std::thread::sleep(Duration::from_millis(120));
        assert!(!token.is_cancelled());
    }

    #[test]
    fn a_watchdog_cancels_at_its_limit_and_names_it() {
        let token = CancellationToken::new();
        let w = Watchdog::start(Some(Duration::from_millis(20)), token.clone());
        std::thread::sleep(Duration::from_millis(200));
        assert!(token.is_cancelled() && w.fired());
        let e = w.classify(QueryError::Evaluation(QueryEvaluationError::Cancelled));
        assert!(e.is_timeout());
        assert!(e.to_string().contains("--timeout 0.02s"), "{e}");
    }
}
