//! F6 (issue 16): `ckg query --timeout S` stops a query that runs too long with an error naming
//! the limit, exit 1, and nothing on stdout, whether the limit strikes during an aggregate
//! (before the first answer) or while answers are being written.

use crate::common::*;
use std::time::{Duration, Instant};

/// Every pair of triples, each checked against the store: ten million lookups on the shipped
/// data (minutes), counted before the first answer.
pub const ENDLESS_COUNT: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER EXISTS { ?a ?e ?c } }";
/// A three-way cross join, streamed: the first answers come at once, the last never (joined in
/// memory, so only the check between answers stops it).
pub const ENDLESS_ROWS: &str = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// A count over a three-way cross join, computed wholly in memory: oxigraph never looks at its
/// cancellation token (minutes on the shipped data).
pub const ENDLESS_IN_MEMORY: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn f6_query_timeout_stops_even_a_query_that_never_checks_its_cancellation() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let started = Instant::now();
    let run = ckg()
        .args(["query", "--timeout", "1", "--format", "csv", "--store"])
        .arg(&store)
        .args(["--query", ENDLESS_IN_MEMORY])
        .run()
        .status(1)
        .stderr_contains("exceeded the time limit (--timeout 1s)");
    assert!(run.stdout().is_empty());
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "the limit did not stop it: {took:?}"
    );
}

#[test]
fn f6_query_timeout_stops_a_long_query_with_an_error_naming_the_limit() {
    let dir = tempdir();
    let store = built_in(dir.path());
    for (query, format) in [
        (ENDLESS_COUNT, "json"),
        (ENDLESS_ROWS, "tsv"),
        (ENDLESS_ROWS, "table"),
    ] {
        let started = Instant::now();
        let run = ckg()
            .args(["query", "--timeout", "1", "--format", format, "--store"])
            .arg(&store)
            .args(["--query", query])
            .run()
            .status(1)
            .stderr_contains("exceeded the time limit (--timeout 1s)");
        let took = started.elapsed();
        assert!(
            run.stdout().is_empty(),
            "{format}: printed {:?}",
            &run.stdout()[..200.min(run.stdout().len())]
        );
        assert!(
            took >= Duration::from_secs(1),
            "the query did not really run: {took:?}"
        );
        assert!(
            took < Duration::from_secs(20),
            "the limit did not stop it: {took:?}"
        );
    }
}

#[test]
fn f6_a_query_within_its_time_limit_prints_the_same_answers() {
    let dir = tempdir();
    let store = built_in(dir.path());
    let query = "SELECT ?i WHERE { ?i a ckg:Incident } ORDER BY ?i";
    let plain = ckg()
        .args(["query", "--format", "tsv", "--store"])
        .arg(&store)
        .args(["--query", query])
        .run()
        .success()
        .stdout();
    assert!(plain.lines().count() > 3, "{plain}");
    ckg()
        .args(["query", "--timeout", "30", "--format", "tsv", "--store"])
        .arg(&store)
        .args(["--query", query])
        .run()
        .success()
        .stdout_is(&plain);
}

#[test]
fn f6_a_timeout_that_is_not_a_positive_number_is_a_usage_error() {
    ckg()
        .args(["query", "--timeout", "0", "--query", "ASK {}"])
        .run()
        .status(2)
        .stderr_contains("not a number of seconds greater than 0");
}
